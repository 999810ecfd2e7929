import type { Document } from '../document/types.js';
import type { ModelInfo } from '../models/types.js';

/**
 * Parts of a Document a stage can need or fill in. `text` and `source` are
 * there from ingest; `metadata` starts with what the reader found (a JSONL
 * record's title) and the zone stage completes it; `roles` are the
 * `roles` of each entity; `aliasLinks` the "also known as" links the merge
 * kept, which resolution joins.
 */
export const DOCUMENT_PARTS = [
  'text',
  'metadata',
  'zones',
  'tokens',
  'sentences',
  'mentions',
  'aliasLinks',
  'entities',
  'roles',
  'statements',
] as const;
export type DocumentPart = (typeof DOCUMENT_PARTS)[number];

/**
 * One job of the pipeline. A stage enriches every document of a batch in
 * place. What it `requires` must be assigned by an earlier stage; the pipeline
 * checks that when it is built, so a missing upstream stage is an error at
 * start-up, not a wrong result later.
 */
export interface Stage {
  readonly name: string;
  readonly requires: readonly DocumentPart[];
  readonly assigns: readonly DocumentPart[];
  /** The models this stage runs, for the manifest and the fingerprint. */
  readonly models?: readonly ModelInfo[];
  run(docs: readonly Document[]): Promise<void> | void;
}
