import { randomUUID } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { DocumentError, FatalError, describeError } from '../errors.js';
import { removeSpoolFoldersOf, spoolPrefixFor } from '../io/spool.js';
import type { TransformerPipelineOptions } from './default.js';
import { loadSharedWeights } from './model-files.js';
import { threadModule } from './thread-module.js';
import { budgetUnits, failureOf, overTimeBudget, type DocumentProcessor, type ProcessedDocument } from './processor.js';
import { hasCrossed, packText, textLength, transferables, type WireDocument } from './wire.js';
import type { WorkerReply, WorkerStart, WorkerTask } from './worker.js';

/** Pipeline options that can cross into a worker thread: names and paths, no loaded models or functions. */
export type WorkerPipelineOptions = Omit<TransformerPipelineOptions, 'nerModel' | 'relabelStatements' | 'stanceClassifier' | 'tagger'>;

/**
 * Each thread's young generation. V8's default let two workers over the 20 MB
 * bench corpus peak at 513 MiB resident; 24 MiB brought that to 454 MiB for
 * 10% more time (measured, npm run bench). 16 MiB, together with smaller
 * tagger caches, brought 200,000 files from 536 to 479 MiB (npm run
 * bench:memory).
 */
export const YOUNG_GENERATION_MB = 16;

export interface PoolOptions {
  workers: number;
  /** Heap limit of each worker thread in MiB: the memory guard, so one document cannot take the machine's memory. */
  heapMb: number;
  /** The worker module, when not ./worker.ts (tests wrap it to make a worker misbehave). */
  workerModule?: URL;
  /** Time budget of one document (see budgetUnits): a batch that runs past its budgets has its worker stopped. */
  docTimeoutMs?: number;
  /** Texts of at least this many characters cross as UTF-8 bytes (wire.ts; tests lower it). */
  packFromChars?: number;
}

type Threads = Piscina<WorkerTask, WorkerReply>;

/**
 * Starts `workers` threads, each building its own pipeline from `options`
 * over the weights of our models, which this thread reads once and the
 * threads share; then asks one of them to describe the pipeline. A
 * configuration error is thrown here as the FatalError it was.
 */
export async function startWorkerPool(options: WorkerPipelineOptions, pool: PoolOptions): Promise<DocumentProcessor> {
  const spoolPrefix = spoolPrefixFor(randomUUID().slice(0, 8));
  const workerData: WorkerStart = { options, weights: await loadSharedWeights(options), spoolPrefix };
  const threads = new Piscina<WorkerTask, WorkerReply>({
    ...threadModule('worker', pool.workerModule),
    workerData,
    minThreads: pool.workers,
    maxThreads: pool.workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: 1,
    resourceLimits: { maxOldGenerationSizeMb: pool.heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  try {
    const reply = expectReply(await describeOrExplain(threads, pool.heapMb), 'described');
    return {
      description: reply.description,
      workers: pool.workers,
      docTimeoutMs: pool.docTimeoutMs ?? null,
      process: (docs) =>
        processInPool(
          threads,
          docs.map((doc) => packText(doc, pool.packFromChars)),
          pool.docTimeoutMs,
        ),
      close: async () => {
        await threads.destroy();
        // Every article the threads spooled has been taken by now; what is left was a stopped thread's.
        await removeSpoolFoldersOf(spoolPrefix);
      },
    };
  } catch (error) {
    await threads.destroy();
    throw error;
  }
}

/**
 * A batch in one worker. When the worker dies (out of memory, or a crash in
 * native code) or is stopped for running past the batch's time budget, the
 * pool replaces it, and the batch is retried one document at a time so that
 * only the document that caused it fails.
 */
async function processInPool(threads: Threads, docs: WireDocument[], docTimeoutMs?: number): Promise<ProcessedDocument[]> {
  try {
    return expectReply(await runWithinBudget(threads, docs, docTimeoutMs), 'processed').results;
  } catch (error) {
    if (error instanceof FatalError) throw error;
    if (docs.length === 1) return [batchFailure(error)];
    // A long text moved into the dead worker cannot be sent again; it is also the likeliest cause, so it takes the failure.
    const retried = docs.map((doc) => (hasCrossed(doc) ? [batchFailure(error)] : processInPool(threads, [doc], docTimeoutMs)));
    return (await Promise.all(retried)).flat();
  }
}

function batchFailure(error: unknown): ProcessedDocument {
  return failureOf(isOutOfMemory(error) ? new DocumentError('E112', describeError(error)) : error, 'E109');
}

/**
 * Runs a batch; with a budget, aborts it once it has run longer, which makes
 * piscina terminate the worker (a runaway loop cannot be stopped any other
 * way) and start another. The clock starts when the worker says it has begun
 * (worker.ts), so that neither the wait in the pool's queue nor a new
 * worker's model loading counts against the documents.
 */
async function runWithinBudget(threads: Threads, docs: WireDocument[], docTimeoutMs?: number): Promise<WorkerReply> {
  if (docTimeoutMs === undefined) return threads.run({ kind: 'process', docs }, { transferList: transferables(docs) });
  const budgetMs = docTimeoutMs * budgetUnits(docs.map(textLength));
  const abort = new AbortController();
  const { port1, port2 } = new MessageChannel();
  let timer: NodeJS.Timeout | undefined;
  port1.once('message', () => {
    timer = setTimeout(() => abort.abort(), budgetMs);
  });
  try {
    return await threads.run(
      { kind: 'process', docs, started: port2 },
      { transferList: [port2, ...transferables(docs)], signal: abort.signal },
    );
  } catch (error) {
    if (abort.signal.aborted) throw overTimeBudget(budgetMs, 'its worker thread was stopped and replaced');
    throw error;
  } finally {
    clearTimeout(timer);
    port1.close();
  }
}

/** The first task builds a worker's pipeline: running out of memory there means the budget is too small for the models. */
async function describeOrExplain(threads: Threads, heapMb: number): Promise<WorkerReply> {
  try {
    return await threads.run({ kind: 'describe' });
  } catch (error) {
    if (!isOutOfMemory(error)) throw error;
    throw new FatalError('E001', `--worker-memory ${heapMb} MiB is too small for the pipeline's models; give each worker more`);
  }
}

function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function expectReply<K extends WorkerReply['kind']>(reply: WorkerReply, kind: K): Extract<WorkerReply, { kind: K }> {
  if (reply.kind === 'fatal') throw new FatalError(reply.code, reply.detail);
  if (reply.kind !== kind) throw new Error(`worker replied ${reply.kind} to a ${kind} task`);
  return reply as Extract<WorkerReply, { kind: K }>;
}
