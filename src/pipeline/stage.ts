import type { Document } from '../document/types.js';
import type { ModelInfo } from '../models/types.js';

/** Parts of a Document a stage can need or fill in. `text` is there from ingest. */
export type DocumentPart = 'text' | 'zones' | 'tokens' | 'sentences' | 'mentions' | 'entities' | 'statements';

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
