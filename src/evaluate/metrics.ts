/** Precision, recall and F1 from counts; 0 where a denominator is 0. */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision: round(precision), recall: round(recall), f1: round(f1) };
}

export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export class Counter {
  tp = 0;
  fp = 0;
  fn = 0;
  result(): Prf {
    return prf(this.tp, this.fp, this.fn);
  }
}

/**
 * B-cubed over items that are in both clusterings: for each item, the share
 * of its predicted cluster that is in its gold cluster (precision) and the
 * share of its gold cluster that is in its predicted cluster (recall).
 */
export function bCubed(items: ReadonlyArray<{ gold: string; pred: string }>): { precision: number; recall: number; f1: number } {
  if (items.length === 0) return { precision: 0, recall: 0, f1: 0 };
  let precision = 0;
  let recall = 0;
  for (const item of items) {
    const both = items.filter((o) => o.gold === item.gold && o.pred === item.pred).length;
    precision += both / items.filter((o) => o.pred === item.pred).length;
    recall += both / items.filter((o) => o.gold === item.gold).length;
  }
  precision /= items.length;
  recall /= items.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}
