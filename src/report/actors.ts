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
  name: string;
  type: EntityType;
  kbId: string | null;
  docs: number;
  statements: number;
}

/** Counts actor candidates, each document once per key; the first name seen is the one shown. */
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
      if (known?.lastDoc === this.documents) continue;
      if (known) {
        known.docs += 1;
        known.lastDoc = this.documents;
      } else {
        const kbId = entity.kbId ?? null;
        this.candidates.set(key, { key, name: entity.name, type: entity.type, kbId, docs: 1, statements: 0, lastDoc: this.documents });
      }
    }
    this.documents += 1;
    return keyOf;
  }
}
