import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { FatalError } from '../../errors.js';
import type { ModelInfo } from '../types.js';
import { WORDPIECE_STYLE, type PieceStyle } from './alignment.js';

/** Where a model comes from: a folder on disk, or a Hugging Face hub id (optionally `id@revision`). */
export type ModelSource = { kind: 'local'; dir: string } | { kind: 'hub'; id: string; revision: string };

export interface ModelLoadOptions {
  /** Forbid any network access: hub ids must already be in the cache folder. */
  offline?: boolean;
  /** Where hub downloads are kept (and looked for when offline). */
  cacheDir?: string;
  /** Use onnx/model_quantized.onnx (true), onnx/model.onnx (false), or whichever a local folder has, quantized first (undefined). */
  quantized?: boolean;
}

export type ModelTask = 'token-classification' | 'sequence-classification';

/** The slice of a transformers.js tokenizer stancemap uses. */
export interface Tokenizer {
  encode(text: string, textPair?: string | null, options?: { add_special_tokens?: boolean }): number[];
  (
    texts: string[],
    options: { text_pair?: string[]; padding?: boolean; truncation?: boolean; max_length?: number },
  ): { input_ids?: TensorLike; token_type_ids?: TensorLike };
  model: { convert_ids_to_tokens(ids: number[]): string[]; config?: { type?: string; continuing_subword_prefix?: string } };
  decoder?: { config?: { type?: string } } | null;
  model_max_length?: number;
  pad_token_id?: number;
}

export interface TensorLike {
  dims: number[];
  data: ArrayLike<number> | BigInt64Array;
}

export type ModelCall = (inputs: Record<string, unknown>) => Promise<{ logits: TensorLike }>;

export interface LoadedModel {
  source: ModelSource;
  tokenizer: Tokenizer;
  run: ModelCall;
  /** Builds an int64 input tensor of the given shape. */
  int64Tensor(values: BigInt64Array, dims: number[]): unknown;
  config: ModelConfig;
  info: ModelInfo;
  pieceStyle: PieceStyle;
  /** Input length the model accepts, special tokens included. */
  maxLength: number;
}

export interface ModelConfig {
  model_type?: string;
  /** The model classes the weights were saved from ("BertForTokenClassification"): their suffix names the task head. */
  architectures?: string[];
  id2label?: Record<string, string>;
  label2id?: Record<string, number>;
  max_position_embeddings?: number;
}

export const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
const ONNX_FILES = { quantized: 'onnx/model_quantized.onnx', full: 'onnx/model.onnx' } as const;

/** Default cache folder for hub downloads: $STANCEMAP_MODEL_CACHE, else $XDG_CACHE_HOME/stancemap/models, else ~/.cache/stancemap/models. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STANCEMAP_MODEL_CACHE) return resolve(env.STANCEMAP_MODEL_CACHE);
  return join(env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache'), 'stancemap', 'models');
}

/** Offline when asked for, or when STANCEMAP_OFFLINE (or Hugging Face's own HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE) is set to a true value. */
export function offlineFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['STANCEMAP_OFFLINE', 'HF_HUB_OFFLINE', 'TRANSFORMERS_OFFLINE'].some((name) => /^(1|true|yes|on)$/i.test(env[name] ?? ''));
}

/**
 * A folder that exists is a local model; otherwise `owner/name[@revision]`
 * is a hub id. Anything else that looks like a path is a folder that is not
 * there, which is reported as such rather than sent to the hub.
 */
export function parseModelSource(spec: string): ModelSource {
  const trimmed = spec.trim();
  if (existsSync(trimmed) && statSync(trimmed).isDirectory()) return { kind: 'local', dir: resolve(trimmed) };
  const hub = /^([\w.-]+(?:\/[\w.-]+)?)(?:@([\w./-]+))?$/.exec(trimmed);
  if (hub && !isAbsolute(trimmed) && !trimmed.startsWith('.')) return { kind: 'hub', id: hub[1]!, revision: hub[2] ?? 'main' };
  throw new FatalError(
    'E007',
    `model folder ${resolve(trimmed)} not found (expected a folder with ${REQUIRED_FILES.join(', ')} and onnx/model.onnx, or a hub id such as Xenova/bert-base-NER)`,
  );
}

/** The folder the model's files are read from: the local folder, or the hub id's place in the cache. */
export function modelFolder(source: ModelSource, cacheDir: string): string {
  if (source.kind === 'local') return source.dir;
  return source.revision === 'main' ? join(cacheDir, source.id) : join(cacheDir, source.id, source.revision);
}

/** Which required files are missing from a folder; the ONNX file counts as present if either variant is there. */
export function missingFiles(folder: string, quantized: boolean | undefined): string[] {
  const missing: string[] = REQUIRED_FILES.filter((file) => !existsSync(join(folder, file)));
  if (!onnxFileIn(folder, quantized))
    missing.push(
      quantized === false ? ONNX_FILES.full : quantized === true ? ONNX_FILES.quantized : `${ONNX_FILES.quantized} or ${ONNX_FILES.full}`,
    );
  return missing;
}

function onnxFileIn(folder: string, quantized: boolean | undefined): string | undefined {
  const candidates =
    quantized === true ? [ONNX_FILES.quantized] : quantized === false ? [ONNX_FILES.full] : [ONNX_FILES.quantized, ONNX_FILES.full];
  return candidates.find((file) => existsSync(join(folder, file)));
}

type Transformers = typeof import('@xenova/transformers');
let transformers: Promise<Transformers> | undefined;
/** Loaded on first use: the rule-only pipeline never pays for onnxruntime. */
function loadLibrary(): Promise<Transformers> {
  transformers ??= import('@xenova/transformers').catch((error: unknown) => {
    transformers = undefined;
    throw new FatalError(
      'E007',
      `@xenova/transformers (with onnxruntime-node and sharp) could not be loaded: ${(error as Error).message.split('\n')[0]}; reinstall with npm ci`,
    );
  });
  return transformers;
}

/** transformers.js keeps its settings in one global object, so loads run one at a time. */
let loadChain: Promise<unknown> = Promise.resolve();

/**
 * Loads a tokenizer and ONNX model through transformers.js, local first. A
 * local folder never touches the network; a hub id is read from the cache
 * folder, and downloaded into it only when not offline. Every failure is a
 * fatal E007 that says which files are missing and where they were looked for.
 */
export function loadModel(spec: string, task: ModelTask, options: ModelLoadOptions = {}): Promise<LoadedModel> {
  const next = loadChain.then(() => loadModelNow(spec, task, options));
  loadChain = next.catch(() => undefined);
  return next;
}

/** Sets where the library reads model files (and whether it may download them); returns the id to load. */
function pointLibraryAt(
  library: Awaited<ReturnType<typeof loadLibrary>>,
  source: ReturnType<typeof parseModelSource>,
  folder: string,
  access: { cacheDir: string; offline: boolean },
): string {
  const { env } = library;
  env.allowLocalModels = true;
  env.useFSCache = true;
  env.cacheDir = access.cacheDir;
  if (source.kind === 'local') {
    env.localModelPath = dirname(folder) + '/';
    env.allowRemoteModels = false;
    return basename(folder);
  }
  // Hub files are found in the cache folder, or downloaded into it (from HF_ENDPOINT when set: a mirror).
  env.localModelPath = access.cacheDir + '/';
  env.allowRemoteModels = !access.offline;
  env.remoteHost = hubEndpoint();
  return source.id;
}

async function loadModelNow(spec: string, task: ModelTask, options: ModelLoadOptions): Promise<LoadedModel> {
  const source = parseModelSource(spec);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const offline = options.offline ?? offlineFromEnv();
  const folder = modelFolder(source, cacheDir);
  const missing = missingFiles(folder, options.quantized);
  if (missing.length > 0 && (source.kind === 'local' || offline)) {
    const where =
      source.kind === 'local' ? `model folder ${folder}` : `cache folder ${folder} (offline: downloading ${source.id} is not allowed)`;
    throw new FatalError('E007', `${where} lacks ${missing.join(', ')}`);
  }
  const quantized = options.quantized ?? (missing.length === 0 ? onnxFileIn(folder, undefined) === ONNX_FILES.quantized : true);

  const library = await loadLibrary();
  const id = pointLibraryAt(library, source, folder, { cacheDir, offline });
  const loadOptions = {
    quantized,
    local_files_only: source.kind === 'local' || offline,
    revision: source.kind === 'hub' ? source.revision : 'main',
  };
  const Model = task === 'token-classification' ? library.AutoModelForTokenClassification : library.AutoModelForSequenceClassification;
  let tokenizer: Tokenizer;
  let model: { (inputs: Record<string, unknown>): Promise<{ logits: TensorLike }>; config: ModelConfig };
  try {
    tokenizer = (await library.AutoTokenizer.from_pretrained(id, loadOptions)) as unknown as Tokenizer;
    model = (await Model.from_pretrained(id, loadOptions)) as unknown as typeof model;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    const hint = source.kind === 'hub' ? ` (downloading needs network access to ${hubEndpoint()}; or pass a local folder)` : '';
    throw new FatalError('E007', `could not load ${source.kind === 'hub' ? source.id : folder}: ${reason}${hint}`);
  }
  const config = model.config;
  checkModelTask(config, task, source.kind === 'hub' ? source.id : folder);
  const onnxFile = quantized ? ONNX_FILES.quantized : ONNX_FILES.full;
  const hashes = Object.fromEntries(
    [...REQUIRED_FILES, onnxFile].filter((file) => existsSync(join(folder, file))).map((file) => [file, sha256File(join(folder, file))]),
  );
  return {
    source,
    tokenizer,
    run: (inputs) => model(inputs),
    int64Tensor: (values, dims) => new library.Tensor('int64', values, dims),
    config,
    info: {
      name: source.kind === 'hub' ? source.id : basename(folder),
      version: source.kind === 'hub' ? source.revision : 'local',
      kind: 'transformer',
      resources: hashes,
    },
    pieceStyle: pieceStyleOf(tokenizer),
    maxLength: maxInputLength(tokenizer, config),
  };
}

/** The class-name suffix of each task's head, as transformers names its model classes. */
const HEADS: Record<ModelTask, string> = {
  'token-classification': 'ForTokenClassification',
  'sequence-classification': 'ForSequenceClassification',
};
/** Labels of a natural-language-inference head, never of an entity tagger. */
const NLI_LABEL = /^(?:entail|contradict|neutral)/i;
const OTHER_FLAG: Record<ModelTask, string> = {
  'token-classification': 'an NLI or text classifier belongs in --stance-model',
  'sequence-classification': 'an entity tagger belongs in --ner-model',
};

/**
 * Refuses (E007) a model made for the other task. The library would load it
 * all the same, with the head of its config's model type, and its outputs
 * would be read as the wrong thing: an NLI model's three logits as entity tags.
 * config.json tells by its architectures and, for an entity tagger, by labels.
 */
function checkModelTask(config: ModelConfig, task: ModelTask, name: string): void {
  const wanted = HEADS[task];
  const heads = (config.architectures ?? []).filter((a) => /For[A-Z]\w*$/.test(a));
  const other = heads.find((a) => !a.endsWith(wanted));
  if (other !== undefined && !heads.some((a) => a.endsWith(wanted)))
    throw new FatalError('E007', `${name} is a ${other} model, not a ${task} model (…${wanted}); ${OTHER_FLAG[task]}`);
  const labels = Object.values(config.id2label ?? {});
  if (task === 'token-classification' && labels.some((label) => NLI_LABEL.test(label)))
    throw new FatalError('E007', `${name} has the labels of an NLI model (${labels.join(', ')}), not entity tags; ${OTHER_FLAG[task]}`);
}

/** The hub, or the mirror Hugging Face's HF_ENDPOINT names. */
export function hubEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return (env.HF_ENDPOINT || 'https://huggingface.co').replace(/\/*$/, '/');
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function pieceStyleOf(tokenizer: Tokenizer): PieceStyle {
  const modelType = tokenizer.model.config?.type;
  const decoderType = tokenizer.decoder?.config?.type;
  if (modelType === 'WordPiece')
    return { ...WORDPIECE_STYLE, continuationPrefix: tokenizer.model.config?.continuing_subword_prefix ?? '##' };
  if (decoderType === 'ByteLevel') return { continuationPrefix: null, wordStartMarker: 'Ġ', byteLevel: true };
  return { continuationPrefix: null, wordStartMarker: '▁', byteLevel: false };
}

/** RoBERTa-family position tables reserve two slots for padding. */
const POSITION_OFFSET: Record<string, number> = { roberta: 2, 'xlm-roberta': 2, camembert: 2, longformer: 2 };

function maxInputLength(tokenizer: Tokenizer, config: ModelConfig): number {
  const limits = [512];
  if (tokenizer.model_max_length && tokenizer.model_max_length < 1e6) limits.push(tokenizer.model_max_length);
  if (config.max_position_embeddings) limits.push(config.max_position_embeddings - (POSITION_OFFSET[config.model_type ?? ''] ?? 0));
  return Math.min(...limits);
}
