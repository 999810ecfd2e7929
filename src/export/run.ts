import { DocumentError } from '../errors.js';
import type { ProgressCounts, ProgressReporter } from '../pipeline/progress.js';
import { loadKnowledgeBase } from '../resources/kb.js';
import { checkOutputFolder, readManifest, readOutputFolder, type ManifestResult, type OutputFile } from './output-folder.js';
import { documentRows, sharedRows } from './rows.js';
import { rowCount } from './tables.js';
import { openTarget, type ExportTarget, type TargetSpec } from './target.js';
import { pauseHookFromEnv } from './test-pause.js';

export interface ExportOptions {
  /** The output folder of `stancemap extract`. */
  root: string;
  target: TargetSpec;
  /** Extra knowledge-base files, as given to extract with --kb. */
  kbFiles: readonly string[];
  progress?: ProgressReporter;
  /** Where per-file errors and notes go as they happen (stderr in the CLI). */
  report: (line: string) => void;
}

export interface ExportCounts {
  /** .json files other than the manifest */
  read: number;
  written: number;
  unchanged: number;
  failed: number;
  /** files that are not .json, left alone */
  skipped: number;
  /** rows written for the documents written */
  rows: number;
}

export interface ExportResult {
  target: string;
  counts: ExportCounts;
  durationMs: number;
  failures: DocumentError[];
  /** CONTRACT.md: 0 when every file was exported, 2 when some failed. */
  exitCode: 0 | 2;
}

/**
 * Exports an output folder: the knowledge base and the run first, then one
 * article at a time, each in its own transaction. A file that is not an
 * article, or a document the database refuses, is reported and counted; the
 * rest goes on. Anything else is fatal and leaves every completed document
 * in place (file targets: the previous files).
 */
export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const started = Date.now();
  await checkOutputFolder(options.root);
  const kb = loadKnowledgeBase(options.kbFiles);
  const failures: DocumentError[] = [];
  const run = await manifestOf(options, failures);
  const pause = pauseHookFromEnv(process.env);
  const target = await openTarget(options.target, pause ? { midDocument: pause } : {});
  const counts: ExportCounts = { read: 0, written: 0, unchanged: 0, failed: failures.length, skipped: 0, rows: 0 };
  try {
    await target.prepare(sharedRows(kb, run));
    for await (const file of readingAhead(readOutputFolder(options.root))) {
      const failure = await exportFile({ file, target, runId: run?.runId ?? null }, counts);
      if (failure !== undefined) {
        failures.push(failure);
        counts.failed += 1;
        options.report(failure.message);
      }
      options.progress?.update(progressCounts(counts));
    }
  } catch (error) {
    await target.close(false);
    throw error;
  }
  await target.close(true);
  options.progress?.finish(progressCounts(counts));
  const exitCode = failures.length > 0 ? 2 : 0;
  return { target: target.label, counts, durationMs: Date.now() - started, failures, exitCode };
}

async function manifestOf(options: ExportOptions, failures: DocumentError[]): Promise<ManifestResult> {
  const result = await readManifest(options.root);
  if (result === null) {
    options.report(`note: ${options.root} has no manifest.json; documents are exported without a run`);
    return null;
  }
  if ('error' in result) {
    failures.push(result.error);
    options.report(result.error.message);
    return null;
  }
  return result;
}

/** Exports one file of the folder and counts it; returns its failure, if it failed. */
async function exportFile(
  job: { file: OutputFile; target: ExportTarget; runId: string | null },
  counts: ExportCounts,
): Promise<DocumentError | undefined> {
  const { file } = job;
  if (file.kind === 'skipped') {
    counts.skipped += 1;
    return undefined;
  }
  counts.read += 1;
  if (file.kind === 'failed') return file.error;
  const rows = documentRows(file.article, file.sha256, job.runId);
  try {
    const outcome = await job.target.write(rows);
    counts[outcome] += 1;
    if (outcome === 'written') counts.rows += rowCount(rows);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return new DocumentError(error.code, `${file.path}: ${error.detail}`);
  }
  return undefined;
}

/**
 * Reads and validates the next file while the current one is written, so
 * that a database's round trips overlap with the parsing: two articles in
 * memory at most.
 */
async function* readingAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done === true) return;
      next = source.next();
      // Handled where it is awaited; this only keeps a read abandoned by a fatal error from being an unhandled rejection.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await source.return(undefined);
  }
}

function progressCounts(c: ExportCounts): ProgressCounts {
  return { done: c.read, total: null, written: c.written, unchanged: c.unchanged, failed: c.failed };
}
