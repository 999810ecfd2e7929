import { dirname } from 'node:path';
import type { Document, DocumentWarning } from '../document/types.js';
import { textLength, unpackText, type WireDocument } from '../document/packed-text.js';
import { Utf8Text } from '../document/utf8-text.js';
import { DocumentError, describeError, type DocumentErrorCode } from '../errors.js';
import { serializeArticle, toArticle } from '../io/article.js';
import type { ModelInfo } from '../models/types.js';
import type { KnowledgeBase } from '../resources/kb.js';
import type { ArticleContent } from '../io/atomic.js';
import { removeSpoolFolder } from '../io/spool.js';
import type { BuiltPipeline } from './default.js';
import { OverTimeBudget, describeFailure, type DocumentFailure, type Pipeline } from './pipeline.js';
import { LongArticle } from './long-article.js';
import { DEFAULT_WINDOWS, windowDocument, windowsOf, type WindowSettings } from './windows.js';

/**
 * One document's result: its serialized article and warnings, or why it
 * failed. A document processed in windows comes back as a file already
 * written (`spooled`), so that no thread holds its whole article as a string.
 */
export type ProcessedDocument =
  { ok: true; content: ArticleContent; warnings: DocumentWarning[] } | { ok: false; code: DocumentErrorCode; reason: string };

/** What the manifest says about the pipeline that processes a run. */
export interface PipelineDescription {
  fingerprint: string;
  stages: string[];
  models: ModelInfo[];
  knowledgeBase: KnowledgeBase['files'];
  notices: string[];
}

/**
 * Turns loaded documents into serialized articles: in this thread or in a
 * pool of worker threads. The runner lists, schedules and writes; only this
 * does the CPU-heavy work, so the two kinds give byte-identical output.
 */
export interface DocumentProcessor {
  readonly description: PipelineDescription;
  /** Worker threads doing the work (0 when it is done in this thread). */
  readonly workers: number;
  /** Time budget of one document (see budgetUnits), null for none. */
  readonly docTimeoutMs: number | null;
  /** One result per document, in order; a text still in bytes (packed-text.ts) is decoded where it is processed. */
  process(docs: WireDocument[]): Promise<ProcessedDocument[]>;
  close(): Promise<void>;
}

export function describePipeline(built: BuiltPipeline): PipelineDescription {
  const { pipeline, knowledgeBase, notices } = built;
  return {
    fingerprint: pipeline.fingerprint,
    stages: pipeline.stages.map((s) => s.name),
    models: pipeline.models.map((m) => ({ ...m })),
    knowledgeBase: knowledgeBase.files,
    notices,
  };
}

/**
 * Runs the pipeline over a batch and serializes each document that came
 * through (E109 for a stage failure, E110 for serialization). Documents longer
 * than a window go through in windows, one after another, after the others.
 *
 * With `docTimeoutMs`, the batch has one budget per document (per started
 * window for long ones, see budgetUnits), checked between stages; a batch
 * that runs over is redone one document at a time, from fresh copies, so that
 * only the document that ran over its own budget fails (E111).
 */
export async function processDocuments(
  pipeline: Pipeline,
  docs: WireDocument[],
  windows = DEFAULT_WINDOWS,
  docTimeoutMs?: number,
): Promise<ProcessedDocument[]> {
  if (docTimeoutMs === undefined) return processWithin(pipeline, docs, windows);
  const budgetMs = docTimeoutMs * budgetUnits(docs.map(textLength), windows.size);
  // The pipeline fills documents in place: a retry needs them as they were. A long one is only read (its windows are filled).
  const attempt = docs.length > 1 ? docs.map((doc) => (textLength(doc) > windows.size ? doc : structuredClone(doc))) : docs;
  try {
    return await processWithin(pipeline, attempt, windows, performance.now() + budgetMs);
  } catch (error) {
    if (!(error instanceof OverTimeBudget)) throw error;
    if (docs.length === 1) return [failureOf(overTimeBudget(budgetMs, `stopped after stage ${error.stage}`), 'E111')];
    const results: ProcessedDocument[] = [];
    for (const doc of docs) results.push(...(await processDocuments(pipeline, [doc], windows, docTimeoutMs)));
    return results;
  }
}

/**
 * The budgets a batch gets: one per document, and one per started window
 * for a document longer than a window, so that the budget grows with the
 * work (a 2 MB document is 20 windows) and a long document is not failed for
 * its length.
 */
export function budgetUnits(textLengths: readonly number[], windowSize = DEFAULT_WINDOWS.size): number {
  return textLengths.reduce((sum, length) => sum + Math.max(1, Math.ceil(length / windowSize)), 0);
}

/** E111, with the budget in seconds and how the document was stopped. */
export function overTimeBudget(budgetMs: number, how: string): DocumentError {
  return new DocumentError('E111', `over its ${budgetMs / 1000} s budget (--doc-timeout); ${how}`);
}

async function processWithin(
  pipeline: Pipeline,
  docs: WireDocument[],
  windows: WindowSettings,
  deadline?: number,
): Promise<ProcessedDocument[]> {
  // A long text is never one string here: its windows are sliced from its bytes when it came as bytes.
  const loaded = docs.map((doc) => (textLength(doc) > windows.size ? null : unpackText(doc)));
  const failures = await pipeline.process(
    loaded.filter((doc) => doc !== null),
    deadline,
  );
  const results: ProcessedDocument[] = [];
  try {
    for (const [i, doc] of docs.entries()) {
      const short = loaded[i];
      if (!short) {
        results.push(await processInWindows(pipeline, doc, windows, deadline));
        continue;
      }
      const failure = failures.find((f) => f.doc === short);
      results.push(failure ? pipelineFailure(failure) : serialized(short, pipeline.fingerprint));
    }
  } catch (error) {
    // The batch is redone (over its time budget): the long articles already spooled would be left in the temporary folder.
    for (const result of results)
      if (result.ok && typeof result.content !== 'string') await removeSpoolFolder(dirname(result.content.spooled));
    throw error;
  }
  return results;
}

async function processInWindows(
  pipeline: Pipeline,
  doc: WireDocument,
  settings: WindowSettings,
  deadline?: number,
): Promise<ProcessedDocument> {
  const text = doc.packed ? new Utf8Text(doc.packed) : doc.text;
  const article = await LongArticle.start(doc, text);
  try {
    for (const window of windowsOf(text, settings)) {
      const part = windowDocument(doc, text, window);
      const [failure] = await pipeline.process([part], deadline);
      if (failure) {
        await article.discard();
        return pipelineFailure({ ...failure, doc }, ` (in the window at characters ${window.start}–${window.end})`);
      }
      await article.add(part, window);
    }
    return { ok: true, content: { spooled: await article.write(pipeline.fingerprint) }, warnings: article.allWarnings };
  } catch (error) {
    await article.discard();
    // Over the time budget is the caller's to handle (the batch is retried), not a failure of this article.
    if (error instanceof OverTimeBudget) throw error;
    return failureOf(error, 'E110');
  }
}

function pipelineFailure(failure: DocumentFailure, where = ''): ProcessedDocument {
  return { ok: false, code: 'E109', reason: `E109 pipeline error: ${describeFailure(failure)}${where}` };
}

function serialized(doc: Document, fingerprint: string, tokenCount?: number): ProcessedDocument {
  try {
    return { ok: true, content: serializeArticle(toArticle(doc, fingerprint, tokenCount)), warnings: doc.warnings };
  } catch (error) {
    return failureOf(error, 'E110');
  }
}

export function failureOf(error: unknown, fallback: DocumentErrorCode): ProcessedDocument {
  const documentError = error instanceof DocumentError ? error : new DocumentError(fallback, describeError(error));
  return { ok: false, code: documentError.code, reason: documentError.message };
}

/**
 * The pipeline run in this thread. A stage cannot be interrupted here, so a
 * `docTimeoutMs` budget holds between stages only (see processDocuments).
 */
export function inThisThread(built: BuiltPipeline, docTimeoutMs?: number): DocumentProcessor {
  return {
    description: describePipeline(built),
    workers: 0,
    docTimeoutMs: docTimeoutMs ?? null,
    process: (docs) => processDocuments(built.pipeline, docs, DEFAULT_WINDOWS, docTimeoutMs),
    close: async () => {},
  };
}
