import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { FatalError, describeError, type DocumentError } from '../errors.js';
import { checkOutputFolder, readManifest, readOutputFolder } from '../export/output-folder.js';
import { temporaryPathFor } from '../io/atomic.js';
import { DEFAULT_LIMITS, StanceAggregator, type GraphLimits } from './aggregate.js';
import { ArticleIndex, articleView } from './articles.js';
import { ChunkWriter, type ChunkMode } from './chunks.js';
import { LABEL_INDEX, type ReportModel, type RunSummary } from './model.js';
import { renderPage } from './page.js';
import { manifestSummary } from './summary.js';

export interface ReportOptions {
  root: string;
  out: string;
  chunks?: { mode: ChunkMode; size: number; inlineMaxBytes: number };
  limits?: GraphLimits;
  /** Called once per file that is not an article (E113), with a one-line message. */
  report?: (line: string) => void;
}

export interface ReportResult {
  exitCode: 0 | 2;
  articles: number;
  invalid: number;
  chunkDir: string | null;
  bytes: number;
  durationMs: number;
}

/** Article data up to this size is inlined; beyond it the chunks go to a folder beside the report. */
export const DEFAULT_CHUNKS = { mode: 'auto' as ChunkMode, size: 100, inlineMaxBytes: 8 * 1024 * 1024 };

/** The folder of the chunk files: report.html → report-files/. */
export function chunkFolderName(out: string): string {
  return `${basename(out, extname(out))}-files`;
}

/**
 * Reads an output folder once, article by article, into the report model and
 * the article chunks, and writes the page (atomically: a temporary file, then
 * a rename). Files that are not articles fail alone, as in export: exit 2.
 */
export async function writeReport(options: ReportOptions): Promise<ReportResult> {
  const started = Date.now();
  await checkOutputFolder(options.root);
  const manifest = await readManifest(options.root);
  const out = resolve(options.out);
  await mkdir(dirname(out), { recursive: true }).catch((error: unknown) => {
    throw new FatalError('E003', `${dirname(out)}: ${describeError(error)}`);
  });
  const collected = await collect(options, out);
  if (manifest !== null && 'error' in manifest) {
    // A broken manifest costs the summary its run counts, not the report.
    collected.summary.invalid.unshift(invalidEntry(manifest.error, join(options.root, 'manifest.json')));
    options.report?.(manifest.error.message);
  }
  const chunks = await collected.writer.finish();
  const model: ReportModel = {
    generated: new Date().toISOString(),
    source: options.root,
    ...collected.aggregator.graph(options.limits ?? DEFAULT_LIMITS),
    articles: collected.index.entries,
    names: collected.index.names,
    chunkCount: chunks.count,
    chunkDir: chunks.dir,
    summary: { ...collected.summary, manifest: manifestSummary(manifest !== null && 'manifest' in manifest ? manifest.manifest : null) },
  };
  const page = await renderPage(model, chunks.inline);
  await writeAtomically(out, page);
  return {
    exitCode: collected.summary.invalid.length > 0 ? 2 : 0,
    articles: collected.index.entries.length,
    invalid: collected.summary.invalid.length,
    chunkDir: chunks.dir === null ? null : join(dirname(out), chunks.dir),
    bytes: Buffer.byteLength(page),
    durationMs: Date.now() - started,
  };
}

async function collect(options: ReportOptions, out: string) {
  const dirName = chunkFolderName(out);
  const writer = new ChunkWriter({ ...(options.chunks ?? DEFAULT_CHUNKS), dir: join(dirname(out), dirName), dirName });
  await writer.prepare();
  const aggregator = new StanceAggregator();
  const index = new ArticleIndex();
  const summary: Omit<RunSummary, 'manifest'> = { articles: 0, invalid: [], statements: [0, 0, 0], entities: 0 };
  for await (const file of readOutputFolder(options.root)) {
    if (file.kind === 'skipped') continue;
    if (file.kind === 'failed') {
      summary.invalid.push(invalidEntry(file.error, file.path));
      options.report?.(file.error.message);
      continue;
    }
    const { article } = file;
    const actorOf = aggregator.add(article, index.entries.length);
    index.add(article, writer.chunk);
    await writer.add(articleView(article, actorOf));
    summary.articles += 1;
    summary.entities += article.entities.length;
    for (const s of article.statements) summary.statements[LABEL_INDEX[s.label]] += 1;
  }
  return { writer, aggregator, index, summary };
}

function invalidEntry(error: DocumentError, path: string): RunSummary['invalid'][number] {
  return { code: error.code, path, reason: error.detail };
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = temporaryPathFor(path);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new FatalError('E003', `${path}: ${describeError(error)}`);
  }
}
