import { parentPort, workerData } from 'node:worker_threads';
import { FatalError } from '../errors.js';
import { weightStore } from '../models/learned/shared-weights.js';
import { readModelFiles, type ModelFiles, type WeightsReply } from './model-files.js';

/**
 * A short-lived thread that reads our model files for a worker pool and
 * posts back their weights, which live in shared memory. Parsing a model
 * file leaves tens of MB of garbage (the attribution model is 7 MB of JSON);
 * it dies with this thread instead of staying in the main thread's heap,
 * which has too little to do to collect it soon.
 */
function reply(): WeightsReply {
  try {
    readModelFiles(workerData as ModelFiles);
    return { kind: 'read', weights: weightStore() };
  } catch (error) {
    if (error instanceof FatalError) return { kind: 'fatal', code: error.code, detail: error.detail };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(reply());
