import type { Document, DocumentWarning } from '../document/types.js';
import { DocumentError, describeError, type DocumentErrorCode } from '../errors.js';
import { serializeArticle, toArticle } from '../io/article.js';
import type { ModelInfo } from '../models/types.js';
import type { KnowledgeBase } from '../resources/kb.js';
import type { ArticleContent } from '../io/atomic.js';
import type { BuiltPipeline } from './default.js';
import { describeFailure, type DocumentFailure, type Pipeline } from './pipeline.js';
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
  /** One result per document, in order. */
  process(docs: Document[]): Promise<ProcessedDocument[]>;
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
 */
export async function processDocuments(pipeline: Pipeline, docs: Document[], windows = DEFAULT_WINDOWS): Promise<ProcessedDocument[]> {
  const short = docs.filter((doc) => doc.text.length <= windows.size);
  const failures = await pipeline.process(short);
  const results: ProcessedDocument[] = [];
  for (const doc of docs) {
    if (doc.text.length > windows.size) {
      results.push(await processInWindows(pipeline, doc, windows));
      continue;
    }
    const failure = failures.find((f) => f.doc === doc);
    results.push(failure ? pipelineFailure(failure) : serialized(doc, pipeline.fingerprint));
  }
  return results;
}

async function processInWindows(pipeline: Pipeline, doc: Document, settings: WindowSettings): Promise<ProcessedDocument> {
  const article = await LongArticle.start(doc);
  try {
    for (const window of windowsOf(doc.text, settings)) {
      const part = windowDocument(doc, window);
      const [failure] = await pipeline.process([part]);
      if (failure) {
        await article.discard();
        return pipelineFailure({ ...failure, doc }, ` (in the window at characters ${window.start}–${window.end})`);
      }
      await article.add(part, window);
    }
    return { ok: true, content: { spooled: await article.write(pipeline.fingerprint) }, warnings: article.allWarnings };
  } catch (error) {
    await article.discard();
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

/** The pipeline run in this thread. */
export function inThisThread(built: BuiltPipeline): DocumentProcessor {
  return {
    description: describePipeline(built),
    workers: 0,
    process: (docs) => processDocuments(built.pipeline, docs),
    close: async () => {},
  };
}
