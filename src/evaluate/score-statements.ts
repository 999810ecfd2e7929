import { overlapLength, overlaps } from '../document/spans.js';
import type { Span, StanceLabel } from '../document/types.js';
import { STANCE_LABELS } from '../document/types.js';
import type { Gold } from '../schema/article.js';
import { Counter } from './metrics.js';
import { byPairingOrder, canPair, greedyPairs, type PairCandidate } from './pairing.js';
import { arrayField, isObject, isStanceLabel, isValidSpan, namesOf, scoringNameKey, type Prediction } from './prediction.js';

export type ConfusionKey = StanceLabel | 'none';
export const CONFUSION_KEYS: readonly ConfusionKey[] = [...STANCE_LABELS, 'none'];

export interface SpeakerTally {
  correct: number;
  total: number;
  predNull: number;
  predUnresolved: number;
  goldUnresolved: number;
  unnamedTotal: number;
  falseAttribution: number;
}

export interface StatementTally {
  perLabel: Record<StanceLabel, Counter>;
  unlabelled: Counter;
  confusion: Record<ConfusionKey, Record<ConfusionKey, number>>;
  speaker: SpeakerTally;
  invalidPredictions: number;
  /** Confidence and correctness of every valid predicted statement, for calibration. */
  confidences: Array<{ confidence: number; correct: boolean }>;
}

/** A statement error for `evaluate --errors`: tag is the label, or "gold→pred" for a label swap. */
export interface StatementError extends Span {
  error: 'false-positive' | 'false-negative';
  tag: string;
}

interface PredStatement extends Span {
  label: StanceLabel;
  raw: Record<string, unknown>;
}

interface Candidate extends PairCandidate {
  sameLabel: boolean;
}

/** The pairs of one document: labelled (equal labels), and unlabelled (the labelled ones, then spans alone). */
interface StatementPairs {
  labelled: Candidate[];
  unlabelled: Candidate[];
}

/** One document's gold and prediction, and where its warnings go. */
interface ScoredDocument {
  docId: string;
  gold: Gold;
  pred: Prediction | null;
  warn: (message: string) => void;
}

export function emptyStatementTally(): StatementTally {
  return {
    perLabel: Object.fromEntries(STANCE_LABELS.map((l) => [l, new Counter()])) as Record<StanceLabel, Counter>,
    unlabelled: new Counter(),
    confusion: Object.fromEntries(
      CONFUSION_KEYS.map((g) => [g, Object.fromEntries(CONFUSION_KEYS.map((p) => [p, 0]))]),
    ) as StatementTally['confusion'],
    speaker: { correct: 0, total: 0, predNull: 0, predUnresolved: 0, goldUnresolved: 0, unnamedTotal: 0, falseAttribution: 0 },
    invalidPredictions: 0,
    confidences: [],
  };
}

/**
 * Scores the statements of one document (ANNOTATION.md): pairs overlap by at
 * least half the shorter span; labelled pairs are chosen first (equal labels,
 * one-to-one, greedy by overlap share, then overlap characters, then gold
 * order, then prediction order), then an unlabelled pass pairs what is left.
 * Speakers are judged over the labelled pairs.
 */
export function scoreStatements(
  docId: string,
  gold: Gold,
  pred: Prediction | null,
  warn: (message: string) => void,
): { tally: StatementTally; errors: StatementError[] } {
  const tally = emptyStatementTally();
  const golds = gold.statements.filter((s, i) => {
    if (isValidSpan(s)) return true;
    warn(`${docId}: gold statement #${i} invalid (span or label); skipped`);
    return false;
  });
  const preds = validPredStatements(docId, pred, tally, warn);
  const candidates = pairCandidates(golds, preds);
  const labelled = greedyPairs(candidates.filter((c) => c.sameLabel));
  const pairedGold = new Set(labelled.map((c) => c.gold));
  const pairedPred = new Set(labelled.map((c) => c.pred));
  const unlabelled = [...labelled, ...greedyPairs(candidates, new Set(pairedGold), new Set(pairedPred))];
  const errors = tallyPairs(tally, golds, preds, { labelled, unlabelled });
  const document: ScoredDocument = { docId, gold, pred, warn };
  for (const pair of labelled) judgeSpeaker(tally.speaker, document, golds[pair.gold]!.speaker, preds[pair.pred]!.raw);
  return { tally, errors };
}

function validPredStatements(
  docId: string,
  pred: Prediction | null,
  tally: StatementTally,
  warn: (message: string) => void,
): PredStatement[] {
  const out: PredStatement[] = [];
  arrayField(pred, 'statements').forEach((s, i) => {
    if (isObject(s) && isValidSpan(s) && isStanceLabel(s.label)) out.push({ start: s.start, end: s.end, label: s.label, raw: s });
    else {
      tally.invalidPredictions++;
      warn(`${docId}: predicted statement #${i} invalid (span or label); skipped`);
    }
  });
  return out;
}

function pairCandidates(golds: Gold['statements'], preds: PredStatement[]): Candidate[] {
  const candidates: Candidate[] = [];
  golds.forEach((g, gi) =>
    preds.forEach((p, pi) => {
      const overlap = overlapLength(g, p);
      const share = overlap / Math.min(g.end - g.start, p.end - p.start);
      if (canPair(overlap, g.end - g.start, p.end - p.start))
        candidates.push({ gold: gi, pred: pi, overlap, share, sameLabel: g.label === p.label });
    }),
  );
  return candidates.sort(byPairingOrder);
}

function tallyPairs(
  tally: StatementTally,
  golds: Gold['statements'],
  preds: PredStatement[],
  { labelled, unlabelled }: StatementPairs,
): StatementError[] {
  const errors: StatementError[] = [];
  const labelledPred = new Set(labelled.map((c) => c.pred));
  const labelledGold = new Set(labelled.map((c) => c.gold));
  const spanPartnerOfGold = new Map(unlabelled.map((c) => [c.gold, c.pred]));
  const spanPartnerOfPred = new Map(unlabelled.map((c) => [c.pred, c.gold]));
  for (const c of labelled) tally.perLabel[golds[c.gold]!.label].tp++;
  golds.forEach((g, gi) => {
    if (labelledGold.has(gi)) return;
    tally.perLabel[g.label].fn++;
    const partner = spanPartnerOfGold.get(gi);
    errors.push({
      error: 'false-negative',
      start: g.start,
      end: g.end,
      tag: partner === undefined ? g.label : `${g.label}→${preds[partner]!.label}`,
    });
  });
  preds.forEach((p, pi) => {
    tally.confidences.push({ confidence: typeof p.raw.confidence === 'number' ? p.raw.confidence : 0, correct: labelledPred.has(pi) });
    if (labelledPred.has(pi)) return;
    tally.perLabel[p.label].fp++;
    const partner = spanPartnerOfPred.get(pi);
    errors.push({
      error: 'false-positive',
      start: p.start,
      end: p.end,
      tag: partner === undefined ? p.label : `${golds[partner]!.label}→${p.label}`,
    });
  });
  tally.unlabelled.tp = unlabelled.length;
  tally.unlabelled.fn = golds.length - unlabelled.length;
  tally.unlabelled.fp = preds.length - unlabelled.length;
  for (const c of unlabelled) tally.confusion[golds[c.gold]!.label][preds[c.pred]!.label]++;
  golds.forEach((g, gi) => {
    if (!spanPartnerOfGold.has(gi)) tally.confusion[g.label].none++;
  });
  preds.forEach((p, pi) => {
    if (!spanPartnerOfPred.has(pi)) tally.confusion.none[p.label]++;
  });
  return errors;
}

/**
 * A named gold speaker is matched when the predicted speaker entity has a
 * mention overlapping one of the gold speaker entity's mentions, or a name or
 * alias equal to the gold name under `scoringNameKey`. Where the gold source
 * is unnamed, any named prediction is a false attribution.
 */
function judgeSpeaker(
  tally: SpeakerTally,
  { docId, gold, pred, warn }: ScoredDocument,
  goldSpeaker: string | null,
  statement: Record<string, unknown>,
): void {
  if (goldSpeaker === null || goldSpeaker === '') {
    tally.unnamedTotal++;
    if (statement.speaker !== null && statement.speaker !== undefined) tally.falseAttribution++;
    return;
  }
  tally.total++;
  const goldKey = scoringNameKey(goldSpeaker);
  const goldEntity = gold.entities.find((e) => e.name === goldSpeaker) ?? gold.entities.find((e) => scoringNameKey(e.name) === goldKey);
  if (!goldEntity) {
    tally.goldUnresolved++;
    warn(`${docId}: gold speaker ${JSON.stringify(goldSpeaker)} is not a gold entity name; name comparison only`);
  }
  if (statement.speaker === null || statement.speaker === undefined) {
    tally.predNull++;
    return;
  }
  const predEntity = predictedEntity(pred, String(statement.speaker));
  if (!predEntity) {
    tally.predUnresolved++;
    warn(`${docId}: predicted speaker id ${JSON.stringify(statement.speaker)} not among predicted entities`);
    return;
  }
  const goldMentions = (goldEntity?.mentions ?? []).filter(isValidSpan);
  const predMentions = (Array.isArray(predEntity.mentions) ? predEntity.mentions : []).filter(isValidSpan);
  const byMention = predMentions.some((p) => goldMentions.some((g) => overlaps(p, g)));
  const byName = goldKey !== '' && namesOf(predEntity).some((n) => scoringNameKey(n) === goldKey);
  if (byMention || byName) tally.correct++;
}

/** The first predicted entity with this id. */
function predictedEntity(pred: Prediction | null, id: string): Record<string, unknown> | undefined {
  for (const e of arrayField(pred, 'entities')) if (isObject(e) && e.id !== null && e.id !== undefined && String(e.id) === id) return e;
  return undefined;
}
