import { describe, expect, it } from 'vitest';
import { languageIndex } from '../../src/resources/language.js';
import { loadLexicons } from '../../src/resources/lexicons.js';
import { isNameParticle, nameParticles, withoutArticle } from '../../src/resources/name-particles.js';
import { NameEchoRecognizer } from '../../src/models/rules/echo.js';
import { nameKey } from '../../src/text/normalize.js';
import { buildDefaultPipeline } from '../../src/pipeline/default.js';
import { makeDocument, segmented } from '../helpers/documents.js';

/** Zones, tokens and the named recognizers' mentions only. */
async function mentionsOf(text: string, recognizers: string[]): Promise<Array<{ text: string; type: string }>> {
  const { pipeline } = buildDefaultPipeline({ entityRecognizers: recognizers, stages: ['zones', 'segment', 'entities'] });
  const doc = makeDocument(text);
  expect(await pipeline.process([doc])).toEqual([]);
  return doc.mentions;
}

const particles = nameParticles();

describe('name words (name-words.json)', () => {
  it('one set of particles serves every reader, built once per lexicons', () => {
    expect(languageIndex(loadLexicons()).particles).toBe(particles);
    expect(languageIndex(loadLexicons()).names).toBe(languageIndex(loadLexicons()).names);
  });

  it('strips every article form, sun-letter ones included', () => {
    expect(withoutArticle(particles, 'adh-dhareefi')).toBe('dhareefi');
    expect(withoutArticle(particles, 'ash-shamrani')).toBe('shamrani');
    expect(withoutArticle(particles, 'al-qadiri')).toBe('qadiri');
    expect(withoutArticle(particles, 'ashford')).toBe('ashford');
    expect(nameKey('Samir adh-Dhareefi')).toBe(nameKey('Samir Dhareefi'));
  });

  it('knows the lower-case words that belong inside a personal name', () => {
    for (const word of ['bin', 'de', 'von', 'abu', 'al-Qadiri', 'ath-Thuwayni']) expect(isNameParticle(particles, word), word).toBe(true);
    for (const word of ['of', 'said', 'al-', 'alqadiri']) expect(isNameParticle(particles, word), word).toBe(false);
  });

  it('a later bare surname echoes a name written with any article form', () => {
    // The echo must find the bare surname after the sun-letter forms ("adh-", "ath-", "ash-") and "ul-" as after "al-".
    for (const article of ['al', 'adh', 'ath', 'ash', 'ul']) {
      const doc = segmented(`Samir ${article}-Dhareefi spoke first. Later Dhareefi left the hall.`);
      const full = doc.text.indexOf('Samir');
      doc.mentions = [
        {
          start: full,
          end: doc.text.indexOf(' spoke'),
          text: doc.text.slice(full, doc.text.indexOf(' spoke')),
          type: 'PERSON',
          sentence: 0,
          provenance: { source: 'rule', model: 'test', score: 0.9 },
        },
      ];
      // Echoes inside the full name itself are merged away by the entity stage; the later one is what counts.
      const later = new NameEchoRecognizer().recognizeOne(doc).filter((e) => e.start > doc.mentions[0]!.end);
      expect(
        later.map((e) => doc.text.slice(e.start, e.end)),
        article,
      ).toEqual(['Dhareefi']);
    }
  });

  it('between a name and its speech verb, the name rules allow adverbs and auxiliaries of the past, not "was" or "were"', async () => {
    const people = async (text: string) => (await mentionsOf(text, ['kb', 'rules'])).filter((m) => m.type === 'PERSON').map((m) => m.text);
    expect(await people('Yesterday Dinamo Kelvane were warned by the league.')).toEqual([]);
    expect(await people('Yesterday Korvan Aldis also said the league was wrong.')).toEqual(['Korvan Aldis']);
  });

  it('acronym initials skip a lower-case particle but count a capitalised one', async () => {
    const mentions = await mentionsOf('Students at the Van Oster Institute (VOI) marched. The Front de Salut Kelvanais (FSK) answered.', [
      'acronyms',
    ]);
    expect(mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['Van Oster Institute', 'VOI', 'Front de Salut Kelvanais', 'FSK']));
  });

  it('an alias introduced by "also known as" never ends in a bare particle', async () => {
    const mentions = await mentionsOf('The commander Tarek Wassouf, also known as Abu Qadir de facto chief of staff, spoke on Monday.', [
      'kb',
      'rules',
      'acronyms',
    ]);
    expect(mentions.map((m) => m.text)).toContain('Abu Qadir');
    expect(mentions.map((m) => m.text)).not.toContain('Abu Qadir de');
  });
});
