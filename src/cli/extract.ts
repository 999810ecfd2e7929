import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { FatalError } from '../errors.js';
// Only light modules here: with worker threads the models load in the workers, never in this thread.
import {
  ATTRIBUTION_POLICIES,
  NER_POLICIES,
  STANCE_POLICIES,
  type AttributionPolicy,
  type NerPolicy,
  type StancePolicy,
} from '../models/policies.js';
import { offlineFromEnv } from '../models/transformer/loader.js';
import { DEFAULT_ATTRIBUTION_POLICY, DEFAULT_RECOGNIZERS, NAMED_RECOGNIZERS } from '../pipeline/choices.js';
import type { TransformerPipelineOptions } from '../pipeline/default.js';
import { inThisThread, type DocumentProcessor, type PipelineDescription } from '../pipeline/processor.js';
import { createProgress } from '../pipeline/progress.js';
import { checkInputs, lockOutputFolder, prepareOutput, runExtract } from '../pipeline/runner.js';
import { startWorkerPool, type PoolOptions } from '../pipeline/worker-pool.js';
import type { OutputLock } from '../io/output-lock.js';
import type { Manifest } from '../schema/manifest.js';
import { interruptOnSignals, type Interrupter } from './interrupt.js';
import { nonNegativeInteger, outputPathOption, positiveInteger, positiveSeconds } from './options.js';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
/**
 * Room for a 100 KB window (the largest piece a document is processed in)
 * beside the models: a 2 MB document went through with 128; with 192, two
 * workers over the 20 MB bench corpus peaked above 512 MiB resident.
 */
export const DEFAULT_WORKER_HEAP_MB = 160;
/**
 * Seconds a document may take (per 100 KB for longer ones): over a hundred
 * times the slowest we know of (a 100 KB window takes about 3 s on one busy
 * core), so that only a runaway reaches it.
 */
const DEFAULT_DOC_TIMEOUT_S = 300;

interface ExtractFlags extends ModelFlags {
  out: string;
  workers?: number;
  workerMemory: number;
  batchSize: number;
  force: boolean;
  quiet: boolean;
  maxBytes: number;
  docTimeout: number;
  keepStale: boolean;
}

/** The flags withModelOptions adds: how the pipeline is built (shared with `submit`). */
export interface ModelFlags {
  kb: string[];
  progressInterval: number;
  entities: string[];
  stanceModel?: string;
  nerModel?: string;
  taggerModel?: string;
  ner?: NerPolicy;
  nerLabels: string[];
  stance?: StancePolicy;
  offline: boolean;
  modelCache?: string;
  attribution: AttributionPolicy;
  attributionModel?: string;
}

export function registerExtract(program: Command): void {
  const command = program
    .command('extract')
    .description('read every document under the paths and write one JSON per document, a manifest and errors.ndjson')
    .argument('<path...>', 'files or folders (searched recursively) of .txt, .md, .html/.htm and .jsonl documents')
    .requiredOption('-o, --out <dir>', 'output folder', outputPathOption('--out'))
    .option(
      '-w, --workers <n>',
      "worker threads processing documents, each with its own pipeline and heap limit (our models' weights are shared) (default $STANCEMAP_WORKERS or the number of cores; 0: in this thread, with no memory guard)",
      nonNegativeInteger,
    )
    .option(
      '--worker-memory <MiB>',
      'heap limit of each worker thread; a document needing more fails with E112',
      positiveInteger,
      DEFAULT_WORKER_HEAP_MB,
    )
    .option('--batch-size <n>', 'documents per batch handed to the models', positiveInteger, 8)
    .option('-f, --force', 'redo documents whose output is already up to date', false)
    .option('-q, --quiet', 'no progress or summary on stderr', false)
    .option('--max-bytes <n>', 'documents larger than this fail with E103 instead of being read', positiveInteger, DEFAULT_MAX_BYTES)
    .option(
      '--doc-timeout <seconds>',
      'time budget of one document (of each started 100 KB of a longer one); one that runs over fails with E111 (with --workers 0, checked between stages only)',
      positiveSeconds,
      DEFAULT_DOC_TIMEOUT_S,
    )
    .option('--keep-stale', 'move articles whose input is gone or now fails to <out>/.stale/ instead of deleting them', false);
  withModelOptions(command).action(async function (this: Command, paths: string[], flags: ExtractFlags) {
    (this as Command & { exitCodeResult?: number }).exitCodeResult = await extract(paths, flags);
  });
}

/** The flags for progress lines, the knowledge base, the recognizers and the models. */
export function withModelOptions(command: Command): Command {
  return command
    .option('--kb <file>', 'extra knowledge-base file (same schema as src/resources/kb/*.json); repeatable', collect, [])
    .option('--progress-interval <seconds>', 'seconds between progress lines when stderr is not a terminal', positiveInteger, 10)
    .option('--entities <list>', `entity recognizers to run, comma-separated, from ${NAMED_RECOGNIZERS.join(',')}`, recognizerList, [
      ...DEFAULT_RECOGNIZERS,
    ])
    .option(
      '--ner-model <dir|hub-id>',
      'token-classification transformer (BERT-style, BIO labels) that joins the entity recognizers: a local folder, or a Hugging Face id[@revision]',
    )
    .option(
      '--ner <policy>',
      `how the learned tagger (or --ner-model) combines with the knowledge base and rules: ${NER_POLICIES.join(' | ')} (default union)`,
      choice(NER_POLICIES),
    )
    .option('--tagger-model <file>', 'a model file from `stancemap train ner` instead of the embedded tagger')
    .option(
      '--ner-labels <file>',
      "extra label map for --ner-model's label types (format of src/resources/transformer/ner-labels.json); repeatable",
      collect,
      [],
    )
    .option(
      '--stance-model <file|dir|hub-id>',
      'label statements with a model: a file from `stancemap train stance`, or a zero-shot NLI transformer (local folder or hub id[@revision])',
    )
    .option(
      '--stance <policy>',
      `how an NLI --stance-model combines with the rules' labels: ${STANCE_POLICIES.join(' | ')} (default rules-first)`,
      choice(STANCE_POLICIES),
    )
    .option(
      '--attribution <policy>',
      `how the learned attribution model combines with the statement rules: ${ATTRIBUTION_POLICIES.join(' | ')}`,
      choice(ATTRIBUTION_POLICIES),
      DEFAULT_ATTRIBUTION_POLICY,
    )
    .option('--attribution-model <file>', 'a model file from `stancemap train attribution` instead of the embedded one')
    .option('--offline', 'never use the network: hub ids must already be in the model cache (also STANCEMAP_OFFLINE=1)', false)
    .option(
      '--model-cache <dir>',
      'where hub models are downloaded and looked for (default $STANCEMAP_MODEL_CACHE or ~/.cache/stancemap/models)',
    );
}

/**
 * The extract command: checks the flags, locks the output folder (before the
 * models load, so that a second run into it is refused at once), builds the
 * pipeline, runs it over the paths and reports on stderr; returns the exit
 * code. SIGINT and SIGTERM stop it cleanly (interrupt.ts).
 */
async function extract(paths: string[], flags: ExtractFlags): Promise<number> {
  const interrupter = interruptOnSignals();
  try {
    checkInputs(paths);
    await prepareOutput(flags.out);
    const lock = await lockOutputFolder(flags.out, 'stancemap extract', warn);
    interrupter.beforeExit = () => lock.releaseSync();
    try {
      return await extractLocked(paths, flags, { lock, interrupter });
    } finally {
      await lock.release();
    }
  } finally {
    interrupter.dispose();
  }
}

async function extractLocked(paths: string[], flags: ExtractFlags, held: { lock: OutputLock; interrupter: Interrupter }): Promise<number> {
  const processor = await startProcessor(modelPipelineOptions(flags), {
    workers: flags.workers ?? defaultWorkers(),
    heapMb: flags.workerMemory,
    docTimeoutMs: flags.docTimeout * 1000,
  });
  try {
    if (!flags.quiet) reportConfiguration(processor.description);
    const progress = flags.quiet ? undefined : createProgress(process.stderr, { intervalMs: flags.progressInterval * 1000 });
    const result = await runExtract(processor, {
      inputs: paths,
      outDir: flags.out,
      batchSize: flags.batchSize,
      force: flags.force,
      maxBytes: flags.maxBytes,
      keepStale: flags.keepStale,
      signal: held.interrupter.signal,
      lock: held.lock,
      ...(progress ? { progress } : {}),
    });
    if (!flags.quiet) reportSummary(result.manifest, flags.out);
    return result.exitCode;
  } finally {
    await processor.close();
  }
}

function warn(message: string): void {
  process.stderr.write(`stancemap: warning: ${message}\n`);
}

/** The model flags, checked, as pipeline options (extract's and submit's). */
export function modelPipelineOptions(flags: ModelFlags): TransformerPipelineOptions {
  const stanceIsFile = flags.stanceModel !== undefined && existsSync(flags.stanceModel) && statSync(flags.stanceModel).isFile();
  checkFlagCombinations(flags, stanceIsFile);
  return pipelineOptions(flags, stanceIsFile);
}

/**
 * Even one worker is a thread: its heap limit bounds the memory a document
 * can take, and the main thread stays small. 0 runs the pipeline in this
 * thread (no thread to start, no guard), as an embedding program would.
 */
async function startProcessor(options: TransformerPipelineOptions, pool: PoolOptions): Promise<DocumentProcessor> {
  if (pool.workers === 0) {
    const { buildPipelineWithModels } = await import('../pipeline/default.js');
    return inThisThread(await buildPipelineWithModels(options), pool.docTimeoutMs);
  }
  return startWorkerPool(options, pool);
}

/** Flags that mean nothing without another one: a usage error (E001) rather than a silent no-op. */
function checkFlagCombinations(flags: ModelFlags, stanceIsFile: boolean): void {
  if (flags.ner !== undefined && flags.nerModel === undefined && !flags.entities.includes('tagger'))
    throw new FatalError('E001', '--ner needs the tagger among --entities, or --ner-model');
  if (flags.attributionModel !== undefined && flags.attribution === 'rules')
    throw new FatalError('E001', '--attribution-model has no effect with --attribution rules');
  if (flags.stance !== undefined && (flags.stanceModel === undefined || stanceIsFile))
    throw new FatalError('E001', '--stance needs an NLI --stance-model (a model folder or hub id)');
}

/** The flags as pipeline options. A --stance-model file is a trained stance model; anything else names an NLI transformer. */
function pipelineOptions(flags: ModelFlags, stanceIsFile: boolean): TransformerPipelineOptions {
  return {
    kbFiles: flags.kb,
    entityRecognizers: flags.entities,
    attributionPolicy: flags.attribution,
    ...(flags.attributionModel !== undefined ? { attributionModel: flags.attributionModel } : {}),
    ...(stanceIsFile ? { stanceModel: flags.stanceModel! } : {}),
    nerPolicy: flags.ner ?? 'union',
    ...(flags.taggerModel !== undefined ? { taggerModel: flags.taggerModel } : {}),
    ...(flags.nerModel !== undefined ? { nerModelSpec: flags.nerModel, ner: { labelFiles: flags.nerLabels } } : {}),
    ...(flags.stanceModel !== undefined && !stanceIsFile
      ? { nliModelSpec: flags.stanceModel, nli: { policy: flags.stance ?? 'rules-first' } }
      : {}),
    offline: flags.offline || offlineFromEnv(),
    ...(flags.modelCache !== undefined ? { cacheDir: resolve(flags.modelCache) } : {}),
  };
}

/** The transformer models in use and the configuration's notices, on stderr before the run. */
function reportConfiguration(description: PipelineDescription): void {
  for (const model of description.models.filter((m) => m.kind === 'transformer'))
    process.stderr.write(`stancemap: model ${model.name} (${model.version})\n`);
  for (const notice of description.notices) process.stderr.write(`stancemap: note: ${notice}\n`);
}

/** The run's counts and its first ten failures, on stderr after the run. */
export function reportSummary(manifest: Manifest, outDir: string): void {
  const c = manifest.counts;
  process.stderr.write(
    `stancemap: ${c.read} read, ${c.written} written, ${c.unchanged} unchanged, ${c.failed} failed, ${c.skipped} skipped` +
      ` in ${(manifest.durationMs / 1000).toFixed(1)}s → ${outDir}/manifest.json\n`,
  );
  const stale = manifest.staleOutputs ?? [];
  if (stale.length > 0) {
    const where = stale[0]!.movedTo === null ? 'removed' : `moved to ${outDir}/.stale/`;
    process.stderr.write(`  ${stale.length} stale article(s) ${where}: their input is gone or now fails\n`);
  }
  if (manifest.interrupted)
    process.stderr.write(
      `  interrupted by ${manifest.interrupted}: the manifest covers the documents read before it; stale articles were left\n`,
    );
  for (const failure of manifest.failures.slice(0, 10)) {
    process.stderr.write(`  failed: ${failure.path}${failure.line ? `:${failure.line}` : ''}: ${failure.reason}\n`);
  }
  if (manifest.failures.length > 10) process.stderr.write(`  … ${manifest.failures.length - 10} more in ${outDir}/errors.ndjson\n`);
}

/** $STANCEMAP_WORKERS where set (containers whose CPU quota the core count does not show), else every core. */
export function defaultWorkers(): number {
  const fromEnv = process.env.STANCEMAP_WORKERS;
  if (fromEnv === undefined || fromEnv === '') return availableParallelism();
  try {
    return nonNegativeInteger(fromEnv);
  } catch {
    throw new FatalError('E001', `STANCEMAP_WORKERS must be a whole number of 0 or more; got "${fromEnv}"`);
  }
}

function recognizerList(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !NAMED_RECOGNIZERS.includes(n));
  if (unknown.length > 0 || names.length === 0)
    throw new InvalidArgumentError(`expected some of ${NAMED_RECOGNIZERS.join(', ')}; got "${value}"`);
  return names;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}; got "${value}"`);
    return value as T;
  };
}
