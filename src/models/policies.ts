/**
 * The policy names the command line offers, in a module with no imports, so
 * that listing them does not load the models that implement them.
 */

/** How the learned tagger (or a transformer) combines with the knowledge base and rules. */
export const NER_POLICIES = ['union', 'kb-first', 'model-only'] as const;
export type NerPolicy = (typeof NER_POLICIES)[number];

/** How an NLI model's labels combine with the rules'. */
export const STANCE_POLICIES = ['rules-first', 'union', 'model-only'] as const;
export type StancePolicy = (typeof STANCE_POLICIES)[number];

/** How the learned attribution model combines with the statement rules. */
export const ATTRIBUTION_POLICIES = ['rules', 'union', 'model'] as const;
export type AttributionPolicy = (typeof ATTRIBUTION_POLICIES)[number];
