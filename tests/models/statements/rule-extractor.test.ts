import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/types.js';
import { analyze } from '../../helpers/documents.js';
import { inflections } from '../../../src/models/statements/cue-index.js';

function statements(doc: Document) {
  return doc.statements.map((s) => ({
    label: s.label,
    speaker: s.speaker === null ? null : doc.entities[s.speaker]!.name,
    speakerText: s.speakerText,
    cue: s.cue,
    text: s.text,
  }));
}

describe('cue lexicon', () => {
  it('generates every inflection of a lemma, irregular ones included', () => {
    expect(inflections('say')).toEqual(expect.arrayContaining(['say', 'says', 'said', 'saying']));
    expect(inflections('tell')).toEqual(expect.arrayContaining(['told', 'tells']));
    expect(inflections('vow')).toEqual(expect.arrayContaining(['vowed', 'vows', 'vowing']));
  });
});

describe('cue lexicon: communication verbs beyond "say"', () => {
  it('reads cited, recounted and lambasted as speech of their subject', async () => {
    const doc = await analyze('Hassan Nasrallah cited the attacks as proof. Benjamin Netanyahu recounted the meeting. Joe Biden lambasted the decision.');
    expect(statements(doc).map((s) => [s.speaker, s.cue, s.label])).toEqual([
      ['Hassan Nasrallah', 'cited', 'claim'],
      ['Benjamin Netanyahu', 'recounted', 'claim'],
      ['Joe Biden', 'lambasted', 'claim'],
    ]);
  });

  it('a cue word inside a name, or turned into another verb by the word after it, is no cue', async () => {
    const doc = await analyze('Blessed Okonkwo has been in custody since Monday. The three men hail from Jordan.');
    expect(statements(doc)).toEqual([]);
  });

  it('the head of the subject is the speaker: a spokesperson for, or a source close to, a named group is unnamed', async () => {
    const doc = await analyze('A spokesperson for the U.S. State Department told reporters on Sunday that talks had resumed. A source close to Hezbollah said the group would respond.');
    expect(statements(doc).map((s) => [s.speaker, s.speakerText])).toEqual([
      [null, 'A spokesperson for the U.S. State Department'],
      [null, 'A source close to Hezbollah'],
    ]);
  });

  it('a warning to execute someone is a threat', async () => {
    const doc = await analyze('Hamas warned that it would execute the hostages.');
    expect(statements(doc).map((s) => [s.speaker, s.label])).toEqual([['Hamas', 'threat']]);
  });

  it('a cue word used as a noun is still no statement', async () => {
    const doc = await analyze('The blast destroyed the bridge. A request for aid went unanswered.');
    expect(statements(doc)).toEqual([]);
  });
});

describe('RuleStatementExtractor', () => {
  it('attributes a claim to a named subject', async () => {
    expect(statements(await analyze('Kata’ib Hizballah said on Sunday that its fighters had struck Ain al-Asad Airbase.'))).toEqual([
      expect.objectContaining({ label: 'claim', speaker: 'Kata’ib Hizballah', cue: 'said' }),
    ]);
  });

  it('labels a threat when the reported speech states an intention to harm', async () => {
    const [statement] = statements(await analyze('Hassan Nasrallah said Hezbollah will strike Israeli bases if the war continues.'));
    expect(statement).toMatchObject({ label: 'threat', speaker: 'Hassan Nasrallah' });
  });

  it('labels support cues', async () => {
    const [statement] = statements(await analyze('Ismail Haniyeh praised the fighters of the Qassam Brigades.'));
    expect(statement).toMatchObject({ label: 'support', speaker: 'Ismail Haniyeh', cue: 'praised' });
  });

  it('splits one sentence holding two stances into two clauses with one speaker', async () => {
    const result = statements(await analyze('Nasrallah praised the attack and vowed to strike U.S. forces.'));
    expect(result).toEqual([
      expect.objectContaining({ label: 'support', speaker: 'Nasrallah', text: 'Nasrallah praised the attack' }),
      expect.objectContaining({ label: 'threat', speaker: 'Nasrallah', text: 'vowed to strike U.S. forces.' }),
    ]);
  });

  it('treats a negated threat and a denial as claims', async () => {
    expect(statements(await analyze('The Houthis did not threaten shipping in the Red Sea, Yahya Saree said.'))[0]?.label).toBe('claim');
    expect(statements(await analyze('Iran denied any role in the attack.'))[0]).toMatchObject({ label: 'claim', speaker: 'Iran' });
  });

  it('keeps a warning without harm a claim', async () => {
    expect(statements(await analyze('Jensen Huang warned that demand could slow next year.'))[0]).toMatchObject({ label: 'claim', speaker: 'Jensen Huang' });
  });

  it('keeps unnamed sources as speakerText with a null speaker', async () => {
    const [statement] = statements(await analyze('Hamas fighters were seen in Gaza. An Iraqi security official said the drone came from Jurf al-Sakhar.'));
    expect(statement).toMatchObject({ speaker: null, speakerText: 'An Iraqi security official' });
  });

  it('finds the source after "according to"', async () => {
    const [statement] = statements(await analyze('According to Al-Mayadeen, the strike killed two fighters.'));
    expect(statement).toMatchObject({ speaker: 'Al-Mayadeen', cue: 'According to' });
  });

  it('resolves "he" and "the group" to the nearest compatible entity', async () => {
    const doc = await analyze('Akram al-Kaabi met Harakat al-Nujaba commanders in Baghdad. He said the fight would go on. The group said it had lost no men.');
    expect(statements(doc).map((s) => s.speaker)).toEqual(['Akram al-Kaabi', 'Harakat al-Nujaba']);
  });

  it('attributes a quotation across sentences, before and after the attribution', async () => {
    const doc = await analyze('“We will not stop. Our drones are ready,” Yahya Saree said. “The ships will burn.”');
    const result = statements(doc);
    expect(result).toHaveLength(3);
    expect(result.every((s) => s.speaker === 'Yahya Saree')).toBe(true);
    expect(result[0]!.text).toBe('“We will not stop.');
  });

  it('does not make narration without a source into a statement', async () => {
    expect((await analyze('American troops returned to Iraq in 2014. They stayed at Ain al-Asad Airbase.')).statements).toEqual([]);
  });

  it('never makes a headline, byline or footnote into a statement', async () => {
    const doc = await analyze('Hezbollah Says It Will Strike\nBy: Jane Roe\n\nThe group said it struck a base.[1]\n\n[1] Telegram, October 18, 2023, said Hamas.\n');
    expect(statements(doc).map((s) => s.text)).toEqual(['The group said it struck a base.']);
  });

  it('gives each statement a cue, a rule and a confidence between 0 and 1', async () => {
    const doc = await analyze('Israel threatened Hezbollah with war. The ministry reported three deaths.');
    for (const s of doc.statements) {
      expect(s.cue).toBeTruthy();
      expect(s.provenance.rule).toMatch(/^cue:|quote/);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    expect(doc.statements[0]).toMatchObject({ label: 'threat' });
  });

  it('lists the entities a statement is about as targets, not its speaker', async () => {
    const doc = await analyze('Hezbollah threatened Israel and the United States.');
    const [statement] = doc.statements;
    expect(statement!.targets.map((t) => doc.entities[t]!.name)).toEqual(['Israel', 'United States']);
  });
});
