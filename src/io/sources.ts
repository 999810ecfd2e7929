import { createReadStream } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, extname, join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { createDocument, type Document, type SourceInfo } from '../document/types.js';
import { DocumentError, describeError } from '../errors.js';
import { assertNotEmpty, decodeText } from './decode.js';
import { extractHtml } from './html.js';
import { parseDate } from '../text/dates.js';

export type InputFormat = SourceInfo['format'];

const FORMATS: Record<string, InputFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
};

/** One thing the walk found: a document to load, a file it skips, or a failure it already knows of. */
export type InputItem =
  | { kind: 'document'; docId: string; path: string; line?: number; load: () => Promise<Document> }
  | { kind: 'skipped'; path: string }
  | { kind: 'failed'; path: string; docId: string | null; line: number | null; error: DocumentError };

export interface WalkOptions {
  /** Larger documents fail with E103 instead of being read. */
  maxBytes: number;
}

/**
 * Walks the input paths in a stable order (names sorted by code unit),
 * yielding documents lazily so that no more texts are in memory than the
 * consumer is working on. Hidden files and folders are passed over.
 */
export async function* walkInputs(paths: readonly string[], options: WalkOptions): AsyncGenerator<InputItem> {
  for (const root of paths) {
    const info = await stat(root);
    if (info.isDirectory()) yield* walkDirectory(root, root, options, new Set([await realpath(root)]));
    else yield* fileItems(root, basename(root), options);
  }
}

async function* walkDirectory(root: string, dir: string, options: WalkOptions, visited: Set<string>): AsyncGenerator<InputItem> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    yield {
      kind: 'failed',
      path: dir,
      docId: null,
      line: null,
      error: new DocumentError('E104', `cannot list folder: ${describeError(error)}`),
    };
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const format = FORMATS[extname(name).toLowerCase()];
      if (format) {
        const docId = docIdFor(relative(root, path));
        yield { kind: 'failed', path, docId, line: null, error: new DocumentError('E104', describeError(error)) };
      } else yield { kind: 'skipped', path };
      continue;
    }
    if (info.isDirectory()) {
      const real = await realpath(path);
      if (visited.has(real)) continue;
      visited.add(real);
      yield* walkDirectory(root, path, options, visited);
    } else {
      yield* fileItems(path, relative(root, path), options, info.size);
    }
  }
}

async function* fileItems(path: string, relativePath: string, options: WalkOptions, size?: number): AsyncGenerator<InputItem> {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) {
    yield { kind: 'skipped', path };
    return;
  }
  if (format === 'jsonl') {
    yield* jsonlItems(path, options);
    return;
  }
  const docId = docIdFor(relativePath);
  let bytes = size;
  if (bytes === undefined) {
    try {
      bytes = (await stat(path)).size;
    } catch (error) {
      yield { kind: 'failed', path, docId, line: null, error: new DocumentError('E104', describeError(error)) };
      return;
    }
  }
  if (bytes > options.maxBytes) {
    const error = new DocumentError('E103', `${formatBytes(bytes)} is over the limit of ${formatBytes(options.maxBytes)} (--max-bytes)`);
    yield { kind: 'failed', path, docId, line: null, error };
    return;
  }
  yield { kind: 'document', docId, path, load: () => loadFile(path, docId, format) };
}

/** `a/b.txt` → `a/b`, with forward slashes on every platform. */
export function docIdFor(relativePath: string): string {
  const withoutExtension = relativePath.slice(0, relativePath.length - extname(relativePath).length);
  return withoutExtension.split(sep).join('/');
}

async function loadFile(path: string, docId: string, format: Exclude<InputFormat, 'jsonl'>): Promise<Document> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    throw new DocumentError('E104', describeError(error));
  }
  const { text: decoded, warnings } = decodeText(raw);
  const source: SourceInfo = { path, sha256: sha256(raw), bytes: raw.length, format };
  if (format === 'html') {
    const page = extractHtml(decoded.replace(/^\uFEFF/, ''));
    assertNotEmpty(page.text);
    const date = page.date ? (parseDate(page.date)?.iso ?? null) : null;
    const metadata = {
      ...(page.title ? { title: page.title } : {}),
      ...(page.author ? { author: page.author } : {}),
      ...(date ? { date } : {}),
    };
    return createDocument({ id: docId, text: page.text, source, metadata, warnings });
  }
  assertNotEmpty(decoded);
  return createDocument({ id: docId, text: decoded, source, warnings });
}

const JsonlLine = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string(),
  title: z.string().nullish(),
  date: z.string().nullish(),
  url: z.string().nullish(),
  source: z.string().nullish(),
  author: z.string().nullish(),
});

/** One item per non-blank line; a file that cannot be read to the end fails with E104 at the line it got to. */
async function* jsonlItems(path: string, options: WalkOptions): AsyncGenerator<InputItem> {
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      yield jsonlLineItem({ path, line, at: lineNumber }, options);
    }
  } catch (error) {
    yield { kind: 'failed', path, docId: null, line: lineNumber || null, error: new DocumentError('E104', describeError(error)) };
  }
}

/** A non-blank line of a .jsonl file and its number (from 1). */
interface JsonlLineAt {
  path: string;
  line: string;
  at: number;
}

/** The document on one line, or why the line fails: E103 too large, E105 not a valid record, E107 an id that cannot name a file. */
function jsonlLineItem(where: JsonlLineAt, options: WalkOptions): InputItem {
  const { path, line, at } = where;
  const failed = (code: 'E103' | 'E105' | 'E107', detail: string, docId: string | null = null): InputItem => ({
    kind: 'failed',
    path,
    docId,
    line: at,
    error: new DocumentError(code, `line ${at}: ${detail}`),
  });
  if (Buffer.byteLength(line) > options.maxBytes) {
    return failed('E103', `${formatBytes(Buffer.byteLength(line))} is over the limit of ${formatBytes(options.maxBytes)} (--max-bytes)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return failed('E105', `not valid JSON (${describeError(error)})`);
  }
  const parsed = JsonlLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return failed('E105', `field "${issue.path.join('.') || '(line)'}": ${issue.message}`);
  }
  const record = parsed.data;
  const invalid = invalidDocId(record.id);
  if (invalid) return failed('E107', `id "${record.id}" ${invalid}`, record.id);
  return { kind: 'document', docId: record.id, path, line: at, load: async () => jsonlDocument(where, record) };
}

/** The document a valid line holds, built when the runner loads it. */
function jsonlDocument({ path, line, at }: JsonlLineAt, record: z.infer<typeof JsonlLine>): Document {
  const text = record.text.replace(/^\uFEFF/, '');
  assertNotEmpty(text);
  const date = record.date ? (parseDate(record.date)?.iso ?? null) : null;
  return createDocument({
    id: record.id,
    text,
    source: { path, sha256: sha256(Buffer.from(line)), bytes: Buffer.byteLength(line), line: at, format: 'jsonl' },
    metadata: {
      ...(record.title ? { title: record.title } : {}),
      ...(date ? { date } : {}),
      ...(record.author ? { author: record.author } : {}),
      url: record.url ?? null,
      source: record.source ?? null,
    },
  });
}

/** Why an id cannot name an output file, or undefined if it can. */
export function invalidDocId(id: string): string | undefined {
  if (id.length > 200) return 'is longer than 200 characters';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point: they cannot be in a file name
  if (/[\u0000-\u001f\\]/.test(id)) return 'contains control characters or backslashes';
  const parts = id.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'has an empty, "." or ".." path segment';
  return undefined;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
