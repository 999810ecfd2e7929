import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import type { Document } from '../document/types.js';
import { DocumentError, FatalError, describeError, type DocumentErrorCode } from '../errors.js';
import { serializeArticle, toArticle } from '../io/article.js';
import { writeFileAtomic } from '../io/atomic.js';
import { walkInputs, type InputItem } from '../io/sources.js';
import type { KnowledgeBase } from '../resources/kb.js';
import type { Failure, Manifest } from '../schema/manifest.js';
import { TOOL_VERSION } from '../version.js';
import { describeFailure, type Pipeline } from './pipeline.js';
import { silentProgress, type ProgressCounts, type ProgressReporter } from './progress.js';

export interface ExtractOptions {
  inputs: string[];
  outDir: string;
  concurrency: number;
  batchSize: number;
  force: boolean;
  maxBytes: number;
  progress?: ProgressReporter;
  knowledgeBase?: KnowledgeBase;
}

export interface ExtractResult {
  manifest: Manifest;
  /** 0: every document done; 2: the run finished but some documents failed (CONTRACT.md). */
  exitCode: 0 | 2;
}

/** docIds whose output file would collide with the run's own files. */
const RESERVED_DOC_IDS = new Set(['manifest']);

type DocumentItem = Extract<InputItem, { kind: 'document' }>;

/**
 * Extracts every document under the inputs into `outDir`: a streamed walk,
 * batches processed by a p-queue with bounded concurrency, atomic writes,
 * documents whose content and pipeline are unchanged skipped (unless
 * `force`), and a manifest plus errors.ndjson at the end.
 */
export async function runExtract(pipeline: Pipeline, options: ExtractOptions): Promise<ExtractResult> {
  const startedAt = new Date();
  const progress = options.progress ?? silentProgress;
  for (const input of options.inputs) {
    if (!existsSync(input)) throw new FatalError('E002', input);
  }
  await prepareOutput(options.outDir);

  const counts = { read: 0, written: 0, skipped: 0, failed: 0, unchanged: 0, warnings: 0 };
  const failures: Failure[] = [];
  const warnings: Manifest['warnings'] = [];
  const skippedFiles: string[] = [];
  const seen = new Map<string, string>();
  const total = options.progress ? await countDocuments(options.inputs) : null;
  const report = (): ProgressCounts => ({
    done: counts.written + counts.unchanged + counts.failed,
    total,
    written: counts.written,
    unchanged: counts.unchanged,
    failed: counts.failed,
  });

  const fail = (path: string, docId: string | null, line: number | null, code: string, reason: string) => {
    counts.failed++;
    failures.push({ path, docId, line, code, reason });
    progress.update(report());
  };
  const failWith = (item: { path: string; docId: string | null; line: number | null }, error: unknown, fallback: DocumentErrorCode) => {
    const documentError = error instanceof DocumentError ? error : new DocumentError(fallback, describeError(error));
    fail(item.path, item.docId, item.line, documentError.code, documentError.message);
  };

  const processBatch = async (items: DocumentItem[]) => {
    const loaded: Array<{ item: DocumentItem; doc: Document }> = [];
    for (const item of items) {
      const where = { path: item.path, docId: item.docId, line: item.line ?? null };
      try {
        const doc = await item.load();
        if (!options.force && (await isUnchanged(outputPath(options.outDir, item.docId), doc.source.sha256, pipeline.fingerprint))) {
          counts.unchanged++;
          progress.update(report());
          continue;
        }
        loaded.push({ item, doc });
      } catch (error) {
        failWith(where, error, 'E104');
      }
    }
    const failed = await pipeline.process(loaded.map((l) => l.doc));
    for (const { item, doc } of loaded) {
      const where = { path: item.path, docId: item.docId, line: item.line ?? null };
      const failure = failed.find((f) => f.doc === doc);
      if (failure) {
        fail(where.path, where.docId, where.line, 'E109', `E109 pipeline error: ${describeFailure(failure)}`);
        continue;
      }
      let content: string;
      try {
        content = serializeArticle(toArticle(doc, pipeline.fingerprint));
      } catch (error) {
        failWith(where, error, 'E110');
        continue;
      }
      try {
        await writeFileAtomic(outputPath(options.outDir, item.docId), content);
      } catch (error) {
        failWith(where, new DocumentError('E108', describeError(error)), 'E108');
        continue;
      }
      counts.written++;
      for (const warning of doc.warnings) {
        counts.warnings++;
        warnings.push({ path: item.path, docId: item.docId, code: warning.code, message: warning.message });
      }
      progress.update(report());
    }
  };

  const queue = new PQueue({ concurrency: options.concurrency });
  let batch: DocumentItem[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    await queue.onSizeLessThan(options.concurrency);
    void queue.add(() => processBatch(current)).catch((error: unknown) => {
      // processBatch reports its own failures; this is the last guard, so one batch can never stop the run.
      for (const item of current) failWith({ path: item.path, docId: item.docId, line: item.line ?? null }, error, 'E109');
    });
  };

  for await (const item of walkInputs(options.inputs, { maxBytes: options.maxBytes })) {
    if (item.kind === 'skipped') {
      counts.skipped++;
      skippedFiles.push(item.path);
      continue;
    }
    counts.read++;
    if (item.kind === 'failed') {
      fail(item.path, item.docId, item.line, item.error.code, item.error.message);
      continue;
    }
    const where = { path: item.path, docId: item.docId, line: item.line ?? null };
    const earlier = seen.get(item.docId);
    if (earlier !== undefined) {
      failWith(where, new DocumentError('E106', `"${item.docId}" is already produced by ${earlier}`), 'E106');
      continue;
    }
    if (RESERVED_DOC_IDS.has(item.docId)) {
      failWith(where, new DocumentError('E107', `"${item.docId}" is reserved for the run's own files`), 'E107');
      continue;
    }
    seen.set(item.docId, item.line !== undefined ? `${item.path}:${item.line}` : item.path);
    batch.push(item);
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  await queue.onIdle();
  progress.finish(report());

  failures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  warnings.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
  const finishedAt = new Date();
  const manifest: Manifest = {
    schemaVersion: 1,
    tool: { name: 'stancemap', version: TOOL_VERSION },
    pipeline: { fingerprint: pipeline.fingerprint, stages: pipeline.stages.map((s) => s.name) },
    models: pipeline.models.map((m) => ({ name: m.name, version: m.version, kind: m.kind, ...(m.resources ? { resources: m.resources } : {}) })),
    knowledgeBase: options.knowledgeBase?.files ?? [],
    inputs: options.inputs,
    output: options.outDir,
    options: { concurrency: options.concurrency, batchSize: options.batchSize, force: options.force, maxBytes: options.maxBytes },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    counts,
    failures,
    warnings,
    skippedFiles,
  };
  await writeFileAtomic(join(options.outDir, 'errors.ndjson'), failures.map((f) => JSON.stringify(f)).join('\n') + (failures.length ? '\n' : ''));
  await writeFileAtomic(join(options.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, exitCode: counts.failed > 0 ? 2 : 0 };
}

export function outputPath(outDir: string, docId: string): string {
  return join(outDir, `${docId}.json`);
}

async function prepareOutput(outDir: string): Promise<void> {
  const probe = join(outDir, `.stancemap-probe-${process.pid}`);
  try {
    await writeFileAtomic(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new FatalError('E003', `${resolve(outDir)}: ${describeError(error)}`);
  }
}

/** An output already there for the same content and the same pipeline: nothing to redo. */
async function isUnchanged(path: string, sha256: string, fingerprint: string): Promise<boolean> {
  try {
    const previous = JSON.parse(await readFile(path, 'utf8')) as { source?: { sha256?: string }; pipeline?: { fingerprint?: string } };
    return previous.source?.sha256 === sha256 && previous.pipeline?.fingerprint === fingerprint;
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
