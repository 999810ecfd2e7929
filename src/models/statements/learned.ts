import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Document, StanceLabel } from '../../document/types.js';
import { FatalError } from '../../errors.js';
import { LogisticRegression, porterStem } from '../../text/natural.js';
import type { ModelInfo, ProgressCallback, StatementCandidate, StatementExtractor } from '../types.js';
import type { RuleStatementExtractor } from './rule-extractor.js';

const FORMAT = 'stancemap-stance-model-v1';

const ModelFileSchema = z.object({
  format: z.literal(FORMAT),
  algorithm: z.literal('logistic-regression'),
  trainedOn: z.object({ documents: z.number().int(), statements: z.number().int() }),
  classifier: z.unknown(),
});

export interface LabelledText {
  text: string;
  label: StanceLabel;
}

/**
 * A stance classifier learned from gold statements: natural's logistic
 * regression over stemmed words and the rule lexicon's signals (which cue,
 * intention-to-harm, support phrase, negation, quotation).
 */
export class StanceClassifier {
  private constructor(
    private readonly classifier: LogisticRegression,
    readonly trainedOn: { documents: number; statements: number },
    private readonly rules: RuleStatementExtractor,
  ) {}

  static train(
    examples: readonly LabelledText[],
    documents: number,
    rules: RuleStatementExtractor,
    onProgress: ProgressCallback = () => {},
  ): StanceClassifier {
    const labels = new Set(examples.map((e) => e.label));
    if (labels.size < 2)
      throw new FatalError('E001', `training needs statements of at least two labels; found ${[...labels].join(', ') || 'none'}`);
    const classifier = LogisticRegression.create();
    for (const [i, example] of examples.entries()) {
      classifier.addExample(stanceFeatures(example.text, rules), example.label);
      onProgress('statement features', i + 1, examples.length);
    }
    // One call with no progress of its own: at least say that it started.
    onProgress('fitting the logistic regression', 0, 1);
    classifier.train();
    onProgress('fitting the logistic regression', 1, 1);
    return new StanceClassifier(classifier, { documents, statements: examples.length }, rules);
  }

  static load(path: string, rules: RuleStatementExtractor): { model: StanceClassifier; sha256: string } {
    let raw: string;
    try {
      raw = readFileSync(path, 'utf8');
    } catch (error) {
      throw new FatalError('E004', `${path}: ${(error as Error).message}`);
    }
    let parsed;
    try {
      parsed = ModelFileSchema.parse(JSON.parse(raw));
    } catch (error) {
      throw new FatalError('E004', `${path}: not a stancemap stance model (${(error as Error).message.split('\n')[0]})`);
    }
    const classifier = LogisticRegression.restore(parsed.classifier);
    return { model: new StanceClassifier(classifier, parsed.trainedOn, rules), sha256: createHash('sha256').update(raw).digest('hex') };
  }

  toJSON(): z.infer<typeof ModelFileSchema> {
    return { format: FORMAT, algorithm: 'logistic-regression', trainedOn: this.trainedOn, classifier: this.classifier.toJSON() };
  }

  /** The label and a confidence: the winning class's share of the classifier's scores. */
  classify(text: string): { label: StanceLabel; confidence: number } {
    const scores = this.classifier.classifications(stanceFeatures(text, this.rules));
    const total = scores.reduce((sum, s) => sum + s.value, 0);
    const best = scores[0]!;
    return { label: best.label as StanceLabel, confidence: total > 0 ? best.value / total : 0 };
  }
}

/** Features of a statement's text: stems, plus what the rule lexicon sees in it. */
export function stanceFeatures(text: string, rules: RuleStatementExtractor): string[] {
  const words =
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[\p{L}']+|\$|[“”"]/gu) ?? [];
  const features = words.filter((w) => /\p{L}/u.test(w)).map((w) => porterStem(w));
  const signals = rules.labels.signals(words);
  for (const signal of signals) features.push(`SIGNAL_${signal}`);
  if (words.some((w) => /[“”"]/.test(w))) features.push('SIGNAL_quote');
  return features;
}

/**
 * The rules find statements, speakers and targets; the learned classifier
 * decides each label. Behind the same interface as the rules, so either can
 * be used (`--stance-model`).
 */
export class LearnedStatementExtractor implements StatementExtractor {
  readonly info: ModelInfo;

  /** `rules`: whatever finds the statements (the rules, or rules with the attribution model); the classifier relabels them. */
  constructor(
    private readonly rules: StatementExtractor,
    private readonly classifier: StanceClassifier,
    modelHash: string,
  ) {
    this.info = {
      name: 'statement-rules+stance-lr',
      version: '1',
      kind: 'statistical',
      resources: { ...rules.info.resources, 'stance-model': modelHash },
    };
  }

  async extract(docs: readonly Document[]): Promise<StatementCandidate[][]> {
    const perDoc = await this.rules.extract(docs);
    return perDoc.map((candidates, d) =>
      candidates.map((candidate) => {
        const { label, confidence } = this.classifier.classify(docs[d]!.text.slice(candidate.start, candidate.end));
        const rounded = Math.round(confidence * 100) / 100;
        return {
          ...candidate,
          label,
          confidence: rounded,
          provenance: { source: 'model' as const, model: this.info.name, rule: `lr:${label}`, score: rounded },
        };
      }),
    );
  }
}
