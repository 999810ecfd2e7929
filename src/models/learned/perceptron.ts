/**
 * A multi-class averaged perceptron over string features (Collins 2002, in
 * the lazy-averaging form). Training is deterministic: the same examples in
 * the same order with the same seed give the same weights, bit for bit.
 */
import { FeatureIndex, type FeatureIndexData } from './feature-index.js';

export interface PerceptronJson {
  classes: string[];
  /** feature → one weight per class (averaged), small weights pruned. */
  weights: Record<string, number[]>;
}

export interface TrainingExample {
  features: readonly string[];
  label: string;
}

/** Deterministic 32-bit generator (mulberry32), for shuffling training examples. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A loaded model's weights: each feature's row in one flat table, both in
 * shared memory, so that worker threads can be handed them (shared-weights.ts).
 */
export interface PerceptronData {
  classes: string[];
  index: FeatureIndexData;
  table: Float64Array;
}

interface FrozenWeights {
  rows: FeatureIndex;
  table: Float64Array;
}

/** How long a perceptron trains, in what order, and who hears of each pass. */
export interface TrainingSchedule {
  epochs: number;
  seed?: number;
  onEpoch?: (epoch: number) => void;
}

export class AveragedPerceptron {
  private readonly weights = new Map<string, Float64Array>();
  private frozen: FrozenWeights | undefined;
  private readonly totals = new Map<string, Float64Array>();
  private readonly stamps = new Map<string, Float64Array>();
  private instances = 0;
  private averaged = false;

  constructor(readonly classes: readonly string[]) {
    if (classes.length < 2) throw new Error('a perceptron needs at least two classes');
  }

  /** One score per class. */
  scores(features: readonly string[]): Float64Array {
    const out = new Float64Array(this.classes.length);
    if (this.frozen) {
      const { rows, table } = this.frozen;
      for (const f of features) {
        const row = rows.get(f);
        if (row === undefined) continue;
        for (let c = 0, at = row * out.length; c < out.length; c++) out[c]! += table[at + c]!;
      }
      return out;
    }
    for (const f of features) {
      const w = this.weights.get(f);
      if (!w) continue;
      for (let c = 0; c < out.length; c++) out[c]! += w[c]!;
    }
    return out;
  }

  /** The best class; ties go to the class listed first. */
  predict(features: readonly string[]): string {
    return this.classes[argmax(this.scores(features))]!;
  }

  /** One online step: when the guess is wrong, move weight from the guess to the truth. */
  update(features: readonly string[], truth: string, guess: string): void {
    this.instances++;
    if (truth === guess) return;
    const t = this.classIndex(truth);
    const g = this.classIndex(guess);
    for (const f of features) {
      this.adjust(f, t, 1);
      this.adjust(f, g, -1);
    }
  }

  /** Trains for `epochs` passes over the examples, shuffled by `seed` (1 if not given), then averages; `onEpoch` hears of each pass done (from 1). */
  static train(classes: readonly string[], examples: readonly TrainingExample[], schedule: TrainingSchedule): AveragedPerceptron {
    const model = new AveragedPerceptron(classes);
    const random = seededRandom(schedule.seed ?? 1);
    for (let epoch = 1; epoch <= schedule.epochs; epoch++) {
      for (const example of shuffled(examples, random)) model.update(example.features, example.label, model.predict(example.features));
      schedule.onEpoch?.(epoch);
    }
    model.average();
    return model;
  }

  /** Replaces each weight by its average over every update seen; call once, after training. */
  average(): void {
    if (this.averaged) return;
    for (const [f, w] of this.weights) {
      const total = this.totals.get(f)!;
      const stamp = this.stamps.get(f)!;
      for (let c = 0; c < w.length; c++) {
        const sum = total[c]! + (this.instances - stamp[c]!) * w[c]!;
        w[c] = this.instances > 0 ? sum / this.instances : 0;
      }
    }
    this.averaged = true;
  }

  /** Serialises the averaged weights, dropping features whose largest weight is below `prune` (and rounding to 4 decimals). */
  toJSON(prune = 1e-3): PerceptronJson {
    const weights: Record<string, number[]> = {};
    const rowOf = (f: string): number[] => {
      if (!this.frozen) return [...this.weights.get(f)!];
      const at = this.frozen.rows.get(f)! * this.classes.length;
      return [...this.frozen.table.subarray(at, at + this.classes.length)];
    };
    for (const f of [...(this.frozen?.rows ?? this.weights).keys()].sort()) {
      const w = rowOf(f).map((x) => Math.round(x * 1e4) / 1e4);
      if (w.some((x) => Math.abs(x) >= prune)) weights[f] = w;
    }
    return { classes: [...this.classes], weights };
  }

  /** A model to score with (not to train further): the weights go into one flat table in shared memory. */
  static fromJSON(json: PerceptronJson): AveragedPerceptron {
    const features = Object.keys(json.weights);
    const width = json.classes.length;
    const table = new Float64Array(new SharedArrayBuffer(Math.max(1, features.length * width) * Float64Array.BYTES_PER_ELEMENT));
    for (const [row, f] of features.entries()) table.set(json.weights[f]!, row * width);
    return AveragedPerceptron.fromData({ classes: [...json.classes], index: FeatureIndex.build(features).data, table });
  }

  /** A loaded model over weights already in memory (another thread's, say): nothing is copied. */
  static fromData(data: PerceptronData): AveragedPerceptron {
    const model = new AveragedPerceptron(data.classes);
    model.frozen = { rows: new FeatureIndex(data.index), table: data.table };
    model.averaged = true;
    return model;
  }

  /** The weights of a loaded model, to hand to fromData in another thread. */
  toData(): PerceptronData {
    if (!this.frozen) throw new Error('only a loaded perceptron (fromJSON) has shareable weights');
    return { classes: [...this.classes], index: this.frozen.rows.data, table: this.frozen.table };
  }

  private classIndex(label: string): number {
    const index = this.classes.indexOf(label);
    if (index === -1) throw new Error(`unknown class "${label}"`);
    return index;
  }

  private adjust(feature: string, c: number, delta: number): void {
    if (this.frozen) throw new Error('a loaded perceptron is for scoring; train a new one instead');
    let w = this.weights.get(feature);
    if (!w) {
      w = new Float64Array(this.classes.length);
      this.weights.set(feature, w);
      this.totals.set(feature, new Float64Array(this.classes.length));
      this.stamps.set(feature, new Float64Array(this.classes.length));
    }
    const total = this.totals.get(feature)!;
    const stamp = this.stamps.get(feature)!;
    total[c]! += (this.instances - stamp[c]!) * w[c]!;
    stamp[c] = this.instances;
    w[c]! += delta;
  }
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
