import type { Document, Entity, EntityType, Mention } from '../../document/types.js';
import { SOURCE_PRIORITY } from '../../models/merge.js';
import { nameKey, nameKeyParts } from '../../text/normalize.js';
import { nameSkeleton, sameTransliteration } from '../../text/transliteration.js';
import type { Stage } from '../stage.js';

/**
 * Groups mentions into entities: the same knowledge-base id, an acronym or
 * surname linked to its long form, the same name key ("Al-Mayadeen" and
 * "al Mayadeen") or a transliteration of it ("Nujaba" and "Nujabaa") make one
 * entity. Each entity gets one type (the knowledge
 * base's, else the best-supported one) and its most complete spelling as name.
 */
export class ResolveStage implements Stage {
  readonly name = 'resolve';
  readonly requires = ['text', 'mentions', 'aliasLinks'] as const;
  readonly assigns = ['entities'] as const;

  run(docs: readonly Document[]): void {
    for (const doc of docs) resolveEntities(doc);
  }
}

export function resolveEntities(doc: Document): void {
  const mentions = doc.mentions;
  const groups = new MentionGroups(mentions);
  const byKey = joinSameKbOrKey(mentions, groups);
  joinTransliterations(mentions, byKey, groups);
  joinAliasLinks(doc, groups);
  joinSurnames(mentions, groups);
  doc.entities = assignEntities(mentions, groups);
}

/**
 * Union-find over mention indexes. A group's root is its smallest index and
 * holds the group's knowledge-base id: two different known actors are never
 * one entity, whatever else links them.
 */
class MentionGroups {
  private readonly parent: number[];
  private readonly kbOfRoot: Array<string | undefined>;

  constructor(mentions: readonly Mention[]) {
    this.parent = mentions.map((_, i) => i);
    this.kbOfRoot = mentions.map((m) => m.kbId);
  }

  find(i: number): number {
    const parent = this.parent;
    return parent[i] === i ? i : (parent[i] = this.find(parent[i]!));
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const [kbA, kbB] = [this.kbOfRoot[ra], this.kbOfRoot[rb]];
    if (kbA !== undefined && kbB !== undefined && kbA !== kbB) return;
    const [root, child] = [Math.min(ra, rb), Math.max(ra, rb)];
    this.parent[child] = root;
    this.kbOfRoot[root] = kbA ?? kbB;
  }
}

/** Joins mentions with the same knowledge-base id, and compatible ones with the same name key; returns the first mention of each name key. */
function joinSameKbOrKey(mentions: readonly Mention[], groups: MentionGroups): Map<string, number> {
  const byKb = new Map<string, number>();
  const byKey = new Map<string, number>();
  mentions.forEach((m, i) => {
    if (m.kbId !== undefined) {
      const seen = byKb.get(m.kbId);
      if (seen === undefined) byKb.set(m.kbId, i);
      else groups.union(seen, i);
    }
    const key = nameKey(m.text);
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, i);
    else if (compatible(mentions[seen]!, m)) groups.union(seen, i);
  });
  return byKey;
}

/**
 * Spelling variants no list holds: "Nujaba" and "Nujabaa", "Qaani" and "Qani".
 * Only keys with the same consonant skeleton can be transliterations of each
 * other, so pairs are compared within a skeleton's bucket, not across the
 * document: the cost stays linear in the number of names.
 */
function joinTransliterations(mentions: readonly Mention[], byKey: ReadonlyMap<string, number>, groups: MentionGroups): void {
  const keys = [...byKey.entries()];
  const buckets = new Map<string, number[]>();
  keys.forEach(([key], k) => {
    const skeleton = nameSkeleton(key);
    const bucket = buckets.get(skeleton);
    if (bucket) bucket.push(k);
    else buckets.set(skeleton, [k]);
  });
  // Pairs in the order a comparison of every pair would meet them: a refused union (two known actors) depends on order.
  const pairs: Array<[number, number]> = [];
  for (const bucket of buckets.values())
    for (let a = 0; a < bucket.length; a++) for (let b = a + 1; b < bucket.length; b++) pairs.push([bucket[a]!, bucket[b]!]);
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (const [a, b] of pairs) {
    const [keyA, first] = keys[a]!;
    const [keyB, second] = keys[b]!;
    if (
      mentions[first]!.type === mentions[second]!.type &&
      compatible(mentions[first]!, mentions[second]!) &&
      sameTransliteration(keyA, keyB)
    )
      groups.union(first, second);
  }
}

/** An acronym or surname the alias stage linked to its long form joins it. */
function joinAliasLinks(doc: Document, groups: MentionGroups): void {
  const firstWithSpan = new Map<string, number>();
  doc.mentions.forEach((m, i) => {
    const span = `${m.start}:${m.end}`;
    if (!firstWithSpan.has(span)) firstWithSpan.set(span, i);
  });
  for (const link of doc.aliasLinks) {
    const alias = firstWithSpan.get(`${link.alias.start}:${link.alias.end}`);
    const target = firstWithSpan.get(`${link.target.start}:${link.target.end}`);
    if (alias !== undefined && target !== undefined) groups.union(alias, target);
  }
}

/**
 * A lone surname joins a full name before it that ends with it (or the first after it, if none precedes): of
 * several ("Sali Berisha", then "his daughter, Argita Berisha"), the one the text has named most so far, full or
 * by the surname, and of equals the closest.
 */
function joinSurnames(mentions: readonly Mention[], groups: MentionGroups): void {
  const parts = mentions.map((m) => (m.type === 'PERSON' ? nameKeyParts(m.text) : []));
  // Full names by their last part, in text order.
  const fullNamesEndingWith = new Map<string, number[]>();
  parts.forEach((p, j) => {
    if (p.length < 2) return;
    const list = fullNamesEndingWith.get(p.at(-1)!);
    if (list) list.push(j);
    else fullNamesEndingWith.set(p.at(-1)!, [j]);
  });
  // Mentions so far of each full name (by its key): its own, and the surnames that joined it.
  const named = new Map<string, number>();
  const keys = parts.map((p) => p.join(' '));
  const key = (j: number) => keys[j]!;
  parts.forEach((p, i) => {
    if (p.length >= 2) named.set(key(i), (named.get(key(i)) ?? 0) + 1);
    if (p.length !== 1) return;
    const candidates = fullNamesEndingWith.get(p[0]!);
    if (!candidates) return;
    const after = firstAtOrAfter(candidates, i);
    const chosen = after > 0 ? mostNamedBefore(candidates, after, named, key) : candidates[0]!;
    named.set(key(chosen), (named.get(key(chosen)) ?? 0) + 1);
    groups.union(i, chosen);
  });
}

/** Of the first `count` candidates (in text order), the last one of those whose full name was named most often. */
function mostNamedBefore(
  candidates: readonly number[],
  count: number,
  named: ReadonlyMap<string, number>,
  key: (j: number) => string,
): number {
  let best = candidates[count - 1]!;
  for (let c = count - 2; c >= 0; c--) {
    const j = candidates[c]!;
    if ((named.get(key(j)) ?? 0) > (named.get(key(best)) ?? 0)) best = j;
  }
  return best;
}

/** Index of the first value ≥ `value` in an ascending list (its length if none). */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One entity per group, in order of first mention; each mention gets its entity's index and type. */
function assignEntities(mentions: Mention[], groups: MentionGroups): Entity[] {
  const members = new Map<number, number[]>();
  mentions.forEach((_, i) => {
    const root = groups.find(i);
    const group = members.get(root);
    if (group) group.push(i);
    else members.set(root, [i]);
  });
  const entities: Entity[] = [...members.values()].sort((a, b) => a[0]! - b[0]!).map((group) => buildEntity(mentions, group));
  entities.forEach((entity, e) => entity.mentions.forEach((m) => (mentions[m]!.entity = e)));
  for (const entity of entities) for (const m of entity.mentions) mentions[m]!.type = entity.type;
  return entities;
}

function compatible(a: Mention, b: Mention): boolean {
  return a.kbId === undefined || b.kbId === undefined || a.kbId === b.kbId;
}

function buildEntity(mentions: readonly Mention[], members: number[]): Entity {
  const group = members.map((i) => mentions[i]!);
  const kbIds = [...new Set(group.map((m) => m.kbId).filter((id): id is string => id !== undefined))];
  const votes = new Map<EntityType, number>();
  for (const m of group) votes.set(m.type, (votes.get(m.type) ?? 0) + SOURCE_PRIORITY[m.provenance.source]);
  const kbTyped = group.find((m) => m.kbId !== undefined);
  const type = kbTyped?.type ?? [...votes.entries()].sort((a, b) => b[1] - a[1])[0]![0];

  const counts = new Map<string, number>();
  for (const m of group) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
  const spellings = [...counts.keys()];
  const words = (s: string) => s.split(/[\s]+/).length;
  const name = [...spellings].sort((a, b) => words(b) - words(a) || (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || b.length - a.length)[0]!;
  const entity: Entity = { type, name, aliases: spellings.filter((s) => s !== name), mentions: [...members].sort((a, b) => a - b) };
  if (kbIds.length === 1) entity.kbId = kbIds[0]!;
  return entity;
}
