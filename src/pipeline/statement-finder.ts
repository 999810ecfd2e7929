import { AttributionStatementExtractor } from '../models/attribution/extractor.js';
import { AttributionModel } from '../models/attribution/model.js';
import { LearnedStatementExtractor, StanceClassifier } from '../models/statements/learned.js';
import { RuleStatementExtractor } from '../models/statements/rule-extractor.js';
import type { StatementExtractor } from '../models/types.js';
import type { Lexicons } from '../resources/lexicons.js';
import type { KnowledgeBase } from '../resources/kb.js';
import type { DefaultPipelineOptions } from './options.js';
import { DEFAULT_ATTRIBUTION_POLICY } from './choices.js';
import { attributionModelFile } from './model-files.js';

/**
 * What finds statements: the rules alone, or the rules with the attribution
 * model under a policy. The model file is the one model-files.ts chooses, so
 * a worker pool's main thread has already read its weights (read once per
 * process either way: shared-weights.ts).
 */
function statementFinder(rules: RuleStatementExtractor, options: DefaultPipelineOptions): StatementExtractor {
  const file = attributionModelFile(options);
  if (file === null) return rules;
  return new AttributionStatementExtractor(rules, AttributionModel.load(file), options.attributionPolicy ?? DEFAULT_ATTRIBUTION_POLICY);
}

/** The statement finder, then whatever labels its statements: a transformer, a trained stance classifier, or the rules' own labels. */
export function statementExtractor(lexicons: Lexicons, options: DefaultPipelineOptions, knowledgeBase?: KnowledgeBase): StatementExtractor {
  const rules = new RuleStatementExtractor(lexicons, knowledgeBase);
  const finder = statementFinder(rules, options);
  if (options.relabelStatements) return options.relabelStatements(finder);
  if (options.stanceClassifier) return new LearnedStatementExtractor(finder, options.stanceClassifier, 'in-memory');
  if (options.stanceModel === undefined) return finder;
  const { model, sha256 } = StanceClassifier.load(options.stanceModel, rules);
  return new LearnedStatementExtractor(finder, model, sha256);
}
