import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { createDocument, type Document } from '../document/types.js';
import { DocumentError, describeError } from '../errors.js';
import { writeArticleAtomic } from '../io/atomic.js';
import { isUnchanged, outputPath } from '../pipeline/runner.js';
import { DocumentJobSchema, documentField, type DocumentJob, type Outcome } from './jobs.js';
import { PipelinePools } from './pipeline-pools.js';
import { bullConnection, connectRedis, recordOutcome, runKeys, type QueueTarget } from './redis.js';
import { isFinalFailure, recordFailedJob } from './failed-jobs.js';

export interface QueueWorkerOptions {
  target: QueueTarget;
  /** Worker threads, each with its own models; also the jobs this process holds at once. */
  threads: number;
  heapMb: number;
  /** The output folder as this machine mounts it, when not where the submitter saw it. */
  outDir?: string;
  /** BullMQ's lock on a job, renewed every half of it while the job runs; a dead worker's job is taken back after it. */
  lockDurationMs: number;
  /** How often this worker looks for jobs whose lock expired (their worker died). */
  stalledIntervalMs: number;
  /** Times a job may be taken back from dead workers before its document fails (E115). */
  maxStalledCount: number;
  log: (line: string) => void;
}

export interface QueueWorker {
  /** Stops taking jobs, lets the ones held finish, then stops the threads and connections. */
  close(): Promise<void>;
}

interface WorkerContext {
  readonly options: QueueWorkerOptions;
  readonly client: Redis;
  readonly pools: PipelinePools;
  readonly name: string;
}

/**
 * Takes document jobs from the queue and writes each article into the output
 * folder. The pipeline runs in worker threads (worker-pool.ts), never on this
 * thread: BullMQ renews job locks and checks for stalled jobs on this
 * thread's event loop, so a long document must not block it, or its lock
 * would lapse and a second worker would redo it. The threads also bring the
 * per-thread memory guard (E112) and keep models loaded between jobs, which
 * BullMQ's sandboxed processors would give only in part.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const client = await connectRedis(options.target.url);
  const context: WorkerContext = {
    options,
    client,
    pools: new PipelinePools({ workers: options.threads, heapMb: options.heapMb }),
    name: `${hostname()}:${process.pid}`,
  };
  const worker = new Worker<DocumentJob, Outcome>(options.target.queue, (job) => handleJob(context, job), {
    connection: bullConnection(options.target.url),
    concurrency: options.threads,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
    maxStalledCount: options.maxStalledCount,
    name: context.name,
  });
  worker.on('error', (error) => options.log(`queue: ${describeError(error)}`));
  worker.on('failed', (job, error) => void onFailed(context, job, error));
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      await context.pools.close();
      client.disconnect();
    },
  };
}

async function onFailed(context: WorkerContext, job: Job<DocumentJob> | undefined, error: Error): Promise<void> {
  if (!job) return;
  const final = isFinalFailure(job);
  context.options.log(`job ${job.id} (${job.data.docId}) failed${final ? '' : ', will retry'}: ${describeError(error)}`);
  if (!final) return;
  try {
    await recordFailedJob(context.client, context.options.target, job);
  } catch (recordError) {
    context.options.log(`could not record the failure of job ${job.id}: ${describeError(recordError)}`);
  }
}

/** One document: skipped when its output is already up to date, else processed and written; its outcome goes to the run. */
async function handleJob(context: WorkerContext, job: Job<DocumentJob>): Promise<Outcome> {
  const parsed = DocumentJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`not a stancemap document job of this version: ${parsed.error.issues[0]?.message}`);
  const data = parsed.data;
  await testDelay();
  const path = outputPath(context.options.outDir ?? data.outDir, data.docId);
  const unchanged = !data.force && (await isUnchanged(path, data.document.source, data.fingerprint));
  const outcome = unchanged ? outcomeOf(context, data, { status: 'unchanged' }) : await processAndWrite(context, data, path);
  await recordOutcome(context.client, runKeys(context.options.target, data.runId), documentField(data.docId), outcome);
  return outcome;
}

/**
 * A document failing in the pipeline is an outcome, not a job failure: it
 * would fail the same way again. What may pass (a write to the shared folder,
 * a pipeline that differs from the submitter's) throws, for BullMQ to retry.
 */
async function processAndWrite(context: WorkerContext, data: DocumentJob, path: string): Promise<Outcome> {
  const processor = await context.pools.get(data.options);
  const built = processor.description.fingerprint;
  if (built !== data.fingerprint)
    throw new Error(
      `this worker's pipeline is ${built}, the run's is ${data.fingerprint}: every machine needs the same stancemap version and model files`,
    );
  const [result] = await processor.process([toDocument(data)]);
  if (!result) throw new Error('the pipeline returned no result');
  if (!result.ok) return outcomeOf(context, data, { status: 'failed', code: result.code, reason: result.reason });
  try {
    await writeArticleAtomic(path, result.content);
  } catch (error) {
    throw new DocumentError('E108', describeError(error));
  }
  return outcomeOf(context, data, { status: 'written', warnings: result.warnings });
}

function outcomeOf(context: WorkerContext, data: DocumentJob, result: Pick<Outcome, 'status' | 'code' | 'reason' | 'warnings'>): Outcome {
  return { ...result, path: data.path, docId: data.docId, line: data.line, worker: context.name, finishedAt: Date.now() };
}

/** The document as the submitter loaded it (createDocument, as the loaders call it, so the article is the same bytes). */
function toDocument(data: DocumentJob): Document {
  const { text, source, metadata, warnings } = data.document;
  const { line, ...rest } = source;
  const { url, source: origin, ...named } = metadata;
  return createDocument({
    id: data.docId,
    text,
    source: { ...rest, ...(line !== undefined ? { line } : {}) },
    metadata: { ...named, ...(url !== undefined ? { url } : {}), ...(origin !== undefined ? { source: origin } : {}) },
    warnings,
  });
}

/**
 * Test hook: STANCEMAP_TEST_JOB_DELAY_MS holds each job that long before it
 * is processed, so that a test can kill a worker while it holds a job. The
 * wait is a timer, so the lock is renewed meanwhile as in a real long job.
 */
async function testDelay(): Promise<void> {
  const ms = Number(process.env.STANCEMAP_TEST_JOB_DELAY_MS ?? 0);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
