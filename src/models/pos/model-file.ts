import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resourcePath } from '../../resources/paths.js';
import { FeatureIndex } from '../learned/feature-index.js';
import type { AveragedPerceptron, PerceptronData } from '../learned/perceptron.js';
import { loadWeightsOnce } from '../learned/shared-weights.js';
import { readWeightFile, writeWeightFile } from '../learned/weight-file.js';

/** The embedded part-of-speech tagger, trained on CoNLL-2003 train (`npm run train:pos`). */
export const EMBEDDED_POS_MODEL = resourcePath('models', 'pos.model.gz');

const FORMAT = 'stancemap-pos/1';

/** The model file (learned/weight-file.ts), weights below `prune` left out. */
export function serializePosModel(model: AveragedPerceptron, header: Record<string, unknown>, prune: number): Buffer {
  const json = model.toJSON(prune);
  return writeWeightFile({ format: FORMAT, tags: json.classes, ...header }, Object.entries(json.weights), prune);
}

/** The file's weights straight into the flat shared table a loaded perceptron scores with. */
function parsePosModel(bytes: Buffer): { data: PerceptronData; header: Record<string, unknown> } {
  const { header, tags, features, table } = readWeightFile(bytes, FORMAT, Float64Array);
  return { data: { classes: tags, index: FeatureIndex.build(features).data, table }, header };
}

/** What a POS model file holds once read: its weights (in shared memory), header and SHA-256. */
export interface PosModelFile {
  data: PerceptronData;
  header: Record<string, unknown>;
  sha256: string;
}

/** A POS model file, read once per process (shared-weights.ts). */
export function loadPosModelFile(path: string = EMBEDDED_POS_MODEL): PosModelFile {
  return loadWeightsOnce('pos', path, () => {
    const bytes = readFileSync(path);
    const { data, header } = parsePosModel(bytes);
    return { data, header, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}
