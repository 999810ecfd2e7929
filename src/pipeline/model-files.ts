import { AttributionModel } from '../models/attribution/model.js';
import { weightStore, type WeightStore } from '../models/learned/shared-weights.js';
import { loadTaggerModelFile } from '../models/ner/model-file.js';
import { resourcePath } from '../resources/paths.js';
import { DEFAULT_ATTRIBUTION_POLICY, DEFAULT_RECOGNIZERS } from './choices.js';
import type { DefaultPipelineOptions } from './options.js';

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

/** Reads, in this thread, the model files a pipeline built from `options` reads, and returns them for worker threads; a file that is not a model throws its E007 here. */
export function loadSharedWeights(options: ModelFileOptions): WeightStore {
  const tagger = taggerModelFile(options);
  if (tagger !== null) loadTaggerModelFile(tagger);
  const attribution = attributionModelFile(options);
  if (attribution !== null) AttributionModel.load(attribution);
  return weightStore();
}
