import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadWeightsOnce } from '../learned/shared-weights.js';
import { FrozenWeights, type TaggerWeightData } from './tagger.js';

/** What a tagger model file holds: its weights (in shared memory), its header and its SHA-256. */
export interface TaggerModelFile {
  weights: TaggerWeightData;
  header: Record<string, unknown>;
  sha256: string;
}

/** A tagger model file (`stancemap train ner`), read once per process (shared-weights.ts). */
export function loadTaggerModelFile(path: string): TaggerModelFile {
  return loadWeightsOnce('ner', path, () => {
    const bytes = readFileSync(path);
    const { weights, header } = FrozenWeights.deserialize(bytes);
    return { weights: weights.toData(), header, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}
