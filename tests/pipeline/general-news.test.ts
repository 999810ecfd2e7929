import { describe, expect, it } from 'vitest';
import { analyze } from '../helpers/documents.js';

/** General-news lessons from CoNLL-2003 valid, pinned on sentences we wrote (invented names). */
const typed = async (text: string) => (await analyze(text)).mentions.map((m) => `${m.text}:${m.type}`);

describe('entities in general news', () => {
  it('a club named by its city is an organization in a match report', async () => {
    expect(await typed('Leeds beat Chelsea 2-1 at Elland Road on Saturday.')).toEqual(
      expect.arrayContaining(['Leeds:ORGANIZATION', 'Chelsea:ORGANIZATION']),
    );
  });

  it('a known place inside a longer name yields to the name', async () => {
    const doc = await analyze('Air France and Statistics Canada said flights were cut.');
    expect(doc.mentions.map((m) => m.text)).toEqual(['Air France', 'Statistics Canada']);
    expect(doc.mentions[0]!.type).toBe('ORGANIZATION');
  });

  it('company suffixes end organisation names', async () => {
    expect(await typed('Brelco SpA said profits rose, and Kelvani Ltd and Dorvant GmbH signed the deal.')).toEqual([
      'Brelco SpA:ORGANIZATION',
      'Kelvani Ltd:ORGANIZATION',
      'Dorvant GmbH:ORGANIZATION',
    ]);
  });

  it('"Name ( Country )" in a results list is a person and a place', async () => {
    expect(await typed('1. Tomas Veller ( Norway ) 2:10.4\n2. Anya Brull ( Kenya ) 2:11.0\n')).toEqual([
      'Tomas Veller:PERSON',
      'Norway:LOCATION',
      'Anya Brull:PERSON',
      'Kenya:LOCATION',
    ]);
  });

  it('a lower-case descriptor after a known site stays out of its span; a capitalised one stays in', async () => {
    expect(await typed('Drones struck the Ain al-Asad air base and Hodeidah port on Monday.')).toEqual([
      'Ain al-Asad:LOCATION',
      'Hodeidah:LOCATION',
    ]);
    expect(await typed('Drones struck Ain al-Asad Airbase and Hodeidah Port.')).toEqual([
      'Ain al-Asad Airbase:LOCATION',
      'Hodeidah Port:LOCATION',
    ]);
  });
});
