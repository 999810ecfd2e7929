import { FatalError, type FatalCode } from '../errors.js';
import { AttributionModel } from '../models/attribution/model.js';
import { weightStore, type WeightStore } from '../models/learned/shared-weights.js';
import { loadTaggerModelFile } from '../models/ner/model-file.js';
import { EMBEDDED_POS_MODEL, loadPosModelFile } from '../models/pos/model-file.js';
import { resourcePath } from '../resources/paths.js';
import { DEFAULT_ATTRIBUTION_POLICY, DEFAULT_RECOGNIZERS } from './choices.js';
import type { DefaultPipelineOptions } from './options.js';
import { startThread } from './thread-module.js';

/**
 * Which of our own model files a pipeline reads, in a module that loads no
 * pipeline code: the main thread of a worker pool reads those files once and
 * hands them to the workers (shared-weights.ts). default.ts builds from the
 * same choices; a test holds the two equal.
 */

/** The embedded named-entity tagger, trained on CoNLL-2003 train and our gold (`npm run train:ner`). */
export const EMBEDDED_NER_MODEL = resourcePath('models', 'ner.model.gz');

/** The embedded attribution model, trained on PolNeAR train (`npm run train:attribution`). */
export const EMBEDDED_ATTRIBUTION_MODEL = resourcePath('models', 'attribution.json');

/** What a worker pool is started with beyond the default options: a transformer named by folder or hub id. */
export type ModelFileOptions = DefaultPipelineOptions & { nerModelSpec?: string };

/** The learned tagger's model file, or null when the pipeline does not run it (not chosen, given in memory, or a transformer alone). */
export function taggerModelFile(options: ModelFileOptions): string | null {
  if (options.tagger !== undefined || !(options.entityRecognizers ?? DEFAULT_RECOGNIZERS).includes('tagger')) return null;
  const withTransformer = options.nerModelSpec !== undefined || options.nerModel !== undefined;
  if (options.nerPolicy === 'model-only' && withTransformer) return null;
  return options.taggerModel ?? EMBEDDED_NER_MODEL;
}

/** The attribution model file, or null when statements come from the rules alone. */
export function attributionModelFile(options: DefaultPipelineOptions): string | null {
  if ((options.attributionPolicy ?? DEFAULT_ATTRIBUTION_POLICY) === 'rules') return null;
  return options.attributionModel ?? EMBEDDED_ATTRIBUTION_MODEL;
}

/** Our part-of-speech tagger's model file, when the statement rules read its tags (STANCEMAP_POS=perceptron). */
export function partOfSpeechModelFile(): string | null {
  return process.env.STANCEMAP_POS === 'perceptron' ? EMBEDDED_POS_MODEL : null;
}

/** Our model files a pipeline reads, null for one it does not use. */
export interface ModelFiles {
  tagger: string | null;
  attribution: string | null;
  partOfSpeech: string | null;
}

/** What the reading thread (weights-reader.ts) posts back. */
export type WeightsReply =
  { kind: 'read'; weights: WeightStore } | { kind: 'fatal'; code: FatalCode; detail: string } | { kind: 'failed'; message: string };

/** Reads the files in this thread, into its weight store; a file that is not a model throws its E007. */
export function readModelFiles(files: ModelFiles): void {
  if (files.tagger !== null) loadTaggerModelFile(files.tagger);
  if (files.attribution !== null) AttributionModel.load(files.attribution);
  if (files.partOfSpeech !== null) loadPosModelFile(files.partOfSpeech);
}

/**
 * The weights of the model files a pipeline built from `options` reads,
 * read by a short-lived thread (weights-reader.ts) and handed back in shared
 * memory, with whatever this thread had already read; for worker threads to
 * share. A file that is not a model throws its E007 here.
 */
export async function loadSharedWeights(options: ModelFileOptions): Promise<WeightStore> {
  const files: ModelFiles = {
    tagger: taggerModelFile(options),
    attribution: attributionModelFile(options),
    partOfSpeech: partOfSpeechModelFile(),
  };
  if (Object.values(files).every((file) => file === null)) return weightStore();
  const thread = startThread('weights-reader', { workerData: files });
  const reply = await new Promise<WeightsReply>((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the thread reading the model files stopped (exit code ${code})`)));
  });
  await thread.terminate();
  if (reply.kind === 'fatal') throw new FatalError(reply.code, reply.detail);
  if (reply.kind === 'failed') throw new Error(`reading the model files: ${reply.message}`);
  return new Map([...weightStore(), ...reply.weights]);
}
