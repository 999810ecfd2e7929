import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { collectRun } from '../distributed/collect.js';
import { submitRun } from '../distributed/submit.js';
import { buildPipelineWithModels } from '../pipeline/default.js';
import { describePipeline } from '../pipeline/processor.js';
import { createProgress } from '../pipeline/progress.js';
import { DEFAULT_MAX_BYTES, modelPipelineOptions, reportSummary, withModelOptions, type ModelFlags } from './extract.js';
import { outputPathOption, positiveInteger } from './options.js';
import { queueTarget, runId, withAbsolutePaths, withQueueOptions, type QueueFlags } from './queue-options.js';

interface SubmitFlags extends ModelFlags, QueueFlags {
  out: string;
  runId?: string;
  wait: boolean;
  attempts: number;
  maxQueued: number;
  force: boolean;
  quiet: boolean;
  maxBytes: number;
}

interface CollectFlags extends QueueFlags {
  run: string;
  out?: string;
  quiet: boolean;
  progressInterval: number;
}

export function registerSubmit(program: Command): void {
  const command = program
    .command('submit')
    .description('queue every document under the paths for `stancemap worker` processes (on any machines) to extract into --out')
    .argument('<path...>', 'files or folders, as for extract; the jobs carry the texts, so workers need not see these paths')
    .requiredOption(
      '-o, --out <dir>',
      'output folder, which every worker must reach (shared storage; see `worker --out`)',
      outputPathOption('--out'),
    )
    .option(
      '--run-id <id>',
      'name of the run (default: generated and printed); submitting again under the same id adds nothing twice',
      runId,
    )
    .option('--wait', 'wait for the workers, then write manifest.json and errors.ndjson (else run `stancemap collect`)', false)
    .option(
      '--attempts <n>',
      'tries per document before it fails with E115 (a failed write, a worker that cannot build the pipeline)',
      positiveInteger,
      3,
    )
    .option(
      '--max-queued <n>',
      'waiting jobs above which submitting pauses, so Redis holds a window of the corpus',
      positiveInteger,
      10_000,
    )
    .option('-f, --force', 'redo documents whose output is already up to date', false)
    .option('-q, --quiet', 'no progress or summary on stderr', false)
    .option('--max-bytes <n>', 'documents larger than this fail with E103 instead of being read', positiveInteger, DEFAULT_MAX_BYTES);
  withModelOptions(withQueueOptions(command)).action(async function (this: Command, paths: string[], flags: SubmitFlags) {
    (this as Command & { exitCodeResult?: number }).exitCodeResult = await submit(paths, flags);
  });
}

export function registerCollect(program: Command): void {
  const command = program
    .command('collect')
    .description("wait for a submitted run's documents, then write its manifest.json and errors.ndjson")
    .requiredOption('--run <id>', 'the run id `submit` printed', runId)
    .option('-o, --out <dir>', "where to write them (default: the run's output folder as submit was given it)")
    .option('-q, --quiet', 'no progress or summary on stderr', false)
    .option('--progress-interval <seconds>', 'seconds between progress lines when stderr is not a terminal', positiveInteger, 10);
  withQueueOptions(command).action(async function (this: Command, flags: CollectFlags) {
    (this as Command & { exitCodeResult?: number }).exitCodeResult = await collect(flags);
  });
}

/**
 * Builds the pipeline here once, for its fingerprint (part of each job's id,
 * and what the workers check their own build against) and the manifest's
 * description, then queues the documents; with --wait, collects the run.
 */
async function submit(paths: string[], flags: SubmitFlags): Promise<number> {
  const pipelineOptions = withAbsolutePaths(modelPipelineOptions(flags));
  const description = describePipeline(await buildPipelineWithModels(pipelineOptions));
  const id = flags.runId ?? newRunId();
  const target = queueTarget(flags);
  const result = await submitRun({
    target,
    runId: id,
    inputs: paths,
    output: { given: flags.out, resolved: resolve(flags.out) },
    description,
    pipelineOptions,
    force: flags.force,
    maxBytes: flags.maxBytes,
    attempts: flags.attempts,
    maxQueued: flags.maxQueued,
  });
  process.stdout.write(`${id}\n`);
  if (!flags.quiet) {
    process.stderr.write(
      `stancemap: run ${id}: ${result.queued} queued, ${result.failed} failed before queueing, ${result.skipped} skipped` +
        ` (queue "${target.queue}")\n`,
    );
  }
  if (!flags.wait) {
    if (!flags.quiet) process.stderr.write(`stancemap: when the workers are done: stancemap collect --redis <url> --run ${id}\n`);
    return 0;
  }
  return collect({
    redis: flags.redis,
    queue: flags.queue,
    run: id,
    out: flags.out,
    quiet: flags.quiet,
    progressInterval: flags.progressInterval,
  });
}

async function collect(flags: CollectFlags): Promise<number> {
  const progress = flags.quiet ? undefined : createProgress(process.stderr, { intervalMs: flags.progressInterval * 1000 });
  const result = await collectRun({
    target: queueTarget(flags),
    runId: flags.run,
    ...(flags.out !== undefined ? { outDir: flags.out } : {}),
    ...(progress ? { progress } : {}),
    warn: (message) => process.stderr.write(`stancemap: warning: ${message}\n`),
  });
  if (!flags.quiet) reportSummary(result.manifest, result.outDir);
  return result.exitCode;
}

/** Sortable by time, unique by the random part: `20261201T101500-3f9a0c1d`. */
function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}
