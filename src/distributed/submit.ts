import { unpackText } from '../document/packed-text.js';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { existsSync } from 'node:fs';
import { DocumentError, FatalError, describeError } from '../errors.js';
import { walkInputs, type InputItem } from '../io/sources.js';
import type { PipelineDescription } from '../pipeline/processor.js';
import { RESERVED_DOC_IDS } from '../pipeline/runner.js';
import type { WorkerPipelineOptions } from '../pipeline/worker-pool.js';
import { jobIdFor, itemField, type DocumentJob } from './jobs.js';
import { RUN_TTL_SECONDS, bullConnection, connectRedis, recordOutcome, runKeys, type QueueTarget, type RunKeys } from './redis.js';
import { writeRunMeta, type RunMeta } from './run-meta.js';

export interface SubmitOptions {
  target: QueueTarget;
  runId: string;
  inputs: string[];
  /** The output folder as given, for the manifest, and resolved, for the jobs. */
  output: { given: string; resolved: string };
  description: PipelineDescription;
  pipelineOptions: WorkerPipelineOptions;
  force: boolean;
  maxBytes: number;
  /** Tries per job before its document fails with E115. */
  attempts: number;
  /** Waiting jobs above which submitting pauses, so that Redis holds a window of the corpus, not all of it. */
  maxQueued: number;
}

export interface SubmitResult {
  read: number;
  queued: number;
  failed: number;
  skipped: number;
}

/** Documents per addBulk call, and the text size that also closes a chunk: one round trip each, memory bounded. */
const CHUNK_JOBS = 64;
const CHUNK_CHARS = 4 * 1024 * 1024;

type DocumentItem = Extract<InputItem, { kind: 'document' }>;

interface Submission {
  readonly options: SubmitOptions;
  readonly client: Redis;
  readonly queue: Queue<DocumentJob>;
  readonly keys: RunKeys;
  readonly tally: SubmitResult;
  /** docId → where it was first read, for E106 (as extract keeps it). */
  readonly seen: Map<string, string>;
  chunk: DocumentJob[];
  chunkChars: number;
}

/**
 * Walks the inputs and queues one job per document, carrying its text, so
 * workers need only Redis and the output folder. Items that fail before
 * they could be queued (E101–E107) are recorded as the run's outcomes here.
 * Jobs go in chunks, each awaited, and submitting pauses while the queue is
 * over `maxQueued`: the walk never runs ahead of Redis.
 */
export async function submitRun(options: SubmitOptions): Promise<SubmitResult> {
  for (const input of options.inputs) {
    if (!existsSync(input)) throw new FatalError('E002', input);
  }
  const client = await connectRedis(options.target.url);
  const queue = new Queue<DocumentJob>(options.target.queue, { connection: bullConnection(options.target.url) });
  queue.on('error', (error) => process.stderr.write(`stancemap: queue: ${describeError(error)}\n`));
  const keys = runKeys(options.target, options.runId);
  const submission: Submission = {
    options,
    client,
    queue,
    keys,
    tally: { read: 0, queued: 0, failed: 0, skipped: 0 },
    seen: new Map(),
    chunk: [],
    chunkChars: 0,
  };
  try {
    await writeRunMeta(client, keys, runMeta(options));
    await walkAndQueue(submission);
    await client.hset(keys.meta, { read: submission.tally.read, complete: 1 });
    for (const key of Object.values(keys)) await client.expire(key, RUN_TTL_SECONDS);
    return submission.tally;
  } finally {
    await queue.close();
    client.disconnect();
  }
}

function runMeta(options: SubmitOptions): RunMeta {
  return {
    inputs: options.inputs,
    output: options.output.given,
    description: options.description,
    force: options.force,
    maxBytes: options.maxBytes,
    startedAt: new Date().toISOString(),
  };
}

async function walkAndQueue(submission: Submission): Promise<void> {
  const { options, client, keys, tally } = submission;
  let index = 0;
  for await (const item of walkInputs(options.inputs, { maxBytes: options.maxBytes })) {
    const at = index++;
    if (item.kind === 'skipped') {
      tally.skipped++;
      await client.zadd(keys.skipped, at, item.path);
      continue;
    }
    tally.read++;
    if (item.kind === 'failed') {
      await recordFailure(submission, at, item);
      continue;
    }
    const refusal = admissionError(submission.seen, item);
    if (refusal) {
      await recordFailure(submission, at, { ...item, line: item.line ?? null, error: refusal });
      continue;
    }
    submission.seen.set(item.docId, item.line !== undefined ? `${item.path}:${item.line}` : item.path);
    await queueDocument(submission, at, item);
  }
  await flush(submission);
}

/** E106 for a docId an earlier document already has, E107 for one reserved for the run's own files (extract's rules). */
function admissionError(seen: ReadonlyMap<string, string>, item: DocumentItem): DocumentError | null {
  const earlier = seen.get(item.docId);
  if (earlier !== undefined) return new DocumentError('E106', `"${item.docId}" is already produced by ${earlier}`);
  if (RESERVED_DOC_IDS.has(item.docId)) return new DocumentError('E107', `"${item.docId}" is reserved for the run's own files`);
  return null;
}

interface FailedItem {
  path: string;
  docId: string | null;
  line: number | null;
  error: unknown;
}

/** An item that fails before it is queued: a DocumentError as it is, anything else (a load that threw) as E104. */
async function recordFailure(submission: Submission, at: number, failed: FailedItem): Promise<void> {
  const error = failed.error instanceof DocumentError ? failed.error : new DocumentError('E104', describeError(failed.error));
  submission.tally.failed++;
  await recordOutcome(submission.client, submission.keys, itemField(at), {
    status: 'failed',
    path: failed.path,
    docId: failed.docId,
    line: failed.line,
    code: error.code,
    reason: error.message,
    finishedAt: Date.now(),
  });
}

/** Loads the document (a load failure is recorded like the walk's own) and adds its job to the chunk. */
async function queueDocument(submission: Submission, at: number, item: DocumentItem): Promise<void> {
  const { options } = submission;
  let doc;
  try {
    // A job carries its text as a string, so a long file read as bytes is decoded here.
    doc = unpackText(await item.load());
  } catch (error) {
    await recordFailure(submission, at, { path: item.path, docId: item.docId, line: item.line ?? null, error });
    return;
  }
  submission.chunk.push({
    version: 1,
    runId: options.runId,
    docId: item.docId,
    path: item.path,
    line: item.line ?? null,
    outDir: options.output.resolved,
    fingerprint: options.description.fingerprint,
    options: options.pipelineOptions as Record<string, unknown>,
    force: options.force,
    document: { text: doc.text, source: doc.source, metadata: doc.metadata, warnings: doc.warnings },
  });
  submission.chunkChars += doc.text.length;
  if (submission.chunk.length >= CHUNK_JOBS || submission.chunkChars >= CHUNK_CHARS) await flush(submission);
}

async function flush(submission: Submission): Promise<void> {
  const { queue, options } = submission;
  if (submission.chunk.length === 0) return;
  const jobs = submission.chunk.map((data) => ({ name: 'extract', data, opts: jobOptions(options, jobIdFor(data)) }));
  submission.chunk = [];
  submission.chunkChars = 0;
  await queue.addBulk(jobs);
  submission.tally.queued += jobs.length;
  while ((await queue.getWaitingCount()) > options.maxQueued) await sleep(1000);
}

/**
 * Retries with exponential backoff (5 s, 10 s, 20 s…) for what can pass: a
 * shared folder that failed a write, a worker that could not build the
 * pipeline. Completed jobs go soon (their outcome is kept in the run's
 * hash); failed ones stay as long as the run, for inspection.
 */
function jobOptions(options: SubmitOptions, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: options.attempts,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: RUN_TTL_SECONDS },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
