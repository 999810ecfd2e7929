import { describe, expect, it } from 'vitest';
import { NameRulesRecognizer } from '../../../src/models/rules/name-rules.js';
import { AcronymRecognizer } from '../../../src/models/rules/acronyms.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';
import { analyzeUpTo, segmented } from '../../helpers/documents.js';

const rules = new NameRulesRecognizer(loadLexicons());
const found = (text: string) => rules.recognizeOne(segmented(text)).map((c) => [text.slice(c.start, c.end), c.type, c.provenance.rule]);

describe('NameRulesRecognizer', () => {
  it('marks a person after a title, leaving the title out', () => {
    expect(found('Yesterday Brig. Gen. Zaid Farhoud spoke.')).toEqual([['Zaid Farhoud', 'PERSON', 'title']]);
    expect(found('The group’s spokesman Qusay Dandal spoke.')).toEqual([['Qusay Dandal', 'PERSON', 'title']]);
    expect(found('Secretary of Defense Lorna Velt spoke.')).toEqual([['Lorna Velt', 'PERSON', 'title']]);
  });

  it('marks kunyas and names with particles as persons', () => {
    expect(found('Later Abu Turab al-Hilfi arrived.')).toEqual([['Abu Turab al-Hilfi', 'PERSON', 'kunya']]);
    expect(found('Then Karim bin Tawfiq arrived.')).toEqual([['Karim bin Tawfiq', 'PERSON', 'name-particle']]);
  });

  it('marks organizations by their designators at either end', () => {
    expect(found('Members of the Zulfiqar Brigades met.')).toEqual([['Zulfiqar Brigades', 'ORGANIZATION', 'org-head']]);
    expect(found("Fighters of Kata'ib Nasr al-Din met.")).toEqual([["Kata'ib Nasr al-Din", 'ORGANIZATION', 'org-lead']]);
    expect(found('The Syrian Observatory for Human Rights reported it.')[0]?.slice(0, 2)).toEqual([
      'Syrian Observatory for Human Rights',
      'ORGANIZATION',
    ]);
  });

  it('marks facilities named with a place word, with a number after it', () => {
    expect(found('Drones struck Qayyarah Airbase and Tower 22.')).toEqual([
      ['Qayyarah Airbase', 'LOCATION', 'facility-head'],
      ['Tower 22', 'LOCATION', 'facility-number'],
    ]);
  });

  it('does not invent names from capitalised sentence openers', () => {
    expect(found('However, the militia left.')).toEqual([]);
  });
});

describe('AcronymRecognizer and name echoes (through the pipeline)', () => {
  it('links a parenthesised acronym to its long form, and later uses too', async () => {
    const doc = await analyzeUpTo('The Zulfiqar Liberation Front (ZLF) attacked. Later the ZLF withdrew.', 'resolve');
    const entity = doc.entities.find((e) => e.name === 'Zulfiqar Liberation Front');
    expect(entity?.aliases).toEqual(['ZLF']);
    expect(entity?.mentions).toHaveLength(3);
  });

  it('reads a definitions section, and acronyms used before it', async () => {
    const text =
      'Report Title\n\nThe QRB struck again.\n\nDefinitions:\nQRB: Qasim Revenge Battalions\n\nOn Monday the QRB said it had struck.';
    const doc = await analyzeUpTo(text, 'resolve');
    const entity = doc.entities.find((e) => e.name === 'Qasim Revenge Battalions');
    expect(entity?.type).toBe('ORGANIZATION');
    expect(entity?.mentions.map((m) => doc.mentions[m]!.text)).toEqual(['QRB', 'QRB', 'Qasim Revenge Battalions', 'QRB']);
  });

  it('builds the long form from initials when no recognizer knew it', () => {
    const doc = segmented('Members of the Higher Coordination Panel (HCP) met.');
    const candidates = new AcronymRecognizer().recognizeOne(doc).map((c) => doc.text.slice(c.start, c.end));
    expect(candidates).toEqual(['Higher Coordination Panel', 'HCP']);
  });

  it('links an acronym never defined to the one organization whose initials it spells, and to none where two do', async () => {
    const doc = await analyzeUpTo('The Ostrava River Commission met, or ORC, on Monday. Later the ORC said levels fell.', 'resolve');
    const entity = doc.entities.find((e) => e.name === 'Ostrava River Commission');
    expect(entity?.mentions.map((m) => doc.mentions[m]!.text)).toEqual(['Ostrava River Commission', 'ORC', 'ORC']);
    const two = await analyzeUpTo('The Ostrava River Commission and the Ostrava Rail Company met. The ORC said levels fell.', 'resolve');
    expect(two.entities.find((e) => e.name === 'Ostrava River Commission')?.mentions).toHaveLength(1);
  });

  it('joins a repeated surname to the full name', async () => {
    const doc = await analyzeUpTo('Brig. Gen. Zaid Farhoud spoke on Monday. Farhoud said the base was safe.', 'resolve');
    const entity = doc.entities.find((e) => e.name === 'Zaid Farhoud');
    expect(entity?.mentions.map((m) => doc.mentions[m]!.text)).toEqual(['Zaid Farhoud', 'Farhoud']);
  });
});
