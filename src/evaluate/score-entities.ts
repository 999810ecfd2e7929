import { overlapLength, overlaps } from '../document/spans.js';
import type { EntityType, Span } from '../document/types.js';
import { ENTITY_TYPES } from '../document/types.js';
import type { Gold } from '../schema/article.js';
import { Counter } from './metrics.js';
import { arrayField, isEntityType, isObject, isValidSpan, type Prediction } from './prediction.js';

/** Per-document counts for mentions, entities and B-cubed; summed over documents by the scorer. */
export interface EntityTally {
  strict: Record<EntityType, Counter>;
  exactSpan: Record<EntityType, Counter>;
  partial: Record<EntityType, Counter>;
  ignoredPredictions: number;
  duplicatePredictions: number;
  invalidPredictions: number;
  goldInIgnore: number;
  entities: Record<EntityType, { gold: number; found: number; pred: number; correct: number }>;
  goldWithoutMentions: number;
  predWithoutMentions: number;
  bcubed: { precision: number; recall: number; mentions: number };
}

/** A scored mention error, reported with context by `evaluate --errors`. */
export interface MentionError extends Span {
  error: 'false-positive' | 'false-negative';
  type: EntityType;
}

interface TypedSpan extends Span {
  type: EntityType;
}

/** A predicted entity after filtering: `mentions` are its kept (valid, not ignored) mentions. */
interface PredEntity {
  type: EntityType;
  mentions: Span[];
}

/** One document's scoring: where its warnings come from, what it counts into, and which spans the gold leaves unscored. */
interface DocumentScoring {
  docId: string;
  tally: EntityTally;
  ignored: (m: Span) => boolean;
  warn: (message: string) => void;
}

const key = (m: TypedSpan) => `${m.start}:${m.end}:${m.type}`;
const spanKey = (m: Span) => `${m.start}:${m.end}`;
const counters = () => Object.fromEntries(ENTITY_TYPES.map((t) => [t, new Counter()])) as Record<EntityType, Counter>;

export function emptyEntityTally(): EntityTally {
  return {
    strict: counters(),
    exactSpan: counters(),
    partial: counters(),
    ignoredPredictions: 0,
    duplicatePredictions: 0,
    invalidPredictions: 0,
    goldInIgnore: 0,
    entities: Object.fromEntries(ENTITY_TYPES.map((t) => [t, { gold: 0, found: 0, pred: 0, correct: 0 }])) as EntityTally['entities'],
    goldWithoutMentions: 0,
    predWithoutMentions: 0,
    bcubed: { precision: 0, recall: 0, mentions: 0 },
  };
}

/**
 * Scores the mentions and entities of one document (ANNOTATION.md "How
 * evaluate scores"): strict mentions by (start, end, type), counted once;
 * predicted mentions over an ignore span dropped; entities found or correct by
 * a shared exact mention; B-cubed over the mentions matched on both sides.
 */
export function scoreEntities(
  docId: string,
  gold: Gold,
  pred: Prediction | null,
  warn: (message: string) => void,
): { tally: EntityTally; errors: MentionError[] } {
  const tally = emptyEntityTally();
  const ignore = (gold.ignore ?? []).filter(isValidSpan);
  const ignored = (m: Span) => ignore.some((i) => overlaps(i, m));
  const scoring: DocumentScoring = { docId, tally, ignored, warn };
  const goldOwner = goldMentionOwners(gold, scoring);
  const { owner: predOwner, entities: predEntities } = predMentionOwners(pred, scoring);
  const errors: MentionError[] = [];

  for (const [k, m] of predOwner) {
    if (goldOwner.has(k)) tally.strict[m.type].tp++;
    else {
      tally.strict[m.type].fp++;
      errors.push({ error: 'false-positive', start: m.start, end: m.end, type: m.type });
    }
  }
  for (const [k, m] of goldOwner) {
    if (predOwner.has(k)) continue;
    tally.strict[m.type].fn++;
    errors.push({ error: 'false-negative', start: m.start, end: m.end, type: m.type });
  }
  scoreLooseMentions(tally, [...goldOwner.values()], [...predOwner.values()]);
  scoreEntityLevel(tally, gold, predEntities);
  scoreBcubed(tally, goldOwner, predOwner);
  errors.sort((a, b) => a.start - b.start || a.end - b.end);
  return { tally, errors };
}

/** Gold mentions by key, each owned by the first gold entity that lists it. */
function goldMentionOwners(gold: Gold, { docId, tally, ignored, warn }: DocumentScoring) {
  const owner = new Map<string, TypedSpan & { entity: number }>();
  gold.entities.forEach((entity, index) => {
    for (const m of entity.mentions.filter(isValidSpan)) {
      if (ignored(m)) {
        tally.goldInIgnore++;
        warn(`${docId}: gold mention [${m.start},${m.end}) overlaps an ignore span`);
      }
      const mention = { start: m.start, end: m.end, type: entity.type, entity: index };
      if (!owner.has(key(mention))) owner.set(key(mention), mention);
    }
  });
  return owner;
}

/** Predicted mentions by key (first owner wins), and every predicted entity with its kept mentions. */
function predMentionOwners(pred: Prediction | null, { docId, tally, ignored, warn }: DocumentScoring) {
  const owner = new Map<string, TypedSpan & { entity: number }>();
  const entities: Array<PredEntity | null> = arrayField(pred, 'entities').map((raw, index) => {
    if (!isObject(raw)) {
      tally.invalidPredictions++;
      return null;
    }
    const listed = Array.isArray(raw.mentions) ? raw.mentions : [];
    const type = raw.type;
    if (!isEntityType(type)) {
      tally.invalidPredictions += Math.max(1, listed.length);
      warn(`${docId}: predicted entity ${JSON.stringify(raw.id)} has unknown type ${JSON.stringify(type)}; skipped`);
      return null;
    }
    const mentions: Span[] = [];
    let valid = 0;
    for (const m of listed) {
      if (!isValidSpan(m)) {
        tally.invalidPredictions++;
        warn(`${docId}: invalid predicted mention ${JSON.stringify(m)}`);
        continue;
      }
      valid++;
      if (ignored(m)) {
        tally.ignoredPredictions++;
        continue;
      }
      mentions.push({ start: m.start, end: m.end });
      const mention = { start: m.start, end: m.end, type, entity: index };
      if (owner.has(key(mention))) tally.duplicatePredictions++;
      else owner.set(key(mention), mention);
    }
    if (valid === 0) tally.predWithoutMentions++;
    return mentions.length > 0 ? { type, mentions } : null;
  });
  return { owner, entities: entities.filter((e): e is PredEntity => e !== null) };
}

/** Extra tables beyond the reference: exact span with any type, and one-to-one partial overlap of the same type. */
function scoreLooseMentions(tally: EntityTally, gold: TypedSpan[], pred: TypedSpan[]): void {
  const goldSpans = new Set(gold.map(spanKey));
  const predSpans = new Set(pred.map(spanKey));
  for (const p of pred) tally.exactSpan[p.type][goldSpans.has(spanKey(p)) ? 'tp' : 'fp']++;
  for (const g of gold) if (!predSpans.has(spanKey(g))) tally.exactSpan[g.type].fn++;
  const candidates: Array<[number, number, number]> = [];
  gold.forEach((g, i) =>
    pred.forEach((p, j) => {
      const shared = g.type === p.type ? overlapLength(g, p) : 0;
      if (shared > 0) candidates.push([shared, i, j]);
    }),
  );
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedGold = new Set<number>();
  const usedPred = new Set<number>();
  for (const [, i, j] of candidates) {
    if (usedGold.has(i) || usedPred.has(j)) continue;
    usedGold.add(i);
    usedPred.add(j);
  }
  pred.forEach((p, j) => tally.partial[p.type][usedPred.has(j) ? 'tp' : 'fp']++);
  gold.forEach((g, i) => {
    if (!usedGold.has(i)) tally.partial[g.type].fn++;
  });
}

function scoreEntityLevel(tally: EntityTally, gold: Gold, predEntities: PredEntity[]): void {
  const spansOf = (entities: ReadonlyArray<{ type: EntityType; mentions: Span[] }>) => {
    const sets = Object.fromEntries(ENTITY_TYPES.map((t) => [t, new Set<string>()])) as Record<EntityType, Set<string>>;
    for (const e of entities) for (const m of e.mentions) sets[e.type].add(spanKey(m));
    return sets;
  };
  const goldEntities = gold.entities.map((e) => ({ type: e.type, mentions: e.mentions.filter(isValidSpan) }));
  const predSpans = spansOf(predEntities);
  const goldSpans = spansOf(goldEntities);
  for (const e of goldEntities) {
    if (e.mentions.length === 0) {
      tally.goldWithoutMentions++;
      continue;
    }
    tally.entities[e.type].gold++;
    if (e.mentions.some((m) => predSpans[e.type].has(spanKey(m)))) tally.entities[e.type].found++;
  }
  for (const e of predEntities) {
    tally.entities[e.type].pred++;
    if (e.mentions.some((m) => goldSpans[e.type].has(spanKey(m)))) tally.entities[e.type].correct++;
  }
}

/** B-cubed sums over the mentions matched in gold and prediction, clusters restricted to those mentions. */
function scoreBcubed(tally: EntityTally, goldOwner: Map<string, { entity: number }>, predOwner: Map<string, { entity: number }>): void {
  const matched = [...predOwner.keys()].filter((k) => goldOwner.has(k));
  const clusters = (owner: Map<string, { entity: number }>) => {
    const byEntity = new Map<number, Set<string>>();
    for (const k of matched) {
      const entity = owner.get(k)!.entity;
      if (!byEntity.has(entity)) byEntity.set(entity, new Set());
      byEntity.get(entity)!.add(k);
    }
    return byEntity;
  };
  const goldClusters = clusters(goldOwner);
  const predClusters = clusters(predOwner);
  for (const k of matched) {
    const g = goldClusters.get(goldOwner.get(k)!.entity)!;
    const p = predClusters.get(predOwner.get(k)!.entity)!;
    let shared = 0;
    for (const x of g) if (p.has(x)) shared++;
    tally.bcubed.precision += shared / p.size;
    tally.bcubed.recall += shared / g.size;
    tally.bcubed.mentions++;
  }
}
