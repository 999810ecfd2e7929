import type { EntityType, StanceLabel } from '../document/types.js';
import { ENTITY_TYPES, STANCE_LABELS } from '../document/types.js';
import type { Gold } from '../schema/article.js';
import { Counter, entityPrf, harmonicMean, meanOfDefined, ratio, type EntityPrf, type Prf } from './metrics.js';
import type { Prediction } from './prediction.js';
import { scoreEntities, type EntityTally } from './score-entities.js';
import { CONFUSION_KEYS, scoreStatements, type ConfusionKey, type StatementTally } from './score-statements.js';

/** One document to score: its gold, and the prediction (null when there is none or it could not be read). */
export interface EvaluationPair {
  docId: string;
  gold: Gold;
  pred: Prediction | null;
  /** Problems met while reading this document's files, reported before its scoring warnings. */
  warnings?: readonly string[];
}

/** How the gold documents found their predictions (filled in by `loadPairs`). */
export interface DocumentCounts {
  gold: number;
  predFound: number;
  predMissing: number;
  predUnreadable: number;
  predExtra: number;
  /** Predictions found at `<pred>/<path under the gold root>.json`. */
  matchedByPath: number;
  /** Predictions found elsewhere under `<pred>` by file name alone (one candidate only). */
  matchedByName: number;
}

export interface ErrorItem {
  docId: string;
  kind: 'mention' | 'statement';
  error: 'false-positive' | 'false-negative';
  start: number;
  end: number;
  /** Entity type for mentions, label for statements ("gold→pred" for a label swap). */
  tag: string;
  text: string;
  context: string;
}

export interface CalibrationBand {
  from: number;
  to: number;
  count: number;
  correct: number;
  accuracy: number | null;
}

/**
 * The figures of `stancemap evaluate --json`. Every key that
 * `../shared/tools/score.mjs --json` prints is here with the same value;
 * `mentions.exactSpan`, `mentions.partial`, `statements.calibration`,
 * `documents.matchedBy*` and `errors` are ours.
 */
export interface EvaluationReport {
  scorer: string;
  version: 1;
  documents: DocumentCounts;
  mentions: {
    perType: Record<EntityType, Prf>;
    micro: Prf;
    macroF1: number | null;
    ignoredPredictions: number;
    duplicatePredictions: number;
    invalidPredictions: number;
    goldInIgnore: number;
    exactSpan: Record<EntityType | 'micro', Prf>;
    partial: Record<EntityType | 'micro', Prf>;
  };
  entities: {
    perType: Record<EntityType, EntityPrf>;
    micro: EntityPrf;
    goldWithoutMentions: number;
    predWithoutMentions: number;
    bcubed: { precision: number | null; recall: number | null; f1: number | null; mentions: number };
  };
  statements: {
    perLabel: Record<StanceLabel, Prf>;
    micro: Prf;
    macroF1: number | null;
    unlabelled: Prf;
    /** confusion[gold][pred], "none" for statements left unpaired. */
    confusion: Record<ConfusionKey, Record<ConfusionKey, number>>;
    speaker: {
      correct: number;
      total: number;
      accuracy: number | null;
      predNull: number;
      predUnresolved: number;
      goldUnresolved: number;
      /** Labelled pairs whose gold source is unnamed; a named prediction there is a false attribution. */
      unnamed: { total: number; falseAttribution: number; rate: number | null };
    };
    invalidPredictions: number;
    /** Predicted statements by confidence band: how many were right (paired with their label). */
    calibration: CalibrationBand[];
  };
  warnings: string[];
  errors: ErrorItem[];
}

const MAX_WARNINGS = 50;
const CONTEXT_CHARS = 40;
const CALIBRATION_BANDS: ReadonlyArray<[number, number]> = [
  [0, 0.5],
  [0.5, 0.6],
  [0.6, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 1],
];

/** No documents yet: the start of every tally of documents. */
export const EMPTY_COUNTS: Readonly<DocumentCounts> = {
  gold: 0,
  predFound: 0,
  predMissing: 0,
  predUnreadable: 0,
  predExtra: 0,
  matchedByPath: 0,
  matchedByName: 0,
};

/**
 * Scores predictions against gold by ANNOTATION.md "How evaluate scores".
 * `documents` counts how predictions were found (`loadPairs`); each pair's
 * loading warnings precede its scoring warnings, and the list is cut at 50
 * plus a count line.
 */
export function evaluate(pairs: readonly EvaluationPair[], documents: Partial<DocumentCounts> = {}): EvaluationReport {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const entityTallies: EntityTally[] = [];
  const statementTallies: StatementTally[] = [];
  const errors: ErrorItem[] = [];
  for (const { docId, gold, pred, warnings: loadWarnings } of pairs) {
    warnings.push(...(loadWarnings ?? []));
    const entities = scoreEntities(docId, gold, pred, warn);
    const statements = scoreStatements(docId, gold, pred, warn);
    entityTallies.push(entities.tally);
    statementTallies.push(statements.tally);
    const document = { docId, text: typeof pred?.text === 'string' ? pred.text : '' };
    for (const e of entities.errors) errors.push(errorItem(document, 'mention', e, e.type));
    for (const e of statements.errors) errors.push(errorItem(document, 'statement', e, e.tag));
  }
  return {
    scorer: 'stancemap evaluate',
    version: 1,
    documents: { ...EMPTY_COUNTS, gold: pairs.length, ...documents },
    mentions: mentionFigures(entityTallies),
    entities: entityFigures(entityTallies),
    statements: statementFigures(statementTallies),
    warnings:
      warnings.length > MAX_WARNINGS
        ? [...warnings.slice(0, MAX_WARNINGS), `… and ${warnings.length - MAX_WARNINGS} more warnings`]
        : warnings,
    errors,
  };
}

/** An error with its text and some context around it, from the prediction's text (none without it). */
function errorItem(
  { docId, text }: { docId: string; text: string },
  kind: ErrorItem['kind'],
  span: { start: number; end: number; error: ErrorItem['error'] },
  tag: string,
): ErrorItem {
  const context = text
    ? `${text.slice(Math.max(0, span.start - CONTEXT_CHARS), span.start)}[${text.slice(span.start, span.end)}]${text.slice(span.end, span.end + CONTEXT_CHARS)}`.replace(
        /\s+/g,
        ' ',
      )
    : '';
  return { docId, kind, error: span.error, start: span.start, end: span.end, tag, text: text.slice(span.start, span.end), context };
}

/** Sums one counter per key over documents, in document order. */
function summed<K extends string>(
  tallies: readonly unknown[],
  keys: readonly K[],
  pick: (tally: never, key: K) => Counter,
): Record<K, Counter> {
  const out = Object.fromEntries(keys.map((k) => [k, new Counter()])) as Record<K, Counter>;
  for (const t of tallies) for (const k of keys) out[k].add(pick(t as never, k));
  return out;
}

function microOf(counters: Record<string, Counter>): Prf {
  const total = new Counter();
  for (const c of Object.values(counters)) total.add(c);
  return total.result();
}

function table<K extends string>(counters: Record<K, Counter>, keys: readonly K[]): Record<K, Prf> {
  return Object.fromEntries(keys.map((k) => [k, counters[k].result()])) as Record<K, Prf>;
}

function mentionFigures(tallies: readonly EntityTally[]): EvaluationReport['mentions'] {
  const sum = (pick: (t: EntityTally) => number) => tallies.reduce((a, t) => a + pick(t), 0);
  const strict = summed(tallies, ENTITY_TYPES, (t: EntityTally, k) => t.strict[k]);
  const perType = table(strict, ENTITY_TYPES);
  const withMicro = (counters: Record<EntityType, Counter>) => ({ ...table(counters, ENTITY_TYPES), micro: microOf(counters) });
  return {
    perType,
    micro: microOf(strict),
    macroF1: meanOfDefined(ENTITY_TYPES.map((t) => perType[t].f1)),
    ignoredPredictions: sum((t) => t.ignoredPredictions),
    duplicatePredictions: sum((t) => t.duplicatePredictions),
    invalidPredictions: sum((t) => t.invalidPredictions),
    goldInIgnore: sum((t) => t.goldInIgnore),
    exactSpan: withMicro(summed(tallies, ENTITY_TYPES, (t: EntityTally, k) => t.exactSpan[k])),
    partial: withMicro(summed(tallies, ENTITY_TYPES, (t: EntityTally, k) => t.partial[k])),
  };
}

function entityFigures(tallies: readonly EntityTally[]): EvaluationReport['entities'] {
  const sum = (pick: (t: EntityTally) => number) => tallies.reduce((a, t) => a + pick(t), 0);
  const rowOf = (pick: (t: EntityTally) => { gold: number; found: number; pred: number; correct: number }) =>
    entityPrf(
      sum((t) => pick(t).gold),
      sum((t) => pick(t).found),
      sum((t) => pick(t).pred),
      sum((t) => pick(t).correct),
    );
  const perType = Object.fromEntries(ENTITY_TYPES.map((type) => [type, rowOf((t) => t.entities[type])])) as Record<EntityType, EntityPrf>;
  const across = (k: 'gold' | 'found' | 'pred' | 'correct') => ENTITY_TYPES.reduce((a, type) => a + perType[type][k], 0);
  const mentions = sum((t) => t.bcubed.mentions);
  const precision = mentions ? sum((t) => t.bcubed.precision) / mentions : null;
  const recall = mentions ? sum((t) => t.bcubed.recall) / mentions : null;
  return {
    perType,
    micro: entityPrf(across('gold'), across('found'), across('pred'), across('correct')),
    goldWithoutMentions: sum((t) => t.goldWithoutMentions),
    predWithoutMentions: sum((t) => t.predWithoutMentions),
    bcubed: { precision, recall, f1: harmonicMean(precision, recall), mentions },
  };
}

function statementFigures(tallies: readonly StatementTally[]): EvaluationReport['statements'] {
  const perLabelCounters = summed(tallies, STANCE_LABELS, (t: StatementTally, k) => t.perLabel[k]);
  const perLabel = table(perLabelCounters, STANCE_LABELS);
  const unlabelled = new Counter();
  for (const t of tallies) unlabelled.add(t.unlabelled);
  const confusion = Object.fromEntries(
    CONFUSION_KEYS.map((g) => [g, Object.fromEntries(CONFUSION_KEYS.map((p) => [p, tallies.reduce((a, t) => a + t.confusion[g][p], 0)]))]),
  ) as EvaluationReport['statements']['confusion'];
  const sp = (k: keyof StatementTally['speaker']) => tallies.reduce((a, t) => a + t.speaker[k], 0);
  return {
    perLabel,
    micro: microOf(perLabelCounters),
    macroF1: meanOfDefined(STANCE_LABELS.map((l) => perLabel[l].f1)),
    unlabelled: unlabelled.result(),
    confusion,
    speaker: {
      correct: sp('correct'),
      total: sp('total'),
      accuracy: ratio(sp('correct'), sp('total')),
      predNull: sp('predNull'),
      predUnresolved: sp('predUnresolved'),
      goldUnresolved: sp('goldUnresolved'),
      unnamed: {
        total: sp('unnamedTotal'),
        falseAttribution: sp('falseAttribution'),
        rate: ratio(sp('falseAttribution'), sp('unnamedTotal')),
      },
    },
    invalidPredictions: tallies.reduce((a, t) => a + t.invalidPredictions, 0),
    calibration: calibration(tallies.flatMap((t) => t.confidences)),
  };
}

function calibration(confidences: ReadonlyArray<{ confidence: number; correct: boolean }>): CalibrationBand[] {
  return CALIBRATION_BANDS.map(([from, to]) => {
    const inBand = confidences.filter((c) => c.confidence >= from && (c.confidence < to || to === 1));
    const correct = inBand.filter((c) => c.correct).length;
    return { from, to, count: inBand.length, correct, accuracy: ratio(correct, inBand.length) };
  });
}
