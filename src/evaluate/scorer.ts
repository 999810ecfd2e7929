import type { EntityType, Span, StanceLabel } from '../document/types.js';
import { ENTITY_TYPES, STANCE_LABELS } from '../document/types.js';
import { overlapLength, overlaps } from '../document/spans.js';
import type { Article, Gold } from '../schema/article.js';
import { nameKey } from '../text/normalize.js';
import { Counter, bCubed, prf, round, type Prf } from './metrics.js';

/** One document to score: its gold, and the prediction (null when the pipeline wrote none). */
export interface EvaluationPair {
  docId: string;
  gold: Gold;
  pred: Article | null;
}

export interface ErrorItem {
  docId: string;
  kind: 'mention' | 'statement';
  error: 'false-positive' | 'false-negative';
  start: number;
  end: number;
  /** Entity type for mentions, label for statements (and the gold label of a label swap). */
  tag: string;
  text: string;
  context: string;
}

export interface EvaluationReport {
  documents: number;
  mentions: {
    strict: Record<EntityType | 'micro', Prf>;
    exactSpan: Record<EntityType | 'micro', Prf>;
    partial: Record<EntityType | 'micro', Prf>;
  };
  entities: { byType: Record<EntityType | 'micro', Prf>; bCubed: { precision: number; recall: number; f1: number } };
  statements: {
    byLabel: Record<StanceLabel, Prf>;
    macroF1: number;
    unlabelled: Prf;
    /** confusion[gold][pred], with "none" for unmatched statements. */
    confusion: Record<StanceLabel | 'none', Record<StanceLabel | 'none', number>>;
    speaker: { correct: number; total: number; accuracy: number };
    /** Predicted statements by confidence band: how often one is right (matches a gold statement with its label). */
    calibration: Array<{ from: number; to: number; count: number; correct: number; accuracy: number }>;
  };
  errors: ErrorItem[];
}

interface Scored {
  start: number;
  end: number;
  type: EntityType;
  entity: number;
}

const CONTEXT = 40;
const CALIBRATION_BANDS: Array<[number, number]> = [
  [0, 0.5],
  [0.5, 0.6],
  [0.6, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 1],
];

/**
 * Scores predictions against gold as the README's "Metrics" section defines:
 * mentions (strict, exact span, partial overlap), entities (found / correct
 * by a shared exact mention, plus B-cubed clustering), statements (spans
 * matched one-to-one when they overlap by half the shorter one; per-label,
 * macro and unlabelled P/R/F1, confusion, speaker accuracy).
 */
export function evaluate(pairs: readonly EvaluationPair[]): EvaluationReport {
  const strict = counters();
  const exactSpan = counters();
  const partial = counters();
  const entityCounts = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { goldFound: 0, gold: 0, predCorrect: 0, pred: 0 }])) as Record<EntityType, EntityTally>;
  const clustering: Array<{ gold: string; pred: string }> = [];
  const labelCounts = Object.fromEntries(STANCE_LABELS.map((l) => [l, new Counter()])) as Record<StanceLabel, Counter>;
  const unlabelled = new Counter();
  const keys = [...STANCE_LABELS, 'none'] as const;
  const confusion = Object.fromEntries(keys.map((g) => [g, Object.fromEntries(keys.map((p) => [p, 0]))])) as EvaluationReport['statements']['confusion'];
  const speaker = { correct: 0, total: 0 };
  const bands = CALIBRATION_BANDS.map(([from, to]) => ({ from, to, count: 0, correct: 0, accuracy: 0 }));
  const errors: ErrorItem[] = [];

  for (const { docId, gold, pred } of pairs) {
    const text = pred?.text ?? '';
    const context = (span: Span) =>
      text ? `${text.slice(Math.max(0, span.start - CONTEXT), span.start)}[${text.slice(span.start, span.end)}]${text.slice(span.end, span.end + CONTEXT)}`.replace(/\s+/g, ' ') : '';
    const report = (kind: ErrorItem['kind'], error: ErrorItem['error'], span: Span, tag: string) =>
      errors.push({ docId, kind, error, start: span.start, end: span.end, tag, text: text.slice(span.start, span.end), context: context(span) });

    const ignore = gold.ignore ?? [];
    const ignored = (s: Span) => ignore.some((i) => overlaps(i, s));
    const goldMentions: Scored[] = gold.entities.flatMap((e, i) => e.mentions.map((m) => ({ start: m.start, end: m.end, type: e.type, entity: i }))).filter((m) => !ignored(m));
    const predMentions: Scored[] = (pred?.entities ?? []).flatMap((e, i) => e.mentions.map((m) => ({ start: m.start, end: m.end, type: e.type, entity: i }))).filter((m) => !ignored(m));
    const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end;

    // Mentions.
    for (const p of predMentions) {
      const exact = goldMentions.find((g) => sameSpan(g, p));
      tally(strict, p.type, exact?.type === p.type ? 'tp' : 'fp');
      tally(exactSpan, p.type, exact ? 'tp' : 'fp');
      if (exact?.type !== p.type) report('mention', 'false-positive', p, p.type);
      if (exact) clustering.push({ gold: `${docId}#${exact.entity}`, pred: `${docId}#${p.entity}` });
    }
    for (const g of goldMentions) {
      const exact = predMentions.find((p) => sameSpan(g, p) && p.type === g.type) ?? predMentions.find((p) => sameSpan(g, p));
      if (exact?.type !== g.type) {
        tally(strict, g.type, 'fn');
        report('mention', 'false-negative', g, g.type);
      }
      if (!exact) tally(exactSpan, g.type, 'fn');
    }
    const partialPairs = matchOneToOne(goldMentions, predMentions, (g, p) => (g.type === p.type ? overlapLength(g, p) : 0));
    for (const p of predMentions) tally(partial, p.type, partialPairs.some(([, pp]) => pp === p) ? 'tp' : 'fp');
    for (const g of goldMentions) if (!partialPairs.some(([gg]) => gg === g)) tally(partial, g.type, 'fn');

    // Entities.
    const predEntities = (pred?.entities ?? []).map((e, i) => ({ ...e, index: i })).filter((e) => e.mentions.some((m) => !ignored(m)));
    const shares = (goldIndex: number, predIndex: number) =>
      goldMentions.some((g) => g.entity === goldIndex && predMentions.some((p) => p.entity === predIndex && sameSpan(g, p)));
    gold.entities.forEach((e, i) => {
      if (e.mentions.every((m) => ignored(m))) return;
      entityCounts[e.type].gold++;
      if (predEntities.some((p) => p.type === e.type && shares(i, p.index))) entityCounts[e.type].goldFound++;
    });
    for (const p of predEntities) {
      entityCounts[p.type].pred++;
      if (gold.entities.some((e, i) => e.type === p.type && shares(i, p.index))) entityCounts[p.type].predCorrect++;
    }

    // Statements.
    const goldStatements = gold.statements;
    const predStatements = pred?.statements ?? [];
    const pairsMatched = matchOneToOne(goldStatements, predStatements, (g, p) => {
      const overlap = overlapLength(g, p);
      return overlap * 2 >= Math.min(g.end - g.start, p.end - p.start) ? overlap : 0;
    });
    unlabelled.tp += pairsMatched.length;
    unlabelled.fp += predStatements.length - pairsMatched.length;
    unlabelled.fn += goldStatements.length - pairsMatched.length;
    for (const g of goldStatements) {
      const match = pairsMatched.find(([gg]) => gg === g)?.[1];
      confusion[g.label][match?.label ?? 'none']++;
      if (match?.label === g.label) labelCounts[g.label].tp++;
      else {
        labelCounts[g.label].fn++;
        report('statement', 'false-negative', g, match ? `${g.label}→${match.label}` : g.label);
      }
      if (match?.label === g.label && g.speaker !== null) {
        speaker.total++;
        if (speakerMatches(gold, g.speaker, pred!, match.speaker)) speaker.correct++;
      }
    }
    for (const p of predStatements) {
      const match = pairsMatched.find(([, pp]) => pp === p)?.[0];
      const band = bands.find((b) => p.confidence >= b.from && (p.confidence < b.to || b.to === 1));
      if (band) {
        band.count++;
        if (match?.label === p.label) band.correct++;
      }
      if (!match) confusion.none[p.label]++;
      if (match?.label !== p.label) {
        labelCounts[p.label].fp++;
        report('statement', 'false-positive', p, match ? `${match.label}→${p.label}` : p.label);
      }
    }
  }

  const byLabel = Object.fromEntries(STANCE_LABELS.map((l) => [l, labelCounts[l].result()])) as Record<StanceLabel, Prf>;
  const present = STANCE_LABELS.filter((l) => byLabel[l].tp + byLabel[l].fp + byLabel[l].fn > 0);
  const macroF1 = present.length === 0 ? 0 : round(present.reduce((sum, l) => sum + (2 * byLabel[l].tp) / (2 * byLabel[l].tp + byLabel[l].fp + byLabel[l].fn), 0) / present.length);
  return {
    documents: pairs.length,
    mentions: { strict: results(strict), exactSpan: results(exactSpan), partial: results(partial) },
    entities: { byType: entityResults(entityCounts), bCubed: bCubed(clustering) },
    statements: {
      byLabel,
      macroF1,
      unlabelled: unlabelled.result(),
      confusion,
      speaker: { ...speaker, accuracy: speaker.total === 0 ? 0 : round(speaker.correct / speaker.total) },
      calibration: bands.map((b) => ({ ...b, accuracy: b.count === 0 ? 0 : round(b.correct / b.count) })),
    },
    errors,
  };
}

/**
 * The predicted speaker is right when its entity shares a mention with the
 * gold speaker's entity, or one of its names is alias-equal to the gold name.
 */
function speakerMatches(gold: Gold, goldSpeaker: string, pred: Article, predSpeaker: string | null): boolean {
  if (predSpeaker === null) return false;
  const predEntity = pred.entities.find((e) => e.id === predSpeaker);
  if (!predEntity) return false;
  const goldEntity = gold.entities.find((e) => e.name === goldSpeaker);
  if (goldEntity?.mentions.some((g) => predEntity.mentions.some((p) => p.start === g.start && p.end === g.end))) return true;
  const goldKey = nameKey(goldSpeaker);
  return [predEntity.name, ...predEntity.aliases].some((n) => nameKey(n) === goldKey);
}

/** Greedy one-to-one matching, best score first; pairs scoring 0 never match. */
function matchOneToOne<G, P>(gold: readonly G[], pred: readonly P[], score: (g: G, p: P) => number): Array<[G, P]> {
  const candidates: Array<[number, number, number]> = [];
  gold.forEach((g, i) => pred.forEach((p, j) => {
    const s = score(g, p);
    if (s > 0) candidates.push([s, i, j]);
  }));
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedGold = new Set<number>();
  const usedPred = new Set<number>();
  const out: Array<[G, P]> = [];
  for (const [, i, j] of candidates) {
    if (usedGold.has(i) || usedPred.has(j)) continue;
    usedGold.add(i);
    usedPred.add(j);
    out.push([gold[i]!, pred[j]!]);
  }
  return out;
}

type Counters = Record<EntityType, Counter>;

/** Entities are counted from both sides: one predicted entity may cover two gold ones, or the reverse. */
interface EntityTally {
  goldFound: number;
  gold: number;
  predCorrect: number;
  pred: number;
}

function entityPrf(t: EntityTally): Prf {
  const precision = t.pred === 0 ? 0 : t.predCorrect / t.pred;
  const recall = t.gold === 0 ? 0 : t.goldFound / t.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp: t.goldFound, fp: t.pred - t.predCorrect, fn: t.gold - t.goldFound, precision: round(precision), recall: round(recall), f1: round(f1) };
}

function entityResults(tallies: Record<EntityType, EntityTally>): Record<EntityType | 'micro', Prf> {
  const out = Object.fromEntries(ENTITY_TYPES.map((t) => [t, entityPrf(tallies[t])])) as Record<EntityType | 'micro', Prf>;
  const sum = (k: keyof EntityTally) => ENTITY_TYPES.reduce((s, t) => s + tallies[t][k], 0);
  out.micro = entityPrf({ goldFound: sum('goldFound'), gold: sum('gold'), predCorrect: sum('predCorrect'), pred: sum('pred') });
  return out;
}

function counters(): Counters {
  return Object.fromEntries(ENTITY_TYPES.map((t) => [t, new Counter()])) as Counters;
}

function tally(c: Counters, type: EntityType, kind: 'tp' | 'fp' | 'fn'): void {
  c[type][kind]++;
}

function results(c: Counters): Record<EntityType | 'micro', Prf> {
  const out = Object.fromEntries(ENTITY_TYPES.map((t) => [t, c[t].result()])) as Record<EntityType | 'micro', Prf>;
  const sum = (k: 'tp' | 'fp' | 'fn') => ENTITY_TYPES.reduce((s, t) => s + c[t][k], 0);
  out.micro = prf(sum('tp'), sum('fp'), sum('fn'));
  return out;
}
