import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ProgressCounts, ProgressReporter } from '../pipeline/progress.js';
import { silentProgress } from '../pipeline/progress.js';
import { lockOutputFolder, manifestPipelineFields, prepareOutput, sortOutcomes, writeRunFiles } from '../pipeline/runner.js';
import type { Manifest } from '../schema/manifest.js';
import { sweepFailedJobs } from './failed-jobs.js';
import { OutcomeSchema, type DocumentJob, type Outcome } from './jobs.js';
import { bullConnection, connectRedis, runKeys, type QueueTarget, type RunKeys } from './redis.js';
import { readRunState, type RunState } from './run-meta.js';

export interface CollectOptions {
  target: QueueTarget;
  runId: string;
  /** Where manifest.json and errors.ndjson go: by default the output folder the run was submitted with. */
  outDir?: string;
  progress?: ProgressReporter;
  /** How often Redis is asked how far the run is. */
  pollMs?: number;
  /** Told when collect takes over a stale lock of the output folder. */
  warn?: (message: string) => void;
}

export interface CollectResult {
  manifest: Manifest;
  outDir: string;
  /** As extract's: 0 every document done, 2 some failed. */
  exitCode: 0 | 2;
}

/** Polls between which the failed set is searched for the run's jobs that no worker recorded. */
const SWEEP_EVERY = 10;

/**
 * Waits until every item of the run has an outcome (the submitter has walked
 * all of its inputs, and each queued document was written, found unchanged
 * or failed), then writes one manifest.json and errors.ndjson for the run,
 * in extract's schema and order.
 */
export async function collectRun(options: CollectOptions): Promise<CollectResult> {
  const client = await connectRedis(options.target.url);
  const queue = new Queue<DocumentJob>(options.target.queue, { connection: bullConnection(options.target.url) });
  queue.on('error', () => {
    // The polls below go through `client`, whose failures surface there.
  });
  const keys = runKeys(options.target, options.runId);
  try {
    const state = await waitForRun({ client, queue, keys, options });
    const outDir = options.outDir ?? state.meta.output;
    await prepareOutput(outDir);
    // Held only while the run's files are written: the workers write the articles, unlocked, as jobs come.
    const lock = await lockOutputFolder(outDir, 'stancemap collect', options.warn);
    try {
      const manifest = await buildManifest(client, keys, state, outDir);
      await writeRunFiles(outDir, manifest);
      return { manifest, outDir, exitCode: manifest.counts.failed > 0 ? 2 : 0 };
    } finally {
      await lock.release();
    }
  } finally {
    await queue.close();
    client.disconnect();
  }
}

interface Waiting {
  client: Redis;
  queue: Queue<DocumentJob>;
  keys: RunKeys;
  options: CollectOptions;
}

async function waitForRun({ client, queue, keys, options }: Waiting): Promise<RunState> {
  const progress = options.progress ?? silentProgress;
  for (let poll = 0; ; poll++) {
    const state = await readRunState(client, keys, options.runId);
    const counts = await progressCounts(client, keys, state);
    if (state.complete && counts.done >= state.read) {
      progress.finish(counts);
      return state;
    }
    progress.update(counts);
    if (poll % SWEEP_EVERY === SWEEP_EVERY - 1) await sweepFailedJobs(client, options.target, queue, options.runId);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}

async function progressCounts(client: Redis, keys: RunKeys, state: RunState): Promise<ProgressCounts> {
  const [done, counts] = await Promise.all([client.hlen(keys.outcomes), client.hgetall(keys.counts)]);
  return {
    done,
    total: state.complete ? state.read : null,
    written: Number(counts.written ?? 0),
    unchanged: Number(counts.unchanged ?? 0),
    failed: Number(counts.failed ?? 0),
  };
}

/** Every outcome, read in pages (HSCAN), tallied into the manifest; the skipped files in the order the walk met them. */
async function buildManifest(client: Redis, keys: RunKeys, state: RunState, outDir: string): Promise<Manifest> {
  const { meta } = state;
  const tally = { written: 0, unchanged: 0, failed: 0, warnings: 0 };
  const failures: Manifest['failures'] = [];
  const documents: NonNullable<Manifest['documents']> = [];
  const warnings: Manifest['warnings'] = [];
  const workers = new Set<string>();
  let finishedAt = Date.parse(meta.startedAt);
  // HSCAN may return a field twice (when Redis resizes the hash mid-scan): each is tallied once.
  const seen = new Set<string>();
  for await (const [field, outcome] of outcomes(client, keys)) {
    if (seen.has(field)) continue;
    seen.add(field);
    tally[outcome.status]++;
    if (outcome.worker !== undefined) workers.add(outcome.worker);
    finishedAt = Math.max(finishedAt, outcome.finishedAt);
    if (outcome.status === 'failed') failures.push(failureOf(outcome));
    documents.push({ docId: outcome.docId, path: outcome.path, line: outcome.line, status: outcome.status });
    for (const warning of outcome.warnings ?? []) {
      tally.warnings++;
      warnings.push({ path: outcome.path, docId: outcome.docId ?? '', code: warning.code, message: warning.message });
    }
  }
  sortOutcomes({ failures, warnings, documents });
  const skippedFiles = await client.zrange(keys.skipped, 0, -1);
  return {
    ...manifestPipelineFields(meta.description),
    inputs: meta.inputs,
    output: outDir,
    options: { workers: workers.size, batchSize: 1, force: meta.force, maxBytes: meta.maxBytes, docTimeout: null, keepStale: false },
    startedAt: meta.startedAt,
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: Math.max(0, finishedAt - Date.parse(meta.startedAt)),
    counts: {
      read: state.read,
      written: tally.written,
      skipped: skippedFiles.length,
      failed: tally.failed,
      unchanged: tally.unchanged,
      warnings: tally.warnings,
    },
    failures,
    warnings,
    skippedFiles,
    documents,
    interrupted: null,
  };
}

function failureOf(outcome: Outcome): Manifest['failures'][number] {
  return { path: outcome.path, docId: outcome.docId, line: outcome.line, code: outcome.code ?? 'E115', reason: outcome.reason ?? '' };
}

async function* outcomes(client: Redis, keys: RunKeys): AsyncGenerator<[string, Outcome]> {
  let cursor = '0';
  do {
    const [next, entries] = await client.hscan(keys.outcomes, cursor, 'COUNT', 500);
    cursor = next;
    for (let i = 0; i + 1 < entries.length; i += 2) yield [entries[i]!, OutcomeSchema.parse(JSON.parse(entries[i + 1]!))];
  } while (cursor !== '0');
}
