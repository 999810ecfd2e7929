import type { AttributionPolicy } from '../models/attribution/extractor.js';
import type { NerPolicy } from '../models/ensemble.js';
import type { LearnedNerRecognizer } from '../models/ner/recognizer.js';
import type { StanceClassifier } from '../models/statements/learned.js';
import type { StatementExtractor, VetoingRecognizer } from '../models/types.js';

export interface DefaultPipelineOptions {
  /** A loaded statistical recognizer (a token-classification transformer) and how it combines with the others. */
  nerModel?: VetoingRecognizer;
  nerPolicy?: NerPolicy;
  /** Wraps the rule statement extractor: a transformer that relabels what the rules attribute. */
  relabelStatements?: (finder: StatementExtractor) => StatementExtractor;
  /** User knowledge-base files added to (or overriding) the built-in one. */
  kbFiles?: string[];
  /** Which entity recognizers run, by registered name (always in the order of their rank); DEFAULT_ENTITY_RECOGNIZERS by default. */
  entityRecognizers?: readonly string[];
  /** Which stages run, by registered name, in this order; DEFAULT_STAGES by default. */
  stages?: readonly string[];
  /** A model file from `stancemap train stance`: labels statements instead of the rules. */
  stanceModel?: string;
  /** An already trained classifier (used by cross-validation), instead of a file. */
  stanceClassifier?: StanceClassifier;
  /** How the learned attribution model combines with the statement rules (default DEFAULT_ATTRIBUTION_POLICY). */
  attributionPolicy?: AttributionPolicy;
  /** A model file from `stancemap train attribution`, instead of the embedded one. */
  attributionModel?: string;
  /** A model file from `stancemap train ner`, instead of the embedded tagger. */
  taggerModel?: string;
  /** An already trained tagger (used by cross-validation), instead of a file. */
  tagger?: LearnedNerRecognizer;
}
