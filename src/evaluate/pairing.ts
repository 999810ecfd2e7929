/**
 * The pairing rule both scorers share (ANNOTATION.md "How evaluate scores",
 * PolNeAR detection): a gold and a predicted span are candidates when they
 * overlap by at least half the shorter one; pairs are chosen one-to-one,
 * greedily, by overlap share, then overlap characters, then gold order, then
 * prediction order.
 */

export interface PairCandidate {
  gold: number;
  pred: number;
  /** Characters in common. */
  overlap: number;
  /** `overlap` over the shorter of the two lengths. */
  share: number;
}

/** True when the overlap is at least half the shorter length. */
export function canPair(overlap: number, goldLength: number, predLength: number): boolean {
  return overlap / Math.min(goldLength, predLength) >= 0.5;
}

export function byPairingOrder(a: PairCandidate, b: PairCandidate): number {
  return b.share - a.share || b.overlap - a.overlap || a.gold - b.gold || a.pred - b.pred;
}

/**
 * Walks candidates in the order given (sort them with `byPairingOrder`) and
 * keeps each whose gold and prediction are both still free; `usedGold` and
 * `usedPred` hold what an earlier pass already paired, and are updated.
 */
export function greedyPairs<C extends PairCandidate>(
  candidates: readonly C[],
  usedGold = new Set<number>(),
  usedPred = new Set<number>(),
): C[] {
  const pairs: C[] = [];
  for (const c of candidates) {
    if (usedGold.has(c.gold) || usedPred.has(c.pred)) continue;
    usedGold.add(c.gold);
    usedPred.add(c.pred);
    pairs.push(c);
  }
  return pairs;
}
