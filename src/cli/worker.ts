import type { Command } from 'commander';
import { resolve } from 'node:path';
import { startQueueWorker } from '../distributed/worker.js';
import { DEFAULT_WORKER_HEAP_MB, defaultWorkers } from './extract.js';
import { outputPathOption, positiveInteger } from './options.js';
import { queueTarget, seconds, withQueueOptions, type QueueFlags } from './queue-options.js';

interface WorkerFlags extends QueueFlags {
  workers?: number;
  workerMemory: number;
  out?: string;
  lockDuration: number;
  stalledInterval: number;
  maxStalled: number;
}

/**
 * Defaults for CPU-heavy jobs. The lock outlasts the slowest document we
 * know of (a 500 KB article: 17 s, startup included, on one core) several times over,
 * although it is renewed while a job runs, since the pipeline runs off the
 * event loop; the price is that a dead worker's job waits up to that long
 * before another worker takes it. Two stalls are forgiven: a third means the
 * document itself kills workers, and it fails (E115).
 */
const DEFAULT_LOCK_SECONDS = '300';
const DEFAULT_STALLED_SECONDS = '30';
const DEFAULT_MAX_STALLED = 2;

export function registerWorker(program: Command): void {
  const command = program
    .command('worker')
    .description(
      'take documents queued by `stancemap submit` and write their articles, until stopped (SIGINT/SIGTERM let held jobs finish)',
    )
    .option(
      '-w, --workers <n>',
      "worker threads, each with its own pipeline (our models' weights are shared), and jobs held at once (default $STANCEMAP_WORKERS or the number of cores)",
      positiveInteger,
    )
    .option(
      '--worker-memory <MiB>',
      'heap limit of each worker thread; a document needing more fails with E112',
      positiveInteger,
      DEFAULT_WORKER_HEAP_MB,
    )
    .option(
      '-o, --out <dir>',
      'the output folder as this machine mounts it (default: the folder submit was given, resolved on its machine)',
      outputPathOption('--out'),
    )
    .option(
      '--lock-duration <s>',
      'seconds a job stays locked to this worker without a renewal (renewed every half of it)',
      seconds,
      seconds(DEFAULT_LOCK_SECONDS),
    )
    .option('--stalled-interval <s>', 'seconds between checks for jobs whose worker died', seconds, seconds(DEFAULT_STALLED_SECONDS))
    .option(
      '--max-stalled <n>',
      'times a job is taken back from a dead worker before its document fails (E115)',
      positiveInteger,
      DEFAULT_MAX_STALLED,
    );
  withQueueOptions(command).action(async function (this: Command, flags: WorkerFlags) {
    (this as Command & { exitCodeResult?: number }).exitCodeResult = await work(flags);
  });
}

/** Runs until SIGINT or SIGTERM: then stops taking jobs and lets the held ones finish (a second signal stops at once). */
async function work(flags: WorkerFlags): Promise<number> {
  // At least one thread: the pipeline must never run on the event loop that renews the job locks (so $STANCEMAP_WORKERS=0 means 1 here).
  const threads = Math.max(1, flags.workers ?? defaultWorkers());
  const log = (line: string) => process.stderr.write(`stancemap worker: ${line}\n`);
  const worker = await startQueueWorker({
    target: queueTarget(flags),
    threads,
    heapMb: flags.workerMemory,
    ...(flags.out !== undefined ? { outDir: resolve(flags.out) } : {}),
    lockDurationMs: flags.lockDuration,
    stalledIntervalMs: flags.stalledInterval,
    maxStalledCount: flags.maxStalled,
    log,
  });
  log(`taking jobs from queue "${flags.queue}" with ${threads} thread(s)`);
  await new Promise<void>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      log(`${signal}: finishing the jobs held, then stopping (again to stop at once)`);
      process.once(signal, () => process.exit(1));
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await worker.close();
  return 0;
}
