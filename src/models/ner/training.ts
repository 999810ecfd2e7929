import type { Document } from '../../document/types.js';
import { Counter, type Prf } from '../../evaluate/metrics.js';
import { seededRandom, shuffled } from '../learned/perceptron.js';
import type { ProgressCallback } from '../types.js';
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
    const features: string[] = [];
    const kept: number[] = [];
    for (const [feature, r] of this.index) {
      let largest = 0;
      for (let c = 0; c < classes; c++) largest = Math.max(largest, Math.abs(this.average(r * classes + c)));
      if (largest >= prune) {
        features.push(feature);
        kept.push(r);
      }
    }
    const weights = new Float32Array(kept.length * classes);
    kept.forEach((r, i) => {
      for (let c = 0; c < classes; c++) weights[i * classes + c] = this.average(r * classes + c);
    });
    return new FrozenWeights(features, weights);
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
  /** Hears of the documents featurised, then of each epoch's documents. */
  onProgress?: ProgressCallback;
}

/** Exact-span figures over PER, ORG and LOC together, and per type. */
export type NameScores = Prf & { perType: Record<string, Prf> };

/**
 * Trains the greedy BILOU tagger as an averaged structured perceptron:
 * documents in a seeded order each epoch, each token decoded with the tags
 * the model itself chose before it, and a wrong tag moves weight from the
 * guess to the truth. Deterministic for a given seed and data.
 */
export function trainTagger(examples: readonly TaggingExample[], lexicon: TaggerLexicon, options: NerTrainingOptions): FrozenWeights {
  const table = new TrainingWeights();
  const progress = options.onProgress ?? (() => {});
  const prepared = examples.map((e, i) => {
    progress('document features', i + 1, examples.length);
    return {
      doc: e.doc,
      gold: tagsForSpans(e.doc, e.names),
      rows: staticFeatures(e.doc, lexicon).map((fs) => fs.map((f) => table.row(f))),
    };
  });
  const random = seededRandom(options.seed);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const [i, example] of shuffled(prepared, random).entries()) {
      decode(example.doc, example.rows, table, (k, rows, guess) => {
        const truth = example.gold[k]!;
        if (guess !== truth) table.update(rows, truth, guess);
        table.steps++;
        return guess;
      });
      progress(`epoch ${epoch}/${options.epochs} documents`, i + 1, prepared.length);
    }
    if (options.onEpoch) options.onEpoch(epoch, options.dev ? scoreTagger(table.averaged(options.prune), options.dev, lexicon) : null);
  }
  return table.averaged(options.prune);
}

/** Exact-span precision, recall and F1 of PER, ORG and LOC names (MISC is not scored), as conlleval counts them. */
export function scoreTagger(weights: FrozenWeights, examples: readonly TaggingExample[], lexicon: TaggerLexicon): NameScores {
  const counts = new Map<string, Counter>();
  const tally = (type: string) => counts.get(type) ?? (counts.set(type, new Counter()), counts.get(type)!);
  for (const example of examples) {
    const rows = staticFeatures(example.doc, lexicon).map((fs) => weights.rowsOf(fs));
    const { tags } = decode(example.doc, rows, weights);
    const scored = (spans: ReturnType<typeof spansOfTags>) =>
      new Map(spans.filter((s) => s.type !== 'MISC').map((s) => [`${s.type}:${s.first}:${s.end}`, s.type]));
    const predicted = scored(spansOfTags(tags));
    const gold = scored(spansOfTags(tagsForSpans(example.doc, example.names)));
    for (const [key, type] of predicted) {
      if (gold.has(key)) tally(type).tp++;
      else tally(type).fp++;
    }
    for (const [key, type] of gold) if (!predicted.has(key)) tally(type).fn++;
  }
  const total = new Counter();
  for (const c of counts.values()) total.add(c);
  return { ...total.result(), perType: Object.fromEntries([...counts].sort().map(([t, c]) => [t, c.result()])) };
}
