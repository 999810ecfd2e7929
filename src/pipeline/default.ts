import type { NliStanceOptions } from '../models/transformer/nli.js';
import { NliStatementExtractor } from '../models/transformer/nli.js';
import { TransformerNerRecognizer, type TransformerNerOptions } from '../models/transformer/ner.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../resources/kb.js';
import { loadLexicons, type Lexicons } from '../resources/lexicons.js';
import { RECOGNIZERS, STAGES } from './components.js';
import type { DefaultPipelineOptions } from './options.js';
import { Pipeline } from './pipeline.js';

export type { DefaultPipelineOptions } from './options.js';
export { EMBEDDED_NER_MODEL } from './model-files.js';

/** Entity recognizers a user can name, in order of trust (a loaded transformer joins through --ner-model instead). */
export const ENTITY_RECOGNIZERS: readonly string[] = RECOGNIZERS.all()
  .filter((entry) => !entry.fromOptions)
  .sort((a, b) => a.rank - b.rank)
  .map((entry) => entry.name);
/** compromise's people, places and organizations add nothing on any dev set once the learned tagger runs (measured), so it is opt-in. */
export const DEFAULT_ENTITY_RECOGNIZERS: readonly string[] = ENTITY_RECOGNIZERS.filter((name) => name !== 'compromise');
/** zones → tokens and sentences → entities → resolution → roles → statements. */
export const DEFAULT_STAGES: readonly string[] = ['zones', 'segment', 'entities', 'resolve', 'roles', 'statements'];

/**
 * The recognizers to build, by name. Under `model-only` a loaded transformer
 * runs alone; the learned tagger keeps the recognizers whose mentions are its
 * features, which then give way to it (the entity stage clears them).
 */
export function recognizerNames(options: DefaultPipelineOptions, withTransformer = Boolean(options.nerModel)): string[] {
  // Each named once; the transformer joins only through a loaded model.
  const chosen = [...new Set(options.entityRecognizers ?? DEFAULT_ENTITY_RECOGNIZERS)].filter((name) => !RECOGNIZERS.get(name).fromOptions);
  if (options.nerPolicy === 'model-only') {
    if (withTransformer) return ['transformer'];
    if (chosen.includes('tagger')) return [...chosen.filter((name) => RECOGNIZERS.get(name).feedsTagger), 'tagger'];
    return chosen;
  }
  return withTransformer ? [...chosen, 'transformer'] : chosen;
}

export interface BuiltPipeline {
  pipeline: Pipeline;
  knowledgeBase: KnowledgeBase;
  lexicons: Lexicons;
  /** Things a user should know about the configuration (a model's label types that map to nothing). */
  notices: string[];
}

/** The embedded default pipeline, built from the registry: DEFAULT_STAGES with DEFAULT_ENTITY_RECOGNIZERS unless the options name others. */
export function buildDefaultPipeline(options: DefaultPipelineOptions = {}): BuiltPipeline {
  const lexicons = loadLexicons();
  const knowledgeBase = loadKnowledgeBase(options.kbFiles ?? []);
  const context = { lexicons, knowledgeBase, options };
  const recognizerEntries = recognizerNames(options)
    .map((name) => RECOGNIZERS.get(name))
    .sort((a, b) => a.rank - b.rank);
  const recognizers = recognizerEntries.map((entry) => entry.create(context));
  const stageEntries = (options.stages ?? DEFAULT_STAGES).map((name) => STAGES.get(name));
  const stages = stageEntries.map((entry) => entry.create({ ...context, recognizers }));
  const pipeline = new Pipeline(stages, {
    components: [...stageEntries, ...recognizerEntries].map((entry) => `${entry.name}@${entry.version}`),
    lexicons: Object.fromEntries(Object.entries(lexicons).map(([name, r]) => [name, r.sha256])),
    knowledgeBase: knowledgeBase.files.map((f) => f.sha256),
  });
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
  const access = {
    ...(options.offline !== undefined ? { offline: options.offline } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  };
  const nerModel =
    options.nerModelSpec !== undefined
      ? await TransformerNerRecognizer.load(options.nerModelSpec, { ...options.ner, ...access })
      : options.nerModel;
  const relabelStatements =
    options.nliModelSpec !== undefined
      ? await NliStatementExtractor.prepare(options.nliModelSpec, { ...options.nli, ...access })
      : options.relabelStatements;
  const built = buildDefaultPipeline({
    ...options,
    ...(nerModel ? { nerModel } : {}),
    ...(relabelStatements ? { relabelStatements } : {}),
  });
  if (nerModel instanceof TransformerNerRecognizer && nerModel.unmappedTypes.length > 0) {
    built.notices.push(
      `${nerModel.info.name}: label types ${nerModel.unmappedTypes.join(', ')} are not in the label map, so those mentions are dropped (map them with --ner-labels)`,
    );
  }
  return built;
}
