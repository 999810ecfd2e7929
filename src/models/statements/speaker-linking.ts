import type { Document, Entity } from '../../document/types.js';
import { nameKey, nameKeyParts } from '../../text/normalize.js';
import { isNameParticle, nameParticles } from '../../resources/name-particles.js';
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

/** Words of a name that say nothing about what it names. */

/** "farmers" → "farmer", "agencies" → "agency": enough to match a description's plural to a name's singular. */
function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function nameIndex(doc: Document): EntityNameIndex {
  let index = indexes.get(doc.entities);
  if (!index) {
    index = new EntityNameIndex(doc);
    indexes.set(doc.entities, index);
  }
  return index;
}

/** The organization a definite description names by the words of its name ("the poultry farmers group"), or null. */
export function describedOrganization(doc: Document, phrase: string, offset: number): number | null {
  return nameIndex(doc).describedOrganization(phrase.split(/\s+/), offset);
}

export function linkSpeakers(doc: Document, candidates: readonly StatementCandidate[]): StatementCandidate[] {
  if (!candidates.some((c) => c.speakerEntity === null && c.speakerText)) return [...candidates];
  const index = nameIndex(doc);
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

  /** organization entity → the folded, singular words of its names. */
  private readonly organizationWords = new Map<number, Set<string>>();

  constructor(private readonly doc: Document) {
    doc.entities.forEach((entity, e) => {
      if (entity.type === 'ORGANIZATION') {
        const nameWords = [entity.name, ...entity.aliases].flatMap((n) => n.toLowerCase().split(/[\s-]+/)).map(singular);
        this.organizationWords.set(e, new Set(nameWords.filter((w) => w.length > 2 && !nameParticles().minorWords.has(w))));
      }
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
    const words = phrase
      .replace(/[’']s$/u, '')
      .trim()
      .split(/\s+/);
    // "The Pentagon" names the Pentagon; "the mayor" is a role, tried below.
    if (words.length > 1 && /^the$/i.test(words[0]!) && /^\p{Lu}/u.test(words[1]!)) words.shift();
    if (words.length === 0 || words.length > MAX_NAME_WORDS) return null;
    if (/^the$/i.test(words[0]!) && words.length === 2) {
      const byRole = this.latest(this.byRole.get(words[1]!.toLowerCase()) ?? [], offset);
      if (byRole !== null) return byRole;
    }
    const described = this.describedOrganization(words, offset);
    if (described !== null) return described;
    // A name is written with capitals: "he" or "officials" are not names.
    if (!words.every((w) => /^\p{Lu}/u.test(w) || isNameParticle(nameParticles(), w))) return null;
    return this.latest(this.byKey.get(nameKey(words.join(' '))) ?? [], offset);
  }

  /**
   * "the school" → Blantyre Girls Primary School, "the poultry farmers group"
   * → the Association of Poultry Farmers: a definite description whose head,
   * or two of whose words, are words of an organization's name mentioned
   * before; the best match, the latest mentioned when several fit.
   */
  describedOrganization(words: readonly string[], offset: number): number | null {
    if (!/^(?:the|this)$/i.test(words[0]!) || words.length < 2 || words.slice(1).some((w) => !/^\p{Ll}[\p{Ll}-]*$/u.test(w))) return null;
    const content = words.slice(1).map(singular);
    const head = content.at(-1)!;
    let best: number | null = null;
    let bestScore = 0;
    let bestAt = -1;
    this.organizationWords.forEach((nameWords, e) => {
      const score = content.filter((w) => nameWords.has(w)).length;
      if (score === 0 || (!nameWords.has(head) && score < 2)) return;
      const at = this.lastMentionBefore(this.doc.entities[e]!, offset);
      if (at === -1 || score < bestScore || (score === bestScore && at <= bestAt)) return;
      best = e;
      bestScore = score;
      bestAt = at;
    });
    return best;
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
