import { workerData, type MessagePort } from 'node:worker_threads';
import { FatalError, type FatalCode } from '../errors.js';
import { useSpoolPrefix } from '../io/spool.js';
import { adoptWeights, type WeightStore } from '../models/learned/shared-weights.js';
import { buildPipelineWithModels, type BuiltPipeline } from './default.js';
import { describePipeline, processDocuments, type PipelineDescription, type ProcessedDocument } from './processor.js';
import type { WorkerPipelineOptions } from './worker-pool.js';
import type { WireDocument } from './wire.js';

/**
 * A worker thread of the pool (see worker-pool.ts): builds the pipeline once,
 * from the options the pool was started with, and processes the batches it is
 * handed. A configuration error comes back as a value, not a thrown error, so
 * the main thread can report it with its code.
 */

/** `started`, when given, is told as the batch begins: the pool's clock for the time budget starts then. */
export type WorkerTask = { kind: 'describe' } | { kind: 'process'; docs: WireDocument[]; started?: MessagePort };

export type WorkerReply =
  | { kind: 'described'; description: PipelineDescription }
  | { kind: 'processed'; results: ProcessedDocument[] }
  | { kind: 'fatal'; code: FatalCode; detail: string };

/** What the pool hands each thread: the pipeline's options and the model weights the main thread read (shared memory, not copies). */
export interface WorkerStart {
  options: WorkerPipelineOptions;
  weights: WeightStore;
  /** The pool's own spool folder names, so that it can remove what a stopped thread left. */
  spoolPrefix: string;
}

const start = workerData as WorkerStart | null;
// As the thread starts, so that no load in it reads a file the main thread has read.
if (start) {
  adoptWeights(start.weights);
  useSpoolPrefix(start.spoolPrefix);
}

let built: Promise<BuiltPipeline> | undefined;

function pipelineOnce(): Promise<BuiltPipeline> {
  built ??= buildPipelineWithModels(start?.options ?? {});
  return built;
}

export default async function handleTask(task: WorkerTask): Promise<WorkerReply> {
  let pipeline: BuiltPipeline;
  try {
    pipeline = await pipelineOnce();
  } catch (error) {
    if (error instanceof FatalError) return { kind: 'fatal', code: error.code, detail: error.detail };
    throw error;
  }
  if (task.kind === 'describe') return { kind: 'described', description: describePipeline(pipeline) };
  task.started?.postMessage(null);
  task.started?.close();
  return { kind: 'processed', results: await processDocuments(pipeline.pipeline, task.docs) };
}
