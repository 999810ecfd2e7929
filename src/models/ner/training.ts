import type { Document } from '../../document/types.js';
import { seededRandom, shuffled } from '../learned/perceptron.js';
import { staticFeatures, type TaggerLexicon } from './features.js';
import { decode, FrozenWeights, type WeightTable } from './tagger.js';
import { NER_TAGS, spansOfTags, tagsForSpans, type TypedSpan } from './tags.js';

/** A document prepared for tagging (zones, tokens, sentences, the earlier recognizers' mentions) and its gold names. */
export interface TaggingExample {
  doc: Document;
  names: TypedSpan[];
}

/**
 * Weights while training: features are interned to rows as they are first
 * seen, and each weight keeps the sum needed for its average (the
 * "averaging trick": avg = w − u / steps, where u sums step × update).
 */
class TrainingWeights implements WeightTable {
  private readonly index = new Map<string, number>();
  weights = new Float64Array(1 << 16);
  private stepSums = new Float64Array(1 << 16);
  steps = 1;

  row(feature: string): number {
    let r = this.index.get(feature);
    if (r === undefined) {
      r = this.index.size;
      this.index.set(feature, r);
      this.ensure((r + 1) * NER_TAGS.length);
    }
    return r;
  }

  update(rows: readonly number[], truth: number, guess: number): void {
    const classes = NER_TAGS.length;
    for (const r of rows) {
      this.weights[r * classes + truth]! += 1;
      this.weights[r * classes + guess]! -= 1;
      this.stepSums[r * classes + truth]! += this.steps;
      this.stepSums[r * classes + guess]! -= this.steps;
    }
  }

  /** The averaged weights, with rows whose every weight rounds to zero at `prune` dropped. */
  averaged(prune: number): FrozenWeights {
    const classes = NER_TAGS.length;
    const index = new Map<string, number>();
    const kept: number[] = [];
    for (const [feature, r] of this.index) {
      let largest = 0;
      for (let c = 0; c < classes; c++) largest = Math.max(largest, Math.abs(this.average(r * classes + c)));
      if (largest >= prune) {
        index.set(feature, kept.length);
        kept.push(r);
      }
    }
    const weights = new Float32Array(kept.length * classes);
    kept.forEach((r, i) => {
      for (let c = 0; c < classes; c++) weights[i * classes + c] = this.average(r * classes + c);
    });
    return new FrozenWeights(index, weights);
  }

  private average(cell: number): number {
    return this.weights[cell]! - this.stepSums[cell]! / this.steps;
  }

  private ensure(size: number): void {
    if (size <= this.weights.length) return;
    let length = this.weights.length;
    while (length < size) length *= 2;
    const grow = (old: Float64Array) => {
      const next = new Float64Array(length);
      next.set(old);
      return next;
    };
    this.weights = grow(this.weights);
    this.stepSums = grow(this.stepSums);
  }
}

export interface NerTrainingOptions {
  epochs: number;
  seed: number;
  /** Averaged weights below this are dropped from the model file. */
  prune: number;
  dev?: readonly TaggingExample[];
  onEpoch?: (epoch: number, dev: NameScores | null) => void;
}

export interface NameScores {
  precision: number;
  recall: number;
  f1: number;
  perType: Record<string, { precision: number; recall: number; f1: number }>;
}

/**
 * Trains the greedy BILOU tagger as an averaged structured perceptron:
 * documents in a seeded order each epoch, each token decoded with the tags
 * the model itself chose before it, and a wrong tag moves weight from the
 * guess to the truth. Deterministic for a given seed and data.
 */
export function trainTagger(examples: readonly TaggingExample[], lexicon: TaggerLexicon, options: NerTrainingOptions): FrozenWeights {
  const table = new TrainingWeights();
  const prepared = examples.map((e) => ({
    doc: e.doc,
    gold: tagsForSpans(e.doc, e.names),
    rows: staticFeatures(e.doc, lexicon).map((fs) => fs.map((f) => table.row(f))),
  }));
  const random = seededRandom(options.seed);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const example of shuffled(prepared, random)) {
      decode(example.doc, example.rows, table, (k, rows, guess) => {
        const truth = example.gold[k]!;
        if (guess !== truth) table.update(rows, truth, guess);
        table.steps++;
        return guess;
      });
    }
    if (options.onEpoch) options.onEpoch(epoch, options.dev ? scoreTagger(table.averaged(options.prune), options.dev, lexicon) : null);
  }
  return table.averaged(options.prune);
}

/** Exact-span precision, recall and F1 of PER, ORG and LOC names (MISC is not scored), as conlleval counts them. */
export function scoreTagger(weights: FrozenWeights, examples: readonly TaggingExample[], lexicon: TaggerLexicon): NameScores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const tally = (type: string) => counts.get(type) ?? (counts.set(type, { tp: 0, fp: 0, fn: 0 }), counts.get(type)!);
  for (const example of examples) {
    const rows = staticFeatures(example.doc, lexicon).map((fs) => weights.rowsOf(fs));
    const { tags } = decode(example.doc, rows, weights);
    const key = (s: { type: string; first: number; end: number }) => `${s.type}:${s.first}:${s.end}`;
    const predicted = new Set(spansOfTags(tags).filter((s) => s.type !== 'MISC').map(key));
    const gold = new Set(spansOfTags(tagsForSpans(example.doc, example.names)).filter((s) => s.type !== 'MISC').map(key));
    for (const p of predicted) (gold.has(p) ? tally(p.split(':')[0]!).tp++ : tally(p.split(':')[0]!).fp++);
    for (const g of gold) if (!predicted.has(g)) tally(g.split(':')[0]!).fn++;
  }
  const prf = (c: { tp: number; fp: number; fn: number }) => ({
    precision: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0,
    recall: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0,
    f1: 2 * c.tp + c.fp + c.fn > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0,
  });
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const c of counts.values()) (total.tp += c.tp), (total.fp += c.fp), (total.fn += c.fn);
  return { ...prf(total), perType: Object.fromEntries([...counts].sort().map(([t, c]) => [t, prf(c)])) };
}
