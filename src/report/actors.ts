import type { EntityType } from '../document/types.js';
import type { Article } from '../schema/article.js';
import { foldCharacters } from '../text/normalize.js';

type Entity = Article['entities'][number];

/**
 * The actor an entity stands for across documents: its knowledge-base id when
 * it has one (the same in every document), otherwise its type and normalized
 * name, so "Tomas Veller" and "TOMAS VELLER" in two articles are one actor
 * while a person and a place of the same name stay apart.
 */
export function actorKey(entity: Pick<Entity, 'type' | 'name' | 'kbId'>): string {
  if (entity.kbId !== undefined) return `kb:${entity.kbId}`;
  return `n:${entity.type}:${normalizeName(entity.name)}`;
}

export function normalizeName(name: string): string {
  return foldCharacters(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** What is known of one actor key while the articles stream past. */
export interface ActorCandidate {
  key: string;
  /** Each spelling with the number of entities that carried it: the commonest one names the actor. */
  names: Map<string, number>;
  type: EntityType;
  kbId: string | null;
  docs: number;
  statements: number;
}

/** Counts actor candidates, each document once per key. */
export class ActorTally {
  readonly candidates = new Map<string, ActorCandidate & { lastDoc: number }>();
  private documents = 0;

  /** Adds one article's entities and returns each entity id's actor key. */
  addDocument(entities: readonly Entity[]): Map<string, string> {
    const keyOf = new Map<string, string>();
    for (const entity of entities) {
      const key = actorKey(entity);
      keyOf.set(entity.id, key);
      const known = this.candidates.get(key);
      if (known) known.names.set(entity.name, (known.names.get(entity.name) ?? 0) + 1);
      if (known?.lastDoc === this.documents) continue;
      if (known) {
        known.docs += 1;
        known.lastDoc = this.documents;
      } else {
        const kbId = entity.kbId ?? null;
        const names = new Map([[entity.name, 1]]);
        this.candidates.set(key, { key, names, type: entity.type, kbId, docs: 1, statements: 0, lastDoc: this.documents });
      }
    }
    this.documents += 1;
    return keyOf;
  }
}

/** The commonest spelling; on a tie, the one seen first. */
export function commonestName(names: ReadonlyMap<string, number>): string {
  let best = '';
  let most = 0;
  for (const [name, count] of names)
    if (count > most) {
      best = name;
      most = count;
    }
  return best;
}
