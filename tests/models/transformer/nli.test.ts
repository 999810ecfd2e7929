import { beforeAll, describe, expect, it } from 'vitest';
import type { Document, StanceLabel } from '../../../src/document/types.js';
import { pairInputs, pairTemplate } from '../../../src/models/transformer/inference.js';
import { loadModel } from '../../../src/models/transformer/loader.js';
import { NliStatementExtractor, type NliStanceOptions, type StancePolicy } from '../../../src/models/transformer/nli.js';
import type { StatementCandidate, StatementExtractor } from '../../../src/models/types.js';
import { segmented } from '../../helpers/documents.js';
import { tinyNliModel } from '../../helpers/tiny-models.js';

const TEXT = 'Officials announced the talks went well. The militia vowed to attack the port. The mayor praised the volunteers.';

/** Stands in for the rules: one statement per sentence, with the labels and confidences a test gives. */
function fakeRules(labels: Array<[StanceLabel, number]>): StatementExtractor {
  return {
    info: { name: 'fake-rules', version: '1', kind: 'rules' },
    extract: async (docs: readonly Document[]) =>
      docs.map((doc) =>
        doc.sentences.map((sentence, i): StatementCandidate => {
          const [label, confidence] = labels[i] ?? ['claim', 0.5];
          return {
            start: sentence.start,
            end: sentence.end,
            sentence: i,
            label,
            confidence,
            speakerMention: null,
            speakerEntity: null,
            speakerText: null,
            cue: null,
            provenance: { source: 'rule', model: 'fake-rules', rule: 'fake', score: confidence },
          };
        }),
      ),
  };
}

describe('NliStatementExtractor with the tiny NLI model', () => {
  let model: string;
  beforeAll(() => {
    model = tinyNliModel();
  });

  async function label(policy: StancePolicy, rules: Array<[StanceLabel, number]>, text = TEXT, options: NliStanceOptions = {}) {
    const extractor = await NliStatementExtractor.load(model, fakeRules(rules), { offline: true, policy, ...options });
    const [statements] = await extractor.extract([segmented(text)]);
    return statements!;
  }

  it('model-only: labels every statement from the hypotheses it entails most', async () => {
    const statements = await label('model-only', [
      ['claim', 0.9],
      ['claim', 0.9],
      ['claim', 0.9],
    ]);
    expect(statements.map((s) => s.label)).toEqual(['claim', 'threat', 'support']);
    expect(statements.every((s) => s.provenance.source === 'model' && s.provenance.rule?.startsWith('nli-model-only:'))).toBe(true);
    expect(statements[1]!.confidence).toBeGreaterThan(0.9);
    expect(statements[0]!.confidence).toBeLessThan(statements[1]!.confidence);
  });

  it('rules-first: a confident rule label stands; the model decides the doubtful ones', async () => {
    const statements = await label('rules-first', [
      ['support', 0.9],
      ['claim', 0.5],
      ['claim', 0.8],
    ]);
    expect(statements.map((s) => `${s.label}/${s.provenance.source}`)).toEqual(['support/rule', 'threat/model', 'claim/rule']);
  });

  it('union: averages the two label distributions', async () => {
    // Threat sentence: the rules say claim at 0.6, the model threat at ~0.96 → threat. Support sentence: both agree.
    const statements = await label('union', [
      ['claim', 0.95],
      ['claim', 0.6],
      ['support', 0.6],
    ]);
    expect(statements.map((s) => `${s.label}/${s.provenance.source}`)).toEqual(['claim/rule', 'threat/model', 'support/rule']);
  });

  it('builds premise–hypothesis pairs exactly as the tokenizer itself does', async () => {
    const loaded = await loadModel(model, 'sequence-classification', { offline: true });
    const template = pairTemplate(loaded.tokenizer);
    expect(template.overhead).toBe(3);
    const texts: Array<[string, string]> = [
      ['The militia vowed to attack.', 'The speaker threatens to harm someone.'],
      ['Hezbollah’s chief praised Hamas', 'It backs someone.'],
    ];
    const encode = (t: string) => loaded.tokenizer.encode(t, null, { add_special_tokens: false });
    const ours = pairInputs(
      loaded,
      template,
      texts.map(([p, h]) => ({ premise: encode(p), hypothesis: encode(h) })),
    ) as Record<string, { data: BigInt64Array }>;
    const theirs = loaded.tokenizer(
      texts.map(([p]) => p),
      { text_pair: texts.map(([, h]) => h), padding: true },
    );
    expect(Array.from(ours.input_ids!.data)).toEqual(Array.from(theirs.input_ids!.data as BigInt64Array));
    expect(Array.from(ours.token_type_ids!.data)).toEqual(Array.from(theirs.token_type_ids!.data as BigInt64Array));
  });

  it('shortens a long premise rather than letting the hypothesis be cut off', async () => {
    // The tiny vocabulary spells most words letter by letter, so 64 tokens hold a hypothesis and little more.
    const short = tinyNliModel({ maxLength: 64 });
    const extractor = await NliStatementExtractor.load(short, fakeRules([['claim', 0.1]]), { offline: true, policy: 'model-only' });
    const doc = segmented(`Attack${' and so on'.repeat(60)}.`);
    const [statements] = await extractor.extract([doc]);
    expect(statements![0]!.label).toBe('threat');
  });

  it('gives the same answer whatever the batch size', async () => {
    const a = await label('model-only', [], TEXT, { batchSize: 1 });
    const b = await label('model-only', [], TEXT, { batchSize: 64 });
    expect(a).toEqual(b);
  });

  it('puts the model and the policy in its info, so they reach the manifest and fingerprint', async () => {
    const extractor = await NliStatementExtractor.load(model, fakeRules([]), { offline: true, policy: 'union' });
    expect(extractor.info).toMatchObject({ name: 'fake-rules+nli:tiny-nli', kind: 'transformer', version: 'local' });
    expect(extractor.info.resources).toMatchObject({ policy: 'union', hypotheses: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
