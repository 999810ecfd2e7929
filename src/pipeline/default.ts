import { CompromiseRecognizer } from '../models/compromise/recognizer.js';
import { KbRecognizer } from '../models/kb/gazetteer.js';
import { AcronymRecognizer } from '../models/rules/acronyms.js';
import { NameEchoRecognizer } from '../models/rules/echo.js';
import { NameRulesRecognizer } from '../models/rules/name-rules.js';
import { RuleStatementExtractor } from '../models/statements/rule-extractor.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../resources/kb.js';
import { loadLexicons, type Lexicons } from '../resources/lexicons.js';
import type { EntityRecognizer, StatementExtractor, VetoingRecognizer } from '../models/types.js';
import type { NerPolicy } from '../models/ensemble.js';
import { TransformerNerRecognizer, type TransformerNerOptions } from '../models/transformer/ner.js';
import { NliStatementExtractor, type NliStanceOptions } from '../models/transformer/nli.js';
import { LearnedStatementExtractor, StanceClassifier } from '../models/statements/learned.js';
import { AttributionStatementExtractor, type AttributionPolicy } from '../models/attribution/extractor.js';
import { AttributionModel } from '../models/attribution/model.js';
import { LearnedNerRecognizer } from '../models/ner/recognizer.js';
import { resourcePath } from '../resources/paths.js';
import { Pipeline } from './pipeline.js';
import { BEFORE_TAGGER } from './tagger-inputs.js';
import { EntityStage } from './stages/entities.js';
import { ResolveStage } from './stages/resolve.js';
import { RoleStage } from './stages/roles.js';
import { SegmentStage } from './stages/segment.js';
import { StatementStage } from './stages/statements.js';
import { ZoneStage } from './stages/zones.js';

export const ENTITY_RECOGNIZERS = ['kb', 'rules', 'tagger', 'acronyms', 'compromise', 'echo'] as const;
export type EntityRecognizerName = (typeof ENTITY_RECOGNIZERS)[number];
/** compromise's people, places and organizations add nothing on any dev set once the learned tagger runs (measured), so it is opt-in. */
export const DEFAULT_ENTITY_RECOGNIZERS: readonly EntityRecognizerName[] = ENTITY_RECOGNIZERS.filter((name) => name !== 'compromise');

export interface DefaultPipelineOptions {
  /** A loaded statistical recognizer (a token-classification transformer) and how it combines with the others. */
  nerModel?: VetoingRecognizer;
  nerPolicy?: NerPolicy;
  /** Wraps the rule statement extractor: a transformer that relabels what the rules attribute. */
  relabelStatements?: (finder: StatementExtractor) => StatementExtractor;
  /** User knowledge-base files added to (or overriding) the built-in one. */
  kbFiles?: string[];
  /** Which entity recognizers run (always in the order of ENTITY_RECOGNIZERS); DEFAULT_ENTITY_RECOGNIZERS by default. */
  entityRecognizers?: readonly EntityRecognizerName[];
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

/** The embedded attribution model, trained on PolNeAR train (`npm run train:attribution`). */
export const EMBEDDED_ATTRIBUTION_MODEL = resourcePath('models', 'attribution.json');
export const DEFAULT_ATTRIBUTION_POLICY: AttributionPolicy = 'union';

/** The embedded named-entity tagger, trained on CoNLL-2003 train and our gold (`npm run train:ner`). */
export const EMBEDDED_NER_MODEL = resourcePath('models', 'ner.model.gz');

let embeddedTagger: LearnedNerRecognizer | undefined;

/** The learned tagger a pipeline uses, loaded once per process for the embedded file. */
function learnedTagger(path: string | undefined, lexicons: Lexicons): LearnedNerRecognizer {
  if (path !== undefined) return LearnedNerRecognizer.load(path, lexicons);
  embeddedTagger ??= LearnedNerRecognizer.load(EMBEDDED_NER_MODEL, lexicons);
  return embeddedTagger;
}

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

function statementExtractor(lexicons: Lexicons, options: DefaultPipelineOptions): StatementExtractor {
  const rules = new RuleStatementExtractor(lexicons);
  const finder = statementFinder(rules, options);
  if (options.relabelStatements) return options.relabelStatements(finder);
  if (options.stanceClassifier) return new LearnedStatementExtractor(finder, options.stanceClassifier, 'in-memory');
  if (options.stanceModel === undefined) return finder;
  const { model, sha256 } = StanceClassifier.load(options.stanceModel, rules);
  return new LearnedStatementExtractor(finder, model, sha256);
}

export interface BuiltPipeline {
  pipeline: Pipeline;
  knowledgeBase: KnowledgeBase;
  lexicons: Lexicons;
  /** Things a user should know about the configuration (a model's label types that map to nothing). */
  notices: string[];
}

/**
 * The embedded default pipeline: zones → tokens and sentences → entities
 * (knowledge base, name rules, acronyms and definitions, compromise, surname
 * echoes, in that order of trust) → resolution → roles → statements.
 */
export function buildDefaultPipeline(options: DefaultPipelineOptions = {}): BuiltPipeline {
  const lexicons = loadLexicons();
  const knowledgeBase = loadKnowledgeBase(options.kbFiles ?? []);
  const chosen = new Set(options.entityRecognizers ?? DEFAULT_ENTITY_RECOGNIZERS);
  const factories: Record<EntityRecognizerName, () => EntityRecognizer> = {
    kb: () => new KbRecognizer(knowledgeBase),
    rules: () => new NameRulesRecognizer(lexicons),
    tagger: () => options.tagger ?? learnedTagger(options.taggerModel, lexicons),
    acronyms: () => new AcronymRecognizer(),
    compromise: () => new CompromiseRecognizer(),
    echo: () => new NameEchoRecognizer(),
  };
  const recognizers = ENTITY_RECOGNIZERS.filter((name) => chosen.has(name)).map((name) => factories[name]());
  if (options.nerPolicy === 'model-only') {
    // The learned tagger reads the knowledge base's and rules' mentions as features, so they run first and give way to it.
    if (options.nerModel) recognizers.splice(0, recognizers.length, options.nerModel);
    else if (chosen.has('tagger')) recognizers.splice(0, recognizers.length, ...BEFORE_TAGGER.filter((n) => chosen.has(n)).map((n) => factories[n]()), factories.tagger());
  } else if (options.nerModel) {
    // After the knowledge base, name rules and learned tagger (which reads only the first two), so their ids and types stand; before the fallbacks, so it outranks them.
    recognizers.splice(recognizers.filter((r) => r instanceof KbRecognizer || r instanceof NameRulesRecognizer || r instanceof LearnedNerRecognizer).length, 0, options.nerModel);
  }
  const pipeline = new Pipeline(
    [
      new ZoneStage(lexicons),
      new SegmentStage(lexicons),
      new EntityStage(recognizers, lexicons, options.nerPolicy),
      new ResolveStage(),
      new RoleStage(lexicons),
      new StatementStage(statementExtractor(lexicons, options), lexicons.demonyms.data.demonyms),
    ],
    {
      lexicons: Object.fromEntries(Object.entries(lexicons).map(([name, r]) => [name, r.sha256])),
      knowledgeBase: knowledgeBase.files.map((f) => f.sha256),
    },
  );
  return { pipeline, knowledgeBase, lexicons, notices: [] };
}

export interface TransformerPipelineOptions extends DefaultPipelineOptions {
  /** Token-classification model: a local folder or a hub id. */
  nerModelSpec?: string;
  ner?: Omit<TransformerNerOptions, 'offline' | 'cacheDir'>;
  /** Zero-shot NLI model for stance: a local folder or a hub id. */
  nliModelSpec?: string;
  nli?: Omit<NliStanceOptions, 'offline' | 'cacheDir'>;
  offline?: boolean;
  cacheDir?: string;
}

/**
 * The default pipeline with transformer models loaded first (one session
 * each, shared by every batch): a token-classification model joins the entity
 * recognizers under `nerPolicy`, an NLI model relabels the rules' statements.
 */
export async function buildPipelineWithModels(options: TransformerPipelineOptions): Promise<BuiltPipeline> {
  const access = { ...(options.offline !== undefined ? { offline: options.offline } : {}), ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}) };
  const nerModel = options.nerModelSpec !== undefined ? await TransformerNerRecognizer.load(options.nerModelSpec, { ...options.ner, ...access }) : options.nerModel;
  const relabelStatements =
    options.nliModelSpec !== undefined ? await NliStatementExtractor.prepare(options.nliModelSpec, { ...options.nli, ...access }) : options.relabelStatements;
  const built = buildDefaultPipeline({ ...options, ...(nerModel ? { nerModel } : {}), ...(relabelStatements ? { relabelStatements } : {}) });
  if (nerModel instanceof TransformerNerRecognizer && nerModel.unmappedTypes.length > 0) {
    built.notices.push(`${nerModel.info.name}: label types ${nerModel.unmappedTypes.join(', ')} are not in the label map, so those mentions are dropped (map them with --ner-labels)`);
  }
  return built;
}
