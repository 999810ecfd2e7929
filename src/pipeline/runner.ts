import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import type { WireDocument } from '../document/packed-text.js';
import { DocumentError, FatalError, describeError, type DocumentErrorCode } from '../errors.js';
import { writeArticleAtomic, writeFileAtomic } from '../io/atomic.js';
import { writeJsonFileAtomic } from '../io/json-writer.js';
import { acquireOutputLock, type OutputLock } from '../io/output-lock.js';
import { walkInputs, type InputItem } from '../io/sources.js';
import type { DocumentOutcome, Failure, Manifest } from '../schema/manifest.js';
import { TOOL_VERSION } from '../version.js';
import type { DocumentProcessor, PipelineDescription, ProcessedDocument } from './processor.js';
import { settleStaleOutputs, surveyOutputFolder } from './output-folder.js';
import { silentProgress, type ProgressCounts, type ProgressReporter } from './progress.js';

export interface ExtractOptions {
  inputs: string[];
  outDir: string;
  batchSize: number;
  force: boolean;
  maxBytes: number;
  /** Move stale articles under `<outDir>/.stale/` instead of deleting them. */
  keepStale?: boolean;
  progress?: ProgressReporter;
  /**
   * Aborted (with the signal's name as its reason) to stop the run early: no
   * further input is read, the documents already handed out are finished and
   * the manifest says the run was interrupted.
   */
  signal?: AbortSignal;
  /** The folder's lock, when the caller took it; else the run takes and releases it. */
  lock?: OutputLock;
  /** Told when the run takes over a stale lock. */
  warn?: (message: string) => void;
}

export type Interruption = 'SIGINT' | 'SIGTERM';

export interface ExtractResult {
  manifest: Manifest;
  /**
   * 0: every document done; 2: the run finished but some documents failed
   * (CONTRACT.md); 128 + the signal's number (130, 143) when a signal stopped it.
   */
  exitCode: number;
}

/** docIds whose output file would collide with the run's own files. */
export const RESERVED_DOC_IDS: ReadonlySet<string> = new Set(['manifest']);

type DocumentItem = Extract<InputItem, { kind: 'document' }>;

/** Where a failure happened: the input file, the document's id and its line in a `.jsonl` file. */
type Where = Pick<Failure, 'path' | 'docId' | 'line'>;

/** What a run has tallied so far, and where its progress is reported. */
interface RunState {
  readonly counts: Manifest['counts'];
  readonly failures: Failure[];
  readonly documents: DocumentOutcome[];
  readonly warnings: Manifest['warnings'];
  readonly skippedFiles: string[];
  readonly progress: ProgressReporter;
  /** Documents in the inputs, when a progress reporter was asked for. */
  readonly total: number | null;
}

/** One run: what processes its documents, the options it was called with, and its tallies. */
interface Run {
  readonly processor: DocumentProcessor;
  readonly options: ExtractOptions;
  readonly state: RunState;
}

/** A document that loaded and needs processing, with the input item it came from. */
interface LoadedDocument {
  item: DocumentItem;
  doc: WireDocument;
}

/**
 * Extracts every document under the inputs into `outDir`: a streamed walk,
 * batches handed to the processor (this thread or a pool of worker threads)
 * through a p-queue that keeps each worker fed and no more, atomic writes,
 * documents whose content and pipeline are unchanged skipped (unless
 * `force`), and a manifest plus errors.ndjson at the end. The folder is
 * locked for the run; leftovers of a killed run are swept at the start, and
 * articles the run did not produce are removed at the end, so that the
 * folder holds what the manifest lists.
 */
export async function runExtract(processor: DocumentProcessor, options: ExtractOptions): Promise<ExtractResult> {
  const startedAt = new Date();
  checkInputs(options.inputs);
  await prepareOutput(options.outDir);
  const lock = options.lock ?? (await lockOutputFolder(options.outDir, 'stancemap extract', options.warn));
  try {
    const existing = await surveyOutputFolder(options.outDir);
    const state: RunState = {
      counts: { read: 0, written: 0, skipped: 0, failed: 0, unchanged: 0, warnings: 0 },
      failures: [],
      documents: [],
      warnings: [],
      skippedFiles: [],
      progress: options.progress ?? silentProgress,
      total: options.progress ? await countDocuments(options.inputs) : null,
    };
    const run: Run = { processor, options, state };
    await extractAll(run);
    return await finishRun(run, existing, startedAt);
  } finally {
    if (options.lock === undefined) await lock.release();
  }
}

/** Inputs that do not exist stop the run before anything is written (E002). */
export function checkInputs(inputs: readonly string[]): void {
  for (const input of inputs) {
    if (!existsSync(input)) throw new FatalError('E002', input);
  }
}

/** Takes the output folder's lock for `command` (the folder must exist: prepareOutput), telling `warn` about a stale one taken over. */
export async function lockOutputFolder(outDir: string, command: string, warn: (message: string) => void = () => {}): Promise<OutputLock> {
  const lock = await acquireOutputLock(outDir, command);
  const stale = lock.tookOverFrom;
  if (stale) warn(`took over the lock of ${outDir} left by pid ${stale.pid} (since ${stale.startedAt}), which no longer runs`);
  return lock;
}

/**
 * The end of a run: stale articles settled (not after an interruption, which
 * read only part of the inputs), then errors.ndjson and the manifest.
 */
async function finishRun(run: Run, existing: readonly string[], startedAt: Date): Promise<ExtractResult> {
  const { options, state } = run;
  state.progress.finish(progressCounts(state));
  sortOutcomes(state);
  const interrupted = interruptionOf(options.signal);
  const stale = interrupted
    ? []
    : await settleStaleOutputs(options.outDir, existing, keptDocIds(state.documents, existing), options.keepStale ?? false);
  const manifest = { ...buildManifest(run, startedAt, new Date()), staleOutputs: stale, interrupted };
  await writeRunFiles(options.outDir, manifest);
  const exitCode = interrupted ? exitCodeOf(interrupted) : state.counts.failed > 0 ? 2 : 0;
  return { manifest, exitCode };
}

/** The shell's code for a process a signal stopped: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function exitCodeOf(interruption: Interruption): number {
  return 128 + constants.signals[interruption];
}

function interruptionOf(signal: AbortSignal | undefined): Interruption | null {
  if (!signal?.aborted) return null;
  return signal.reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
}

/**
 * The articles already in the folder that the run keeps: written again or
 * found unchanged. Only those are gathered, so that a run into a fresh
 * folder builds no set of all its ids at the end.
 */
function keptDocIds(documents: readonly DocumentOutcome[], existing: readonly string[]): Set<string> {
  const before = new Set(existing);
  const kept = new Set<string>();
  for (const d of documents) if (d.docId !== null && d.status !== 'failed' && before.has(d.docId)) kept.add(d.docId);
  return kept;
}

/** errors.ndjson (one failure a line), then manifest.json: the run's own files, shared with the distributed mode's collector. */
export async function writeRunFiles(outDir: string, manifest: Manifest): Promise<void> {
  const { failures } = manifest;
  await writeFileAtomic(join(outDir, 'errors.ndjson'), failures.map((f) => JSON.stringify(f)).join('\n') + (failures.length ? '\n' : ''));
  // The same bytes as JSON.stringify(manifest, null, 2), written item by item (json-writer.ts).
  await writeJsonFileAtomic(join(outDir, 'manifest.json'), manifest);
}

/** Walks the inputs, gathers admitted documents into batches and queues each batch; resolves once every batch is done. */
async function extractAll(run: Run): Promise<void> {
  const { options, state } = run;
  const seen = new Map<string, string>();
  // Two batches per worker: one being processed, one ready for when it finishes.
  const inFlight = Math.max(1, run.processor.workers) * 2;
  const queue = new PQueue({ concurrency: inFlight });
  let batch: DocumentItem[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    await queue.onSizeLessThan(inFlight);
    if (options.signal?.aborted) return unread(state, current);
    void queue
      .add(() => processBatch(run, current))
      .catch((error: unknown) => {
        // processBatch reports its own failures; this is the last guard, so one batch can never stop the run.
        for (const item of current) recordError(state, whereOf(item), error, 'E109');
      });
  };

  for await (const item of walkInputs(options.inputs, { maxBytes: options.maxBytes })) {
    if (options.signal?.aborted) break;
    const admitted = admitItem(state, seen, item);
    if (admitted === null) continue;
    batch.push(admitted);
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  await queue.onIdle();
}

/** Documents gathered but not handed out when the run was stopped: not read after all, so that the counts add up. */
function unread(state: RunState, items: readonly DocumentItem[]): void {
  state.counts.read -= items.length;
}

/**
 * Tallies one walked item: a skipped file or a failed item is recorded, as is
 * a document whose id an earlier one already produced (E106) or that is
 * reserved (E107); any other document is returned, to be batched, and its id
 * is remembered in `seen`.
 */
function admitItem(state: RunState, seen: Map<string, string>, item: InputItem): DocumentItem | null {
  if (item.kind === 'skipped') {
    state.counts.skipped++;
    state.skippedFiles.push(item.path);
    return null;
  }
  state.counts.read++;
  if (item.kind === 'failed') {
    recordFailure(state, { path: item.path, docId: item.docId, line: item.line, code: item.error.code, reason: item.error.message });
    return null;
  }
  const where = whereOf(item);
  const earlier = seen.get(item.docId);
  if (earlier !== undefined) {
    recordError(state, where, new DocumentError('E106', `"${item.docId}" is already produced by ${earlier}`), 'E106');
    return null;
  }
  if (RESERVED_DOC_IDS.has(item.docId)) {
    recordError(state, where, new DocumentError('E107', `"${item.docId}" is reserved for the run's own files`), 'E107');
    return null;
  }
  seen.set(item.docId, item.line !== undefined ? `${item.path}:${item.line}` : item.path);
  return item;
}

/** Loads a batch, has the processor run the documents that need it and writes each one's output. */
async function processBatch(run: Run, items: DocumentItem[]): Promise<void> {
  const loaded = await loadBatch(run, items);
  if (loaded.length === 0) return;
  const results = await run.processor.process(loaded.map((l) => l.doc));
  for (const [index, { item }] of loaded.entries()) {
    const result = results[index]!;
    if (!result.ok) {
      recordFailure(run.state, { ...whereOf(item), code: result.code, reason: result.reason });
      continue;
    }
    await writeDocument(run, item, result);
  }
}

/** The batch's documents that load and are not unchanged since an earlier run (unless `force`); the others are tallied. */
async function loadBatch(run: Run, items: readonly DocumentItem[]): Promise<LoadedDocument[]> {
  const { processor, options, state } = run;
  const loaded: LoadedDocument[] = [];
  for (const item of items) {
    try {
      const doc = await item.load();
      if (!options.force && (await isUnchanged(outputPath(options.outDir, item.docId), doc.source, processor.description.fingerprint))) {
        state.counts.unchanged++;
        state.documents.push(outcomeOf(item, 'unchanged'));
        state.progress.update(progressCounts(state));
        continue;
      }
      loaded.push({ item, doc });
    } catch (error) {
      recordError(state, whereOf(item), error, 'E104');
    }
  }
  return loaded;
}

/** Writes a processed document atomically, tallying it and its warnings, or the failure (E108). */
async function writeDocument(run: Run, item: DocumentItem, processed: Extract<ProcessedDocument, { ok: true }>): Promise<void> {
  const { options, state } = run;
  try {
    await writeArticleAtomic(outputPath(options.outDir, item.docId), processed.content);
  } catch (error) {
    recordError(state, whereOf(item), new DocumentError('E108', describeError(error)), 'E108');
    return;
  }
  state.counts.written++;
  state.documents.push(outcomeOf(item, 'written'));
  for (const warning of processed.warnings) {
    state.counts.warnings++;
    state.warnings.push({ path: item.path, docId: item.docId, code: warning.code, message: warning.message });
  }
  state.progress.update(progressCounts(state));
}

function whereOf(item: DocumentItem): Where {
  return { path: item.path, docId: item.docId, line: item.line ?? null };
}

/**
 * The manifest's entry for a document, kept until the run ends. Written out
 * as a literal so that every entry shares one hidden class: a spread plus a
 * property gives each object its own (about 230 bytes more a document,
 * 45 MB over 200,000 files; measured).
 */
function outcomeOf(item: DocumentItem, status: DocumentOutcome['status']): DocumentOutcome {
  return { path: item.path, docId: item.docId, line: item.line ?? null, status };
}

function progressCounts(state: RunState): ProgressCounts {
  const { counts } = state;
  return {
    done: counts.written + counts.unchanged + counts.failed,
    total: state.total,
    written: counts.written,
    unchanged: counts.unchanged,
    failed: counts.failed,
  };
}

/** Tallies a failed document and reports progress. */
function recordFailure(state: RunState, failure: Failure): void {
  const { path, docId, line, code, reason } = failure;
  state.counts.failed++;
  state.failures.push({ path, docId, line, code, reason });
  state.documents.push({ path, docId, line, status: 'failed' });
  state.progress.update(progressCounts(state));
}

/** Tallies a failed document from an error: a DocumentError as it is, anything else as `fallback` with the error's description. */
function recordError(state: RunState, where: Where, error: unknown, fallback: DocumentErrorCode): void {
  const documentError = error instanceof DocumentError ? error : new DocumentError(fallback, describeError(error));
  recordFailure(state, { path: where.path, docId: where.docId, line: where.line, code: documentError.code, reason: documentError.message });
}

/** Failures and documents by path then line, warnings by docId, so the run's files do not depend on batch timing. */
export function sortOutcomes(state: Pick<RunState, 'failures' | 'warnings'> & Partial<Pick<RunState, 'documents'>>): void {
  const byPlace = (a: { path: string; line: number | null }, b: { path: string; line: number | null }) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0);
  state.failures.sort(byPlace);
  state.documents?.sort(byPlace);
  state.warnings.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
}

/** The manifest's account of the tool and the pipeline, the same for a local run and a distributed one. */
export function manifestPipelineFields(
  description: PipelineDescription,
): Pick<Manifest, 'schemaVersion' | 'tool' | 'pipeline' | 'models' | 'knowledgeBase'> {
  return {
    schemaVersion: 1,
    tool: { name: 'stancemap', version: TOOL_VERSION },
    pipeline: { fingerprint: description.fingerprint, stages: description.stages },
    models: description.models.map((m) => ({
      name: m.name,
      version: m.version,
      kind: m.kind,
      ...(m.resources ? { resources: m.resources } : {}),
    })),
    knowledgeBase: description.knowledgeBase,
  };
}

function buildManifest(run: Run, startedAt: Date, finishedAt: Date): Manifest {
  const { processor, options, state } = run;
  return {
    ...manifestPipelineFields(processor.description),
    inputs: options.inputs,
    output: options.outDir,
    options: {
      workers: processor.workers,
      batchSize: options.batchSize,
      force: options.force,
      maxBytes: options.maxBytes,
      docTimeout: processor.docTimeoutMs === null ? null : processor.docTimeoutMs / 1000,
      keepStale: options.keepStale ?? false,
    },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    counts: state.counts,
    failures: state.failures,
    warnings: state.warnings,
    skippedFiles: state.skippedFiles,
    documents: state.documents,
  };
}

export function outputPath(outDir: string, docId: string): string {
  return join(outDir, `${docId}.json`);
}

export async function prepareOutput(outDir: string): Promise<void> {
  const probe = join(outDir, `.stancemap-probe-${process.pid}`);
  try {
    await writeFileAtomic(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new FatalError('E003', `${resolve(outDir)}: ${describeError(error)}`);
  }
}

/** What an output says of its source: the fields a re-run compares, since each of them is written into the article. */
interface SourceIdentity {
  path: string;
  sha256: string;
  format: string;
  line?: number | undefined;
}

/**
 * An output already there for the same source and the same pipeline: nothing
 * to redo. The same content under another path or format is not the same:
 * the article records both (a `.txt` renamed `.md` is also read differently).
 */
export async function isUnchanged(path: string, source: SourceIdentity, fingerprint: string): Promise<boolean> {
  try {
    const previous = JSON.parse(await readFile(path, 'utf8')) as { source?: Partial<SourceIdentity>; pipeline?: { fingerprint?: string } };
    const was = previous.source;
    return (
      was?.sha256 === source.sha256 &&
      was.path === source.path &&
      was.format === source.format &&
      was.line === source.line &&
      previous.pipeline?.fingerprint === fingerprint
    );
  } catch {
    return false;
  }
}

/**
 * How many documents the inputs hold, for the progress total: a walk over
 * names and `.jsonl` lines that reads no file other than those.
 */
async function countDocuments(inputs: readonly string[]): Promise<number> {
  let total = 0;
  for await (const item of walkInputs(inputs, { maxBytes: Number.MAX_SAFE_INTEGER })) {
    if (item.kind !== 'skipped') total++;
  }
  return total;
}
