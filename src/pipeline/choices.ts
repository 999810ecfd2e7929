import type { AttributionPolicy } from '../models/policies.js';

/**
 * What the command line offers by name, in a module that loads no model
 * code, so that a run whose models live in worker threads does not load them
 * in the main thread too. The registry (components.ts) is the truth; a test
 * holds these equal to it.
 */

/** Entity recognizers a user can name, in order of trust. */
export const NAMED_RECOGNIZERS: readonly string[] = ['kb', 'rules', 'tagger', 'acronyms', 'compromise', 'echo'];

/** compromise's people, places and organizations add nothing on any dev set once the learned tagger runs (measured), so it is opt-in. */
export const DEFAULT_RECOGNIZERS: readonly string[] = NAMED_RECOGNIZERS.filter((name) => name !== 'compromise');

export const DEFAULT_ATTRIBUTION_POLICY: AttributionPolicy = 'union';
