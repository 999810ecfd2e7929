import { AttributionStatementExtractor } from '../models/attribution/extractor.js';
import { AttributionModel } from '../models/attribution/model.js';
import { LearnedStatementExtractor, StanceClassifier } from '../models/statements/learned.js';
import { RuleStatementExtractor } from '../models/statements/rule-extractor.js';
import type { StatementExtractor } from '../models/types.js';
import type { Lexicons } from '../resources/lexicons.js';
import type { DefaultPipelineOptions } from './options.js';

import { DEFAULT_ATTRIBUTION_POLICY } from './choices.js';
import { EMBEDDED_ATTRIBUTION_MODEL } from './model-files.js';

let embeddedAttribution: AttributionModel | undefined;

/** The attribution model a pipeline uses, loaded once per process for the embedded file. */
function attributionModel(path: string | undefined): AttributionModel {
  if (path !== undefined) return AttributionModel.load(path);
  embeddedAttribution ??= AttributionModel.load(EMBEDDED_ATTRIBUTION_MODEL);
  return embeddedAttribution;
}

/** What finds statements: the rules alone, or the rules with the attribution model under a policy. */
function statementFinder(rules: RuleStatementExtractor, options: DefaultPipelineOptions): StatementExtractor {
  const policy = options.attributionPolicy ?? DEFAULT_ATTRIBUTION_POLICY;
  if (policy === 'rules') return rules;
  return new AttributionStatementExtractor(rules, attributionModel(options.attributionModel), policy);
}

/** The statement finder, then whatever labels its statements: a transformer, a trained stance classifier, or the rules' own labels. */
export function statementExtractor(lexicons: Lexicons, options: DefaultPipelineOptions): StatementExtractor {
  const rules = new RuleStatementExtractor(lexicons);
  const finder = statementFinder(rules, options);
  if (options.relabelStatements) return options.relabelStatements(finder);
  if (options.stanceClassifier) return new LearnedStatementExtractor(finder, options.stanceClassifier, 'in-memory');
  if (options.stanceModel === undefined) return finder;
  const { model, sha256 } = StanceClassifier.load(options.stanceModel, rules);
  return new LearnedStatementExtractor(finder, model, sha256);
}
