/**
 * Ratios as ANNOTATION.md "How evaluate scores" defines them: a ratio whose
 * denominator is 0 is undefined (null), never 0 or 1, and no figure is rounded
 * (`../shared/tools/score.mjs` prints the same unrounded numbers).
 */

/** Counts and ratios of one precision/recall table row; `gold` = tp + fn, `pred` = tp + fp. */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  gold: number;
  pred: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** Entity-level row: gold entities found and predicted entities correct are counted separately (not one-to-one). */
export interface EntityPrf {
  gold: number;
  found: number;
  pred: number;
  correct: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Harmonic mean; null when either side is undefined. */
export function harmonicMean(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  return a + b > 0 ? (2 * a * b) / (a + b) : 0;
}

/** Mean of the defined values; null when none is. */
export function meanOfDefined(values: ReadonlyArray<number | null>): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

/** F1 as 2TP / (2TP + FP + FN), which is defined whenever anything was predicted or annotated. */
export function prf(tp: number, fp: number, fn: number): Prf {
  const denominator = 2 * tp + fp + fn;
  return {
    tp,
    fp,
    fn,
    gold: tp + fn,
    pred: tp + fp,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: denominator > 0 ? (2 * tp) / denominator : null,
  };
}

/** An entity row; F1 is 0 (not undefined) when one side has entities and the other none. */
export function entityPrf(gold: number, found: number, pred: number, correct: number): EntityPrf {
  const precision = ratio(correct, pred);
  const recall = ratio(found, gold);
  let f1: number | null = null;
  if (gold + pred > 0) f1 = precision === null || recall === null ? 0 : harmonicMean(precision, recall);
  return { gold, found, pred, correct, precision, recall, f1 };
}

/** A tally of true positives, false positives and false negatives. */
export class Counter {
  tp = 0;
  fp = 0;
  fn = 0;
  add(other: Counter): void {
    this.tp += other.tp;
    this.fp += other.fp;
    this.fn += other.fn;
  }
  result(): Prf {
    return prf(this.tp, this.fp, this.fn);
  }
}
