import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Sentence } from '../../document/types.js';
import { FatalError } from '../../errors.js';
import { AveragedPerceptron, argmax, type PerceptronData, type PerceptronJson } from '../learned/perceptron.js';
import { loadWeightsOnce } from '../learned/shared-weights.js';
import type { AttributionContext } from './context.js';
import { SOURCE_TAGS, sentenceFeatures, tokenFeatures, type SourceTag } from './features.js';

/** Every feature's weights: exactly `width` numbers. A plain loop, since a schema per weight costs seconds on a model of hundreds of thousands. */
function isWeightTable(value: unknown, width: number): value is Record<string, number[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const weights of Object.values(value)) {
    if (!Array.isArray(weights) || weights.length !== width) return false;
    for (const w of weights) if (typeof w !== 'number' || !Number.isFinite(w)) return false;
  }
  return true;
}

/** A perceptron with exactly these classes, and one weight per class for every feature. */
const perceptronWith = (classes: readonly string[]) =>
  z
    .object({
      classes: z.array(z.string()),
      weights: z.custom<Record<string, number[]>>((w) => isWeightTable(w, classes.length), {
        message: `every feature needs ${classes.length} weights, all finite numbers`,
      }),
    })
    .refine((p) => p.classes.join() === classes.join(), { message: `classes must be ${classes.join(', ')}` });

export const AttributionModelSchema = z.object({
  format: z.literal('stancemap-attribution/1'),
  trainedOn: z.string(),
  /** Sentences scoring at least this (yes minus no) are attributions. */
  threshold: z.number(),
  detector: perceptronWith(['no', 'yes']),
  sourceTagger: perceptronWith(SOURCE_TAGS),
});
export type AttributionModelJson = z.infer<typeof AttributionModelSchema>;

/** A model file's content, its weights in shared memory. */
type AttributionModelData = Omit<AttributionModelParts, 'detector' | 'sourceTagger'> & {
  detector: PerceptronData;
  sourceTagger: PerceptronData;
};

function readAttributionModel(path: string): AttributionModelData {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FatalError('E007', `attribution model ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new FatalError('E007', `attribution model ${path}: not JSON (${(error as Error).message})`);
  }
  const parsed = AttributionModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FatalError(
      'E007',
      `attribution model ${path}: not a model from stancemap train attribution (${issue.path.join('.') || 'root'}: ${issue.message})`,
    );
  }
  const m = parsed.data;
  return {
    detector: AveragedPerceptron.fromJSON(m.detector).toData(),
    sourceTagger: AveragedPerceptron.fromJSON(m.sourceTagger).toData(),
    threshold: m.threshold,
    sha256: createHash('sha256').update(raw).digest('hex'),
    trainedOn: m.trainedOn,
  };
}

/** A token range [first, last) of the source phrase. */
export interface SourceSpan {
  first: number;
  last: number;
}

/** What an attribution model is made of. */
export interface AttributionModelParts {
  detector: AveragedPerceptron;
  sourceTagger: AveragedPerceptron;
  /** Sentences scoring at least this (yes minus no) are attributions. */
  threshold: number;
  /** SHA-256 of the model file it was loaded from (a label such as 'in-memory' when it was not loaded from one). */
  sha256: string;
  /** What it was trained on, as the model file says. */
  trainedOn: string;
}

/**
 * The learned attribution model: a sentence detector (is this sentence a
 * report of what someone said?) and a greedy source tagger over its tokens,
 * both averaged perceptrons trained on PolNeAR (`stancemap train attribution`).
 */
export class AttributionModel {
  readonly detector: AveragedPerceptron;
  readonly sourceTagger: AveragedPerceptron;
  readonly threshold: number;
  readonly sha256: string;
  readonly trainedOn: string;

  constructor(parts: AttributionModelParts) {
    this.detector = parts.detector;
    this.sourceTagger = parts.sourceTagger;
    this.threshold = parts.threshold;
    this.sha256 = parts.sha256;
    this.trainedOn = parts.trainedOn;
  }

  /** The model in a file, read once per process (shared-weights.ts). */
  static load(path: string): AttributionModel {
    const data = loadWeightsOnce('attribution', path, () => readAttributionModel(path));
    return new AttributionModel({
      ...data,
      detector: AveragedPerceptron.fromData(data.detector),
      sourceTagger: AveragedPerceptron.fromData(data.sourceTagger),
    });
  }

  toJSON(trainedOn: string): AttributionModelJson {
    return {
      format: 'stancemap-attribution/1',
      trainedOn,
      threshold: this.threshold,
      detector: this.detector.toJSON() as PerceptronJson,
      sourceTagger: this.sourceTagger.toJSON() as PerceptronJson,
    };
  }

  /** yes-score minus no-score of a sentence. */
  margin(ctx: AttributionContext, sentence: Sentence, previousPositive: boolean): number {
    const scores = this.detector.scores(sentenceFeatures(ctx, sentence, previousPositive));
    const yes = this.detector.classes.indexOf('yes');
    return scores[yes]! - scores[1 - yes]!;
  }

  /** The first source phrase the tagger marks in the sentence, if any. */
  source(ctx: AttributionContext, sentence: Sentence): SourceSpan | null {
    let previous: SourceTag = 'O';
    let span: SourceSpan | null = null;
    for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
      const scores = this.sourceTagger.scores(tokenFeatures(ctx, sentence, k, previous));
      let tag = this.sourceTagger.classes[argmax(scores)] as SourceTag;
      if (tag === 'I' && previous === 'O') tag = 'B';
      if (tag === 'B' && span !== null) break;
      if (tag === 'B') span = { first: k, last: k + 1 };
      else if (tag === 'I' && span) span.last = k + 1;
      else if (tag === 'O' && span) break;
      previous = tag;
    }
    return span;
  }
}
