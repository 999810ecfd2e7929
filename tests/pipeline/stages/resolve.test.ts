import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../src/document/types.js';
import { resolveEntities } from '../../../src/pipeline/stages/resolve.js';
import { analyzeUpTo, segmented } from '../../helpers/documents.js';

describe('ResolveStage', () => {
  it('groups transliteration variants of one knowledge-base actor and names it by its most complete spelling', async () => {
    const doc = await analyzeUpTo('Kata’ib Hizballah claimed the attack. Kataib Hezbollah later denied it. KH is a militia.', 'resolve');
    const entity = doc.entities.find((e) => e.kbId !== undefined && e.type === 'ORGANIZATION');
    expect(entity?.kbId).toBe('kataib-hizballah');
    expect(entity?.mentions).toHaveLength(3);
    expect(entity?.aliases).toEqual(expect.arrayContaining(['Kataib Hezbollah', 'KH']));
  });

  it('joins "the Pentagon" and "Pentagon"', async () => {
    const doc = await analyzeUpTo('The Pentagon said the base was hit. Pentagon officials agreed.', 'resolve');
    expect(doc.entities.filter((e) => e.name === 'Pentagon')).toHaveLength(1);
    expect(doc.entities.find((e) => e.name === 'Pentagon')!.mentions).toHaveLength(2);
    expect(doc.entities.find((e) => e.name === 'Pentagon')!.kbId).toBe('us-department-of-defense');
  });

  it('gives every mention of an entity one type', async () => {
    const doc = await analyzeUpTo('Hamas said the truce held. Hamas fighters left Rafah.', 'resolve');
    for (const entity of doc.entities) {
      expect(new Set(entity.mentions.map((m) => doc.mentions[m]!.type))).toEqual(new Set([entity.type]));
    }
  });

  it('keeps different actors apart', async () => {
    const doc = await analyzeUpTo('Hezbollah and the Hezbollah Brigades both fired on Iran and Iraq.', 'resolve');
    const names = doc.entities.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['Iran', 'Iraq']));
  });

  it('joins a bare surname to the full name named most so far, and of equals to the closest before it', () => {
    const resolved = (text: string, names: string[]) => {
      const doc = segmented(text);
      let from = 0;
      doc.mentions = names.map((name): Mention => {
        const start = doc.text.indexOf(name, from);
        from = start + name.length;
        return { start, end: from, text: name, type: 'PERSON', sentence: 0, provenance: { source: 'model', model: 'hand', score: 0.9 } };
      });
      doc.aliasLinks = [];
      resolveEntities(doc);
      return doc.entities[doc.mentions.at(-1)!.entity!]!.name;
    };
    const family = 'Sali Berisha was sanctioned. Berisha denied it. His daughter, Argita Berisha, was barred. Berisha rejected the claims.';
    expect(resolved(family, ['Sali Berisha', 'Berisha', 'Argita Berisha', 'Berisha'])).toBe('Sali Berisha');
    const equals = 'Sali Berisha and his daughter Argita Berisha were barred. Berisha rejected the claims.';
    expect(resolved(equals, ['Sali Berisha', 'Argita Berisha', 'Berisha'])).toBe('Argita Berisha');
  });

  it('never joins two different knowledge-base actors, even through an alias link', () => {
    const doc = segmented('Houthi leader Abdulmalik al-Houthi spoke as the Houthis fired.');
    const mention = (text: string, type: Mention['type'], kbId: string): Mention => {
      const start = doc.text.indexOf(text);
      return { start, end: start + text.length, text, type, sentence: 0, kbId, provenance: { source: 'kb', model: 'kb', score: 0.95 } };
    };
    const person = mention('Abdulmalik al-Houthi', 'PERSON', 'abdulmalik-al-houthi');
    const group = mention('Houthis', 'ORGANIZATION', 'houthis');
    doc.mentions = [person, group];
    doc.aliasLinks = [{ alias: { start: person.start, end: person.end }, target: { start: group.start, end: group.end } }];
    resolveEntities(doc);
    expect(doc.entities.map((e) => [e.name, e.type, e.kbId])).toEqual([
      ['Abdulmalik al-Houthi', 'PERSON', 'abdulmalik-al-houthi'],
      ['Houthis', 'ORGANIZATION', 'houthis'],
    ]);
  });
});
