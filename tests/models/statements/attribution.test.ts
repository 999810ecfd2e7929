import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/types.js';
import { analyze } from '../../helpers/documents.js';

const speakerName = (doc: Document, index = 0) => {
  const s = doc.statements[index];
  return s?.speaker === null || s === undefined ? null : doc.entities[s.speaker]!.name;
};

describe('speakers', () => {
  it('takes the name in an appositive chain, not the organization after it', async () => {
    const doc = await analyze(
      'GAZA — Abu Obeida, the spokesman for Hamas’s armed wing, the Izz ad-Din al-Qassam Brigades, said the truce held.',
    );
    expect(speakerName(doc)).toBe('Abu Obeida');
  });

  it('takes a name set off by commas after its role', async () => {
    expect(speakerName(await analyze("The Houthis' military spokesman, Yahya Saree, said ships were hit."))).toBe('Yahya Saree');
    expect(speakerName(await analyze('Hezbollah’s deputy secretary-general, Naim Qassem, praised the fighters.'))).toBe('Naim Qassem');
  });

  it('skips time phrases, auxiliaries and negation between subject and verb', async () => {
    expect(speakerName(await analyze('Government spokesman Basim al-Awadi on Wednesday denied the reports.'))).toBe('Basim al-Awadi');
    // "did not hesitate to": the negation is of another verb, so the threat stands, and so does its subject.
    expect(
      speakerName(await analyze("The group's leader, Abdul-Malik al-Houthi, on Sunday did not hesitate to threaten Saudi Arabia.")),
    ).toBe('Abdul-Malik al-Houthi');
  });

  it('prefers the named speaker to the channel in "according to X, Y said"', async () => {
    expect(speakerName(await analyze('According to Al-Manar, Hassan Nasrallah said the front would stay open.'))).toBe('Hassan Nasrallah');
  });

  it('gives reported speech to the one who speaks, not to the subject of the stance', async () => {
    const doc = await analyze('In Washington, President Joe Biden said the United States stood with Israel.');
    expect(speakerName(doc)).toBe('Joe Biden');
    expect(doc.statements[0]!.label).toBe('support');
  });

  it('reads "the statement" and "X\'s statement" as the source of the statement', async () => {
    const doc = await analyze('Kata’ib Hizballah said its drones hit the base. The statement added that more attacks would follow.');
    expect([speakerName(doc, 0), speakerName(doc, 1)]).toEqual(['Kata’ib Hizballah', 'Kata’ib Hizballah']);
    expect(speakerName(await analyze('The Lebanese Hizbullah statement said the group was ready.'))).toMatch(/Hizbullah/);
  });

  it('resolves "she" to a woman and "he" to the speaker just quoted', async () => {
    const she = await analyze('Mark Rutte spoke first. Sarah Lindqvist said talks would go on. "We are not done," she said.');
    expect(speakerName(she, she.statements.length - 1)).toBe('Sarah Lindqvist');
    const he = await analyze(
      'Hassan Nasrallah said the front was open. Israel said it was ready. “Our support for Gaza will continue,” he said.',
    );
    expect(speakerName(he, he.statements.length - 1)).toBe('Hassan Nasrallah');
  });

  it('finds the source of a passive and of "in a message to Y, X wrote"', async () => {
    expect(speakerName(await analyze('The pause was announced by Kata’ib Hizballah on Tuesday.'))).toBe('Kata’ib Hizballah');
    const message = await analyze('In a message to Hamas, Ismail Qaani wrote that Iran stood with the resistance.');
    expect(speakerName(message)).toBe('Ismail Qaani');
    expect(message.statements[0]!.label).toBe('support');
  });

  it('resolves a role ("the spokesman") to the one person the text gave that role', async () => {
    const doc = await analyze(
      'Yahya Saree, the Houthi military spokesman, spoke on Monday. Ships were hit near Aden. The spokesman said more attacks would come.',
    );
    expect(speakerName(doc)).toBe('Yahya Saree');
    const unnamed = await analyze('Ships were hit near Aden. A spokesman said more attacks would come.');
    expect(unnamed.statements[0]).toMatchObject({ speaker: null, speakerText: 'A spokesman' });
  });

  it('resolves a role by a word before its head that one person\'s title holds ("the commerce chief")', async () => {
    const text = (role: string) =>
      `Commerce Secretary Howard Lutnick toured a car plant on Sunday. President Donald Trump met the Japanese prime minister on Monday. ${role} said the deal would hold.`;
    expect(speakerName(await analyze(text('The commerce chief')))).toBe('Howard Lutnick');
    // A plural head or a national adjective names no one person.
    expect((await analyze(text('Commerce officials'))).statements[0]).toMatchObject({ speaker: null });
  });

  it('starts a new subject after a complementizer or a subordinate clause', async () => {
    const doc = await analyze('The first drone attacks came on October 18, when the Islamic Resistance in Iraq said it had hit a base.');
    expect(speakerName(doc)).toBe('Islamic Resistance in Iraq');
  });
});

describe('labels', () => {
  const label = async (text: string) => (await analyze(text)).statements[0]?.label;

  it('reads conditional and idiomatic threats', async () => {
    expect(await label('Hossein Amir-Abdollahian warned that Israel would face new fronts if the bombardment did not stop.')).toBe(
      'threat',
    );
    expect(await label('“Our naval forces will not hesitate to respond strongly to any aggression,” Yahya Saree said.')).toBe('threat');
    expect(await label('“Any violation will be answered,” Abu Obeida said.')).toBe('threat');
  });

  it('reads pledges of money or aid as support and other pledges by their content', async () => {
    expect(await label('Germany pledged $100 million to the new fund.')).toBe('support');
    expect(await label('Kata’ib Hizballah pledged to keep attacking American bases.')).toBe('threat');
  });

  it('never takes a noun or a heading for a cue', async () => {
    expect((await analyze('Hamas fighters attacked Israeli towns and army posts on Saturday.')).statements).toEqual([]);
    expect((await analyze('Demand for chips remained strong in the third quarter.')).statements).toEqual([]);
    expect((await analyze('Kata’ib Hizballah Threatens American Forces\n\nThe attack came at night.')).statements).toEqual([]);
  });
});

describe('targets', () => {
  it('points "the Americans" at the United States when the document names it', async () => {
    const doc = await analyze('U.S. forces struck Iraq. “The Americans must pay the price,” Akram al-Kaabi said.');
    const statement = doc.statements.at(-1)!;
    expect(statement.label).toBe('threat');
    expect(statement.targets.map((t) => doc.entities[t]!.kbId)).toContain('united-states');
  });
});
