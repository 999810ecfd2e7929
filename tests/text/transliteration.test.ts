import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/text/normalize.js';
import { phoneticKey, sameTransliteration } from '../../src/text/transliteration.js';
import { KbRecognizer } from '../../src/models/kb/gazetteer.js';
import { loadKnowledgeBase } from '../../src/resources/kb.js';
import { segmented } from '../helpers/documents.js';

const same = (a: string, b: string) => sameTransliteration(nameKey(a), nameKey(b));

describe('sameTransliteration', () => {
  it.each([
    ['Hizbullah', 'Hezbollah'],
    ['Hizballah', 'Hezbollah'],
    ['Qaani', 'Qa’ani'],
    ['Qaani', 'Qani'],
    ["Kata'ib Hizballah", 'Kataib Hezbollah'],
    ['Kataeb Hezbollah', 'Kata’ib Hizballah'],
    ['Harakat al-Nujaba', 'Harakat Nujabaa'],
    ['Esmail Qaani', 'Ismail Qaani'],
    ['Muhammad', 'Mohammed'],
    ['Soleimani', 'Suleimani'],
    ['Houthi', 'Huthi'],
    ["Asa'ib Ahl al-Haq", 'Asaib Ahl al-Haq'],
    ['Al-Mayadeen', 'al Mayadeen'],
  ])('%s ~ %s', (a, b) => {
    expect(same(a, b)).toBe(true);
  });

  it.each([
    ['Iran', 'Iraq'],
    ['Hamas', 'Hamdan'],
    ['Hezbollah', 'Hizbullah Brigades'],
    ['Israeli', 'Israel'],
    ['Iraqi', 'Iraq'],
    ['Syrian', 'Syria'],
    ['Saleh', 'Salah'],
    ['Gaza', 'Giza'],
    ['Ali', 'Ala'],
    ['Island', 'Iceland'],
    ['Minister', 'Ministry'],
    ['Hamas', 'Hama'],
    ['Beirut', 'Baghdad'],
    ['Sharia', 'al-Sharaa'],
    ['Somali', 'Somalia'],
    ['Niger', 'Nigeria'],
  ])('%s ≁ %s', (a, b) => {
    expect(same(a, b)).toBe(false);
  });

  it('buckets variants under one phonetic key', () => {
    expect(phoneticKey(nameKey('Hizbullah'))).toBe(phoneticKey(nameKey('Hezbollah')));
    expect(phoneticKey(nameKey('Esmail'))).toBe(phoneticKey(nameKey('Ismail')));
  });
});

describe('KbRecognizer with unlisted spellings', () => {
  const recognizer = new KbRecognizer(loadKnowledgeBase());
  const ids = (text: string) =>
    recognizer.recognizeOne(segmented(text)).map((c) => [text.slice(c.start, c.end), c.kbId, c.provenance.rule]);

  it('links a spelling the knowledge base does not list to the entry it transliterates', () => {
    const listed = ids('Hezbollah fired rockets.')[0]!;
    const unlisted = ids('Hizboullah fired rockets.')[0]!;
    expect(listed[1]).toBe('hezbollah');
    expect(unlisted[1]).toBe('hezbollah');
    expect(unlisted[2]).toBe('kb:transliteration');
  });

  it('leaves a word the document gives a person as a surname to that person', () => {
    // "Bashir" spells the port of Bushehr's listed alias "Bushire"; after "Omar al-Bashir" it is the man.
    expect(ids('Bashir ruled for decades.').map((f) => f[1])).toEqual(['bushehr']);
    expect(ids('Sudan ousted Omar al-Bashir in 2019. Bashir ruled for decades.').map((f) => f[0])).toEqual(['Sudan']);
  });

  it('does not turn English words or demonyms into names', () => {
    expect(ids('The Alliance of Small Island States met Israeli officials.').map((f) => f[0])).toEqual([]);
  });
});
