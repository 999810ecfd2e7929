import { z } from 'zod';
import { STANCE_LABELS, type Document, type StanceLabel } from '../../document/types.js';
import { FatalError } from '../../errors.js';
import { loadJsonResource, type LoadedResource } from '../../resources/load.js';
import { resourcePath } from '../../resources/paths.js';
import type { ModelInfo, StatementCandidate, StatementExtractor } from '../types.js';
import { pairInputs, pairTemplate, type PairTemplate } from './inference.js';
import { loadModel, type LoadedModel, type ModelLoadOptions } from './loader.js';

import type { StancePolicy } from '../policies.js';
export type { StancePolicy } from '../policies.js';

const HypothesesSchema = z.object({
  _comment: z.string().optional(),
  speakerFallback: z.string().min(1),
  hypotheses: z.object({
    support: z.array(z.string().min(1)).min(1),
    threat: z.array(z.string().min(1)).min(1),
    claim: z.array(z.string().min(1)).min(1),
  }),
});
type Hypotheses = z.infer<typeof HypothesesSchema>;

export interface NliStanceOptions extends ModelLoadOptions {
  /**
   * rules-first: the rules' label stands unless its confidence is below
   * `trustRulesFrom`, then the model decides; union: the two label
   * distributions are averaged; model-only: the model labels every statement.
   */
  policy?: StancePolicy;
  trustRulesFrom?: number;
  /** A hypotheses file in place of src/resources/transformer/stance-hypotheses.json. */
  hypothesesFile?: string;
  /** Premise–hypothesis pairs per model call. */
  batchSize?: number;
}

type Distribution = Record<StanceLabel, number>;

interface Pair {
  statement: number;
  label: StanceLabel;
  premise: readonly number[];
  hypothesis: readonly number[];
}

/**
 * Zero-shot stance with a natural-language-inference model: the rules find
 * each statement, its speaker and targets (attribution); the model scores the
 * statement's text as premise against hypotheses for support, threat and
 * claim, and the ensemble policy decides which label stands.
 */
export class NliStatementExtractor implements StatementExtractor {
  readonly info: ModelInfo;
  private readonly entailment: number;
  private readonly policy: StancePolicy;
  private readonly trustRulesFrom: number;
  private readonly batchSize: number;
  private readonly pairTemplate: PairTemplate;

  private constructor(
    private readonly rules: StatementExtractor,
    private readonly model: LoadedModel,
    private readonly hypotheses: LoadedResource<Hypotheses>,
    options: NliStanceOptions,
  ) {
    this.entailment = checkEntailmentLabel(model);
    this.policy = options.policy ?? 'rules-first';
    this.trustRulesFrom = options.trustRulesFrom ?? 0.7;
    this.batchSize = options.batchSize ?? 16;
    this.pairTemplate = pairTemplate(model.tokenizer);
    this.info = {
      name: `${rules.info.name}+nli:${model.info.name}`,
      version: model.info.version,
      kind: 'transformer',
      resources: {
        ...rules.info.resources,
        ...model.info.resources,
        hypotheses: hypotheses.sha256,
        policy: this.policy,
        trustRulesFrom: String(this.trustRulesFrom),
      },
    };
  }

  /** Loads the model once; the result wraps a rule extractor (the pipeline builds that). */
  static async prepare(spec: string, options: NliStanceOptions = {}): Promise<(rules: StatementExtractor) => NliStatementExtractor> {
    const hypotheses = loadJsonResource(options.hypothesesFile ?? resourcePath('transformer', 'stance-hypotheses.json'), HypothesesSchema);
    const model = await loadModel(spec, 'sequence-classification', options);
    // Checked now, so a model that is not an NLI model fails before any document is read.
    checkEntailmentLabel(model);
    return (rules) => new NliStatementExtractor(rules, model, hypotheses, options);
  }

  static async load(spec: string, rules: StatementExtractor, options: NliStanceOptions = {}): Promise<NliStatementExtractor> {
    return (await NliStatementExtractor.prepare(spec, options))(rules);
  }

  async extract(docs: readonly Document[]): Promise<StatementCandidate[][]> {
    const perDoc = await this.rules.extract(docs);
    const flat = perDoc.flatMap((candidates, d) => candidates.map((candidate) => ({ candidate, doc: docs[d]! })));
    const asked = flat.map(({ candidate }) => this.policy !== 'rules-first' || candidate.confidence < this.trustRulesFrom);
    const pairs: Pair[] = [];
    const hypothesisIds = new Map<string, number[]>();
    const encode = (text: string) => this.model.tokenizer.encode(text, null, { add_special_tokens: false });
    flat.forEach(({ candidate, doc }, statement) => {
      if (!asked[statement]) return;
      const speaker = candidate.speakerText ?? this.hypotheses.data.speakerFallback;
      const premise = encode(doc.text.slice(candidate.start, candidate.end));
      for (const label of STANCE_LABELS) {
        for (const template of this.hypotheses.data.hypotheses[label]) {
          const text = template.replaceAll('{speaker}', speaker);
          let hypothesis = hypothesisIds.get(text);
          if (!hypothesis) hypothesisIds.set(text, (hypothesis = encode(text)));
          // The premise is shortened so the whole hypothesis fits: transformers.js's own truncation would cut the hypothesis.
          const room = Math.max(0, this.model.maxLength - this.pairTemplate.overhead - hypothesis.length);
          pairs.push({ statement, label, premise: premise.length > room ? premise.slice(0, room) : premise, hypothesis });
        }
      }
    });
    const distributions = await this.score(pairs, flat.length);
    let index = 0;
    return perDoc.map((candidates) => candidates.map((candidate) => this.decide(candidate, distributions[index++])));
  }

  /** Mean entailment logit per label over its hypotheses, then a softmax across the labels (zero-shot, one label per statement). */
  private async score(pairs: readonly Pair[], statements: number): Promise<Array<Distribution | undefined>> {
    const sums = Array.from(
      { length: statements },
      () => ({ support: [0, 0], threat: [0, 0], claim: [0, 0] }) as Record<StanceLabel, [number, number]>,
    );
    for (let from = 0; from < pairs.length; from += this.batchSize) {
      const batch = pairs.slice(from, from + this.batchSize);
      const { logits } = await this.model.run(pairInputs(this.model, this.pairTemplate, batch));
      const width = logits.dims[1]!;
      batch.forEach((pair, b) => {
        const entry = sums[pair.statement]![pair.label];
        entry[0] += Number(logits.data[b * width + this.entailment]);
        entry[1]++;
      });
    }
    return sums.map((perLabel) => {
      if (perLabel.claim[1] === 0) return undefined;
      const means = STANCE_LABELS.map((l) => perLabel[l][0] / perLabel[l][1]);
      const max = Math.max(...means);
      const exps = means.map((m) => Math.exp(m - max));
      const total = exps.reduce((a, b) => a + b, 0);
      return Object.fromEntries(STANCE_LABELS.map((l, i) => [l, exps[i]! / total])) as Distribution;
    });
  }

  private decide(candidate: StatementCandidate, model: Distribution | undefined): StatementCandidate {
    if (!model) return candidate;
    let combined: Distribution = model;
    if (this.policy === 'union') {
      const other = (1 - candidate.confidence) / 2;
      combined = Object.fromEntries(
        STANCE_LABELS.map((l) => [l, ((l === candidate.label ? candidate.confidence : other) + model[l]) / 2]),
      ) as Distribution;
    }
    const label = STANCE_LABELS.reduce((best, l) => (combined[l] > combined[best] ? l : best), STANCE_LABELS[0]!);
    const confidence = Math.round(combined[label] * 100) / 100;
    const decidedBy = label === candidate.label && this.policy === 'union' ? 'rule' : 'model';
    return {
      ...candidate,
      label,
      confidence,
      provenance: {
        source: decidedBy,
        model: this.info.name,
        rule: `nli-${this.policy}:${label}${decidedBy === 'rule' ? `:${candidate.provenance.rule ?? 'rules'}` : ''}`,
        score: confidence,
      },
    };
  }
}

/** The index of the model's entailment label; a model without one is not an NLI model. */
function checkEntailmentLabel(model: LoadedModel): number {
  const id2label = model.config.id2label ?? {};
  const entailment = Object.entries(id2label).find(([, label]) => /^entail/i.test(label));
  if (!entailment)
    throw new FatalError(
      'E007',
      `${model.info.name}: not an NLI model (config.json labels ${Object.values(id2label).join(', ') || 'none'}; need an "entailment" label)`,
    );
  return Number(entailment[0]);
}
