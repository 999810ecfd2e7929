import type { Document, Entity } from '../../document/types.js';
import { nameKey, nameKeyParts } from '../../text/normalize.js';
import type { StatementCandidate } from '../types.js';

/**
 * Links a statement's speaker phrase to an entity of the document when the
 * extractor left it unlinked but the phrase names one: a surname or a short
 * form of a known name ("Wasuge" → Mahad Wasuge, "NISA" → the agency whose
 * alias it is), or a role the text gave one person ("the mayor" → the person
 * with that role). Descriptions that name nobody ("a senior official", "the
 * group's leader in Iraq") stay unnamed: only short phrases made of a name,
 * or of "the" and a role word, are linked.
 */

/** A phrase longer than this is a description, not a name. */
const MAX_NAME_WORDS = 4;

export function linkSpeakers(doc: Document, candidates: readonly StatementCandidate[]): StatementCandidate[] {
  if (!candidates.some((c) => c.speakerEntity === null && c.speakerText)) return [...candidates];
  let index = indexes.get(doc.entities);
  if (!index) {
    index = new EntityNameIndex(doc);
    indexes.set(doc.entities, index);
  }
  return candidates.map((c) => {
    if (c.speakerEntity !== null || !c.speakerText) return c;
    const entity = index.find(c.speakerText, c.start);
    return entity === null ? c : { ...c, speakerEntity: entity };
  });
}

/** One index per entity list, so linking one statement at a time stays linear in the document. */
const indexes = new WeakMap<readonly Entity[], EntityNameIndex>();

class EntityNameIndex {
  /** name key → entity indices: full names, aliases, and a person's last name part. */
  private readonly byKey = new Map<string, number[]>();
  /** role word ("mayor") → people the text gave that role. */
  private readonly byRole = new Map<string, number[]>();

  constructor(private readonly doc: Document) {
    doc.entities.forEach((entity, e) => {
      for (const name of [entity.name, ...entity.aliases]) {
        this.add(this.byKey, nameKey(name), e);
        const parts = nameKeyParts(name);
        if (entity.type === 'PERSON' && parts.length > 1) this.add(this.byKey, parts.at(-1)!, e);
      }
      for (const role of entity.roles ?? []) this.add(this.byRole, role.title.toLowerCase().split(/\s+/).at(-1)!, e);
    });
  }

  /** The entity a speaker phrase names, the one mentioned last before `offset` when several fit; null when none or unclear. */
  find(phrase: string, offset: number): number | null {
    const words = phrase.replace(/[’']s$/u, '').trim().split(/\s+/);
    // "The Pentagon" names the Pentagon; "the mayor" is a role, tried below.
    if (words.length > 1 && /^the$/i.test(words[0]!) && /^\p{Lu}/u.test(words[1]!)) words.shift();
    if (words.length === 0 || words.length > MAX_NAME_WORDS) return null;
    if (/^the$/i.test(words[0]!) && words.length === 2) {
      const byRole = this.latest(this.byRole.get(words[1]!.toLowerCase()) ?? [], offset);
      if (byRole !== null) return byRole;
    }
    // A name is written with capitals: "he" or "officials" are not names.
    if (!words.every((w) => /^\p{Lu}/u.test(w) || /^(?:al|el|bin|ibn|de|van|von)(?:[-‐]\p{L}|$)/u.test(w))) return null;
    return this.latest(this.byKey.get(nameKey(words.join(' '))) ?? [], offset);
  }

  private latest(entities: readonly number[], offset: number): number | null {
    const unique = [...new Set(entities)];
    if (unique.length <= 1) return unique[0] ?? null;
    let best: number | null = null;
    let bestAt = -1;
    for (const e of unique) {
      const at = this.lastMentionBefore(this.doc.entities[e]!, offset);
      if (at > bestAt) {
        best = e;
        bestAt = at;
      }
    }
    return best;
  }

  /** Start of the entity's last mention before `offset`, or -1 (its mentions are in text order: binary search). */
  private lastMentionBefore(entity: Entity, offset: number): number {
    let lo = 0;
    let hi = entity.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.doc.mentions[entity.mentions[mid]!]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? -1 : this.doc.mentions[entity.mentions[lo - 1]!]!.start;
  }

  private add(map: Map<string, number[]>, key: string, entity: number): void {
    if (!key) return;
    const list = map.get(key);
    if (list) list.push(entity);
    else map.set(key, [entity]);
  }
}
