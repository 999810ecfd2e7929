import { describe, expect, it } from 'vitest';
import { NameRulesRecognizer } from '../../../src/models/rules/name-rules.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';
import { analyzeUpTo, segmented } from '../../helpers/documents.js';

const rules = new NameRulesRecognizer(loadLexicons());
const found = (text: string) => rules.recognizeOne(segmented(text)).map((c) => [text.slice(c.start, c.end), c.type, c.provenance.rule]);

describe('names no list holds, typed by their context', () => {
  it('starts a person at a given name and stops before a complement', () => {
    expect(found('In Paris, Marine Le Pen of the Liberty Rally spoke.')).toContainEqual(['Marine Le Pen', 'PERSON', 'given-name']);
    expect(found('He was swapped for the soldier Gilad Shalit.')).toEqual([['Gilad Shalit', 'PERSON', 'given-name']]);
  });

  it('reads initials, bylines and copyright lines', () => {
    expect(found('Later, M. S. Qorbani disagreed.')).toContainEqual(['M. S. Qorbani', 'PERSON', 'initials']);
    const byline = 'A Headline Here\nBy: Y. Carmeli and Noor Voss\n\nThe body of the report follows here with enough words.';
    expect(found(byline)).toEqual(
      expect.arrayContaining([
        ['Y. Carmeli', 'PERSON', 'initials'],
        ['Noor Voss', 'PERSON', 'given-name'],
      ]),
    );
    expect(found('Some text here.\n\n© 2024 Qarawi Pressworks. All rights reserved.')).toEqual([
      ['Qarawi Pressworks', 'ORGANIZATION', 'copyright'],
    ]);
  });

  it('types an unknown name from an apposition with a role, or a speech verb', () => {
    expect(found('Tarvo Kessel, an economist at a bank, said rates would fall.')).toEqual([['Tarvo Kessel', 'PERSON', 'apposition']]);
    expect(found('“We will win,” said Lorcan Dufresne.')).toEqual([['Lorcan Dufresne', 'PERSON', 'speaker-shape']]);
  });

  it('a name before ", who", a name apposed between commas before a speech verb, and a role beyond the common ones', () => {
    expect(found('Among the sellers is Oruba Tesfanet, who says prices doubled.')).toContainEqual([
      'Oruba Tesfanet',
      'PERSON',
      'relative-who',
    ]);
    expect(found('Another passenger, Wuraola Dembetsi, told reporters the train stopped.')).toContainEqual([
      'Wuraola Dembetsi',
      'PERSON',
      'speaker-shape',
    ]);
    expect(found('Tevita Olamasi, a research associate at a clinic, said the trial was small.')).toContainEqual([
      'Tevita Olamasi',
      'PERSON',
      'apposition',
    ]);
  });

  it('a hyphenated surname that speaks is a name', () => {
    expect(found('The site was sieged, Vallo-Perrin said.')).toEqual([['Vallo-Perrin', 'PERSON', 'speaker-surname']]);
  });

  it('a single word that speaks is a name only when it is no English word; an acronym that speaks is an organization', () => {
    expect(found('The talks failed, Dufresne said on Monday.')).toEqual([['Dufresne', 'PERSON', 'speaker-surname']]);
    expect(found('The strikes hit two camps, NAVCO said.')).toEqual([['NAVCO', 'ORGANIZATION', 'speaker-acronym']]);
    expect(found('Authorities said the road was closed.')).toEqual([]);
    expect(found('The road was closed, Lawmakers said.')).toEqual([]);
    expect(found('Critics said the plan would fail.')).toEqual([]);
  });

  it('types places from a place noun, its conjuncts and a known place after a comma', () => {
    expect(found('Fighting hit the villages of Kfar Tibnit and Deir Mimas.')).toEqual([
      ['Kfar Tibnit', 'LOCATION', 'place-noun'],
      ['Deir Mimas', 'LOCATION', 'place-noun'],
    ]);
  });

  it('types the name in "the Iran-backed X militia" as an organization, but not a demonym', async () => {
    expect(found('Drones of the Iran-backed Zulqarnain militia struck.')).toEqual([['Zulqarnain', 'ORGANIZATION', 'group-noun']]);
    const doc = await analyzeUpTo('Nuseir Dalati, a reporter in Basra, said it.', 'entities');
    expect(doc.mentions.filter((m) => m.type === 'LOCATION').map((m) => m.text)).toEqual(['Basra']);
  });
});

describe('names given for a name', () => {
  it('joins a parenthesised kunya and an "also known as" name to the person', async () => {
    const doc = await analyzeUpTo(
      'The commander Zuhair Kamil al-Tamimi (Abu Qutaiba) spoke. Later Abu Qutaiba left. Ahmad Hamoudi, also known as Abu Jaafar al-Basri, met him.',
      'resolve',
    );
    const names = doc.entities.map((e) => [e.name, e.aliases]);
    expect(names).toContainEqual(['Zuhair Kamil al-Tamimi', ['Abu Qutaiba']]);
    expect(doc.entities.find((e) => [e.name, ...e.aliases].includes('Ahmad Hamoudi'))?.mentions).toHaveLength(2);
  });

  it('joins two person mentions written side by side into one name', async () => {
    const doc = await analyzeUpTo('Mohammad Raad spoke. Among the dead was Abbas Raad, his son.', 'resolve');
    expect(doc.entities.map((e) => e.name)).toEqual(['Mohammad Raad', 'Abbas Raad']);
  });
});
