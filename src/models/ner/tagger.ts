import type { Document } from '../../document/types.js';
import { allowedAfter, closesName, NER_TAGS, OUTSIDE, typeOfTag } from './tags.js';
import { FeatureIndex, type FeatureIndexData } from '../learned/feature-index.js';
import { readWeightFile, writeWeightFile } from '../learned/weight-file.js';

const NER_FORMAT = 'stancemap-ner/1';

/**
 * The features that depend on earlier decisions: the two tags before, the
 * tag before with this word, and the type the document last gave this word
 * (Ratinov & Roth's prediction history: a name tagged ORG once tends to stay
 * ORG further down).
 */
export function historyFeatures(word: string, previous: number, beforePrevious: number, history: string | undefined): string[] {
  const p1 = NER_TAGS[previous]!;
  const f = [`t-1=${p1}`, `t-2=${NER_TAGS[beforePrevious]}|${p1}`, `t-1w=${p1}|${word}`];
  if (history !== undefined) f.push(`h=${history}`);
  return f;
}

/** Weights: one row of tag scores per feature. */
export interface WeightTable {
  row(feature: string): number;
  readonly weights: Float32Array | Float64Array;
}

export interface TaggedDocument {
  tags: Uint8Array;
  /** Per token, how far the chosen tag's score is ahead of the best other allowed tag. */
  margins: Float32Array;
}

/**
 * Greedy left-to-right decoding under BILOU constraints, sentence by
 * sentence. `observe` sees each token's features and chosen tag (training
 * uses it to update; tagging passes nothing).
 */
export function decode(
  doc: Document,
  staticRows: readonly number[][],
  table: WeightTable,
  observe?: (k: number, rows: number[], chosen: number) => number,
): TaggedDocument {
  const classes = NER_TAGS.length;
  const tags = new Uint8Array(doc.tokens.length);
  const margins = new Float32Array(doc.tokens.length);
  const scores = new Float64Array(classes);
  const history = new Map<string, string>();
  for (const sentence of doc.sentences) {
    let previous = OUTSIDE;
    let beforePrevious = OUTSIDE;
    for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
      const text = doc.tokens[k]!.text;
      const word = text.toLowerCase();
      const capitalised = text !== word;
      const known = staticRows[k]!;
      const fromHistory: number[] = [];
      for (const f of historyFeatures(word, previous, beforePrevious, capitalised ? history.get(word) : undefined)) {
        const r = table.row(f);
        if (r !== -1) fromHistory.push(r);
      }
      // Read after the look-ups: while training, a new feature may grow the table into a new array.
      const weights = table.weights;
      scores.fill(0);
      for (const list of [known, fromHistory]) {
        for (const r of list) {
          const base = r * classes;
          for (let c = 0; c < classes; c++) scores[c]! += weights[base + c]!;
        }
      }
      const last = k === sentence.tokenEnd - 1;
      let best = -1;
      let second = -Infinity;
      for (const c of allowedAfter(previous)) {
        if (last && !closesName(c)) continue;
        if (best === -1 || scores[c]! > scores[best]!) {
          if (best !== -1) second = Math.max(second, scores[best]!);
          best = c;
        } else second = Math.max(second, scores[c]!);
      }
      const chosen = observe ? observe(k, [...known, ...fromHistory], best) : best;
      tags[k] = chosen;
      margins[k] = Number.isFinite(second) ? scores[best]! - second : 100;
      if (capitalised) history.set(word, typeOfTag(chosen) ?? 'O');
      beforePrevious = previous;
      previous = chosen;
    }
  }
  return { tags, margins };
}

/** A trained tagger's weights in shared memory (feature-index.ts), as handed to another thread. */
export interface TaggerWeightData {
  index: FeatureIndexData;
  weights: Float32Array;
}

/** A trained tagger's weights, looked up by feature string. */
export class FrozenWeights implements WeightTable {
  private readonly index: FeatureIndex;

  /** Feature i of `features` owns row i of `weights` (NER_TAGS.length cells). */
  constructor(
    features: FeatureIndex | readonly string[],
    readonly weights: Float32Array,
  ) {
    this.index = features instanceof FeatureIndex ? features : FeatureIndex.build(features);
  }

  static fromData(data: TaggerWeightData): FrozenWeights {
    return new FrozenWeights(new FeatureIndex(data.index), data.weights);
  }

  toData(): TaggerWeightData {
    return { index: this.index.data, weights: this.weights };
  }

  row(feature: string): number {
    return this.index.get(feature) ?? -1;
  }

  rowsOf(features: readonly string[]): number[] {
    const out: number[] = [];
    for (const f of features) {
      const r = this.index.get(f);
      if (r !== undefined) out.push(r);
    }
    return out;
  }

  get size(): number {
    return this.index.size;
  }

  /** The model file (learned/weight-file.ts), features in sorted order. */
  serialize(header: Record<string, unknown>): Buffer {
    const classes = NER_TAGS.length;
    const features = [...this.index.keys()].map((f, r) => [f, r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const rows = features.map(([f, r]) => [f, this.weights.subarray(r * classes, (r + 1) * classes)] as const);
    return writeWeightFile({ format: NER_FORMAT, tags: NER_TAGS, ...header }, rows);
  }

  static deserialize(bytes: Buffer): { weights: FrozenWeights; header: Record<string, unknown> } {
    const { header, tags, features, table } = readWeightFile(bytes, NER_FORMAT, Float32Array);
    if (JSON.stringify(tags) !== JSON.stringify(NER_TAGS)) throw new Error('the model was trained with another tag set');
    return { weights: new FrozenWeights(features, table), header };
  }
}
