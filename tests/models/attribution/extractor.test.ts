import { describe, expect, it } from 'vitest';
import { AttributionStatementExtractor } from '../../../src/models/attribution/extractor.js';
import { AttributionModel } from '../../../src/models/attribution/model.js';
import { AveragedPerceptron } from '../../../src/models/learned/perceptron.js';
import { RuleStatementExtractor } from '../../../src/models/statements/rule-extractor.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';
import { analyzeUpTo } from '../../helpers/documents.js';

/**
 * A hand-weighted model, so each policy's behaviour is pinned without
 * training: the detector says "yes" to any sentence with "whispered" or a
 * quotation, the source tagger marks a PERSON mention at a sentence start.
 */
function handModel(taggerWeights: Record<string, number[]> = {}): AttributionModel {
  const detector = AveragedPerceptron.fromJSON({
    classes: ['no', 'yes'],
    weights: { bias: [1, 0], 'w:whispered': [0, 5], 'quoted:high': [0, 5], 'quoted:all': [0, 5] },
  });
  const tagger = AveragedPerceptron.fromJSON({
    classes: ['O', 'B', 'I'],
    weights: { bias: [1, 0, 0], 'ment:PERSON': [0, 3, 0], 'pt-ment:B_PERSON': [0, 0, 6], 'pt-ment:I_PERSON': [0, 0, 6], ...taggerWeights },
  });
  return new AttributionModel({ detector, sourceTagger: tagger, threshold: 0, sha256: 'hand', trainedOn: 'hand' });
}

const rules = new RuleStatementExtractor(loadLexicons());
const TEXT = 'Hassan Nasrallah whispered that the talks had failed. The army crossed the river on Monday. Hamas said it would respond.';

describe('AttributionStatementExtractor', () => {
  it('model: a relative pronoun source after a comma is the name before it', async () => {
    const doc = await analyzeUpTo('The deal angered Hamas, which whispered that it betrays the Palestinians.', 'roles');
    const out = new AttributionStatementExtractor(rules, handModel({ 'w:which': [0, 5, 0] }), 'model').extractOne(doc);
    expect(out.map((c) => [c.speakerText, c.speakerEntity === null ? null : doc.entities[c.speakerEntity]!.name])).toEqual([
      ['which', 'Hamas'],
    ]);
  });

  it("model: a pronoun source is a person named since the previous statement, else that statement's source", async () => {
    // The hand tagger also marks a subject pronoun as a source.
    const model = handModel({ pronoun: [0, 5, 0] });
    const speakersOf = async (text: string) => {
      const doc = await analyzeUpTo(text, 'roles');
      const out = new AttributionStatementExtractor(rules, model, 'model').extractOne(doc);
      return out.map((c) => [c.speakerText, c.speakerEntity === null ? null : doc.entities[c.speakerEntity]!.name]);
    };
    const first = 'Caoilfhionn Gallagher whispered that the case was unfair.';
    const last = 'Later he whispered that the ruling was arbitrary.';
    expect(await speakersOf(`${first} Jose Zamora attended the hearing on Monday. ${last}`)).toEqual([
      ['Caoilfhionn Gallagher', 'Caoilfhionn Gallagher'],
      ['he', 'Jose Zamora'],
    ]);
    expect(await speakersOf(`${first} The hearing ended on Monday. ${last}`)).toEqual([
      ['Caoilfhionn Gallagher', 'Caoilfhionn Gallagher'],
      ['he', 'Caoilfhionn Gallagher'],
    ]);
  });

  it('rules: the rules alone', async () => {
    const doc = await analyzeUpTo(TEXT, 'roles');
    const out = new AttributionStatementExtractor(rules, handModel(), 'rules').extractOne(doc);
    expect(out.map((c) => doc.text.slice(c.start, c.end))).toEqual(['Hamas said it would respond.']);
  });

  it('model: a sentence the model reads as speech becomes a statement with its source phrase as the speaker; one it rejects loses the rule statement', async () => {
    const doc = await analyzeUpTo(TEXT, 'roles');
    const out = new AttributionStatementExtractor(rules, handModel(), 'model').extractOne(doc);
    expect(out.map((c) => doc.text.slice(c.start, c.end))).toEqual(['Hassan Nasrallah whispered that the talks had failed.']);
    const speaker = out[0]!;
    expect(speaker.speakerText).toBe('Hassan Nasrallah');
    expect(doc.entities[speaker.speakerEntity!]!.name).toBe('Hassan Nasrallah');
    expect(speaker.provenance).toMatchObject({ source: 'model', rule: 'model:attribution' });
  });

  it('union: keeps every rule statement and adds model sentences only with evidence of speech (no cue word next to "whispered" here)', async () => {
    const doc = await analyzeUpTo(TEXT, 'roles');
    const out = new AttributionStatementExtractor(rules, handModel(), 'union').extractOne(doc);
    expect(out.map((c) => doc.text.slice(c.start, c.end))).toEqual(['Hamas said it would respond.']);
  });

  it('union: a quotation the rules already attribute stays theirs, and narration stays out', async () => {
    const doc = await analyzeUpTo(
      'Hamas said it would respond. “We will not wait long for the answer and the talks.” The army crossed the river on Monday.',
      'roles',
    );
    const out = new AttributionStatementExtractor(rules, handModel(), 'union').extractOne(doc);
    const texts = out.map((c) => doc.text.slice(c.start, c.end));
    expect(texts).toContain('Hamas said it would respond.');
    expect(texts).not.toContain('The army crossed the river on Monday.');
  });

  it('union: a quotation the rules leave unattributed joins, its source the name after the quote closes, and the next quote continues it', async () => {
    // The rules credit a quotation to a name after a dash, not after a tilde: only the model reads this one.
    const doc = await analyzeUpTo(
      'The army crossed the river on Monday.\n\n“We will not wait long for the answer and the talks.” ~ Hassan Nasrallah\n\n“The road to the sea stays closed for every ship.”',
      'roles',
    );
    expect(new AttributionStatementExtractor(rules, handModel(), 'rules').extractOne(doc)).toEqual([]);
    const out = new AttributionStatementExtractor(rules, handModel(), 'union').extractOne(doc);
    expect(
      out.map((c) => [
        doc.text.slice(c.start, c.end),
        c.speakerEntity === null ? null : doc.entities[c.speakerEntity]!.name,
        c.provenance.rule,
      ]),
    ).toEqual([
      ['“We will not wait long for the answer and the talks.” ~ Hassan Nasrallah', 'Hassan Nasrallah', 'model:attribution'],
      ['“The road to the sea stays closed for every ship.”', 'Hassan Nasrallah', 'model:attribution'],
    ]);
  });

  it('union: a title in quotation marks is no evidence of speech, though it makes up most of the sentence', async () => {
    const doc = await analyzeUpTo(
      'Hassan Nasrallah spoke on Monday. Another is “The Long Road Home: A Story of the Girl Who Stayed Behind in the Old City.”',
      'roles',
    );
    const out = new AttributionStatementExtractor(rules, handModel(), 'union').extractOne(doc);
    expect(out.map((c) => doc.text.slice(c.start, c.end))).not.toContain(
      'Another is “The Long Road Home: A Story of the Girl Who Stayed Behind in the Old City.”',
    );
  });

  it('model: with no source tagged, a name that opens the sentence as its subject speaks, not the previous source', async () => {
    const doc = await analyzeUpTo(
      '“We will respond to every attack,” Hamas said. Lina Haddad whispered that the talks were over.',
      'roles',
    );
    // A tagger that marks no source at all.
    const model = handModel({ 'ment:PERSON': [0, 0, 0] });
    const out = new AttributionStatementExtractor(rules, model, 'model').extractOne(doc);
    const last = out.at(-1)!;
    expect([doc.text.slice(last.start, last.end), last.speakerEntity === null ? null : doc.entities[last.speakerEntity]!.name]).toEqual([
      'Lina Haddad whispered that the talks were over.',
      'Lina Haddad',
    ]);
  });

  it('a transcript label gives a rule statement with no source, or a first-person one, its speaker', async () => {
    const doc = await analyzeUpTo(
      'DOUGHERTY: I said the plan would fail, and I was right about the costs.\n\nMODERATOR: Thank you.',
      'roles',
    );
    const out = new AttributionStatementExtractor(rules, handModel(), 'union').extractOne(doc);
    expect(out.map((c) => c.speakerText)).toEqual(['DOUGHERTY']);
  });
});
