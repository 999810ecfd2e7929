import type { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { basename, extname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { createDocument, type Document, type DocumentWarning, type SourceInfo } from '../document/types.js';
import { DocumentError, describeError } from '../errors.js';
import { TEMPORARY_SUFFIX_BYTES } from './atomic.js';
import { assertNotBinary, assertNotEmpty, decodeText, decodeUtf8 } from './decode.js';
import { extractHtml } from './html.js';
import {
  byteLines,
  closeAfter,
  type ByteLine,
  DEFAULT_READ_TIMEOUT_MS,
  fileChunks,
  notRegularReason,
  openRegularFile,
  readRegularFile,
} from './read.js';
import { parseDate } from '../text/dates.js';
import { packedBytes, PACK_FROM_BYTES, type WireDocument } from '../document/packed-text.js';

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
  | { kind: 'document'; docId: string; path: string; line?: number; load: () => Promise<WireDocument> }
  | { kind: 'skipped'; path: string }
  | { kind: 'failed'; path: string; docId: string | null; line: number | null; error: DocumentError };

export interface WalkOptions {
  /** Larger documents fail with E103 instead of being read. */
  maxBytes: number;
  /** How long one read may take before the file fails with E104 (DEFAULT_READ_TIMEOUT_MS if not given). */
  readTimeoutMs?: number;
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
    else yield* fileItems({ path: root, relativePath: basename(root), info }, options);
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
      yield* fileItems({ path, relativePath: relative(root, path), info }, options);
    }
  }
}

/** A file the walk found, with what stat said of it. */
interface FoundFile {
  path: string;
  relativePath: string;
  info: Stats;
}

/**
 * The items of one file. Only regular files are read: reading a named pipe,
 * a socket or a device could wait forever, so such an input fails with E104.
 */
async function* fileItems({ path, relativePath, info }: FoundFile, options: WalkOptions): AsyncGenerator<InputItem> {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) yield { kind: 'skipped', path };
  else if (!info.isFile()) {
    const docId = format === 'jsonl' ? null : docIdFor(relativePath);
    yield { kind: 'failed', path, docId, line: null, error: new DocumentError('E104', notRegularReason(info)) };
  } else if (format === 'jsonl') yield* jsonlItems(path, options);
  else yield documentFileItem({ path, docId: docIdFor(relativePath), format }, info.size, options);
}

/** A file of one document: the document to load, or why it fails before being read (E107 its id, E103 its size). */
function documentFileItem(file: DocumentFile, size: number, options: WalkOptions): InputItem {
  const { path, docId } = file;
  const failed = (error: DocumentError): InputItem => ({ kind: 'failed', path, docId, line: null, error });
  const invalid = invalidDocId(docId);
  if (invalid) return failed(new DocumentError('E107', `the path gives the docId ${JSON.stringify(docId)}, which ${invalid}`));
  if (size > options.maxBytes)
    return failed(new DocumentError('E103', `${formatBytes(size)} is over the limit of ${formatBytes(options.maxBytes)} (--max-bytes)`));
  return { kind: 'document', docId, path, load: () => loadFile(file, options) };
}

/** `a/b.txt` → `a/b`, with forward slashes on every platform. */
export function docIdFor(relativePath: string): string {
  const withoutExtension = relativePath.slice(0, relativePath.length - extname(relativePath).length);
  return withoutExtension.split(sep).join('/');
}

/** A file that holds one document. */
interface DocumentFile {
  path: string;
  docId: string;
  format: Exclude<InputFormat, 'jsonl'>;
}

async function loadFile({ path, docId, format }: DocumentFile, options: WalkOptions): Promise<WireDocument> {
  const raw = await readRegularFile(path, { maxBytes: options.maxBytes, timeoutMs: readTimeout(options) });
  const source: SourceInfo = { path, sha256: sha256(raw), bytes: raw.length, format };
  if (format !== 'html' && raw.length >= PACK_FROM_BYTES && isUtf8(raw)) return packedDocument(docId, raw, source);
  const { text: decoded, warnings } = decodeText(raw);
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

/**
 * A long text file that is valid UTF-8 stays bytes (wire.ts): the thread that
 * processes it decodes it, and this one never holds it as a string (two
 * bytes a character once it has a curly quote). The checks are those of a
 * decoded text, made on the bytes.
 */
function packedDocument(id: string, raw: Uint8Array, source: SourceInfo): WireDocument {
  assertNotBinary(raw);
  const utf8 = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
  // Any visible ASCII character settles it; a file without one is decoded to be judged (rare, and then never long in practice).
  if (!utf8.some((byte) => byte > 0x20 && byte < 0x7f)) assertNotEmpty(decodeUtf8(utf8).text);
  return { ...createDocument({ id, text: '', source }), packed: packedBytes(utf8) };
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

/**
 * One item per non-blank line; a file that cannot be read to the end fails
 * with E104 at the line it got to. Lines are split as bytes and decoded one by
 * one, so a line's invalid UTF-8 gets its own W201 and a leading BOM is
 * dropped; a line over the size limit is never held in memory whole.
 */
async function* jsonlItems(path: string, options: WalkOptions): AsyncGenerator<InputItem> {
  let lineNumber = 0;
  let handle;
  try {
    handle = await openRegularFile(path);
  } catch (error) {
    yield { kind: 'failed', path, docId: null, line: null, error: asReadError(error) };
    return;
  }
  try {
    for await (const line of byteLines(fileChunks(handle, readTimeout(options)), options.maxBytes)) {
      lineNumber = line.number;
      const item = jsonlLineItem({ path, line, at: line.number }, options);
      if (item !== null) yield item;
    }
  } catch (error) {
    await closeAfter(handle, error);
    yield { kind: 'failed', path, docId: null, line: lineNumber || null, error: asReadError(error) };
    return;
  }
  await handle.close();
}

const asReadError = (error: unknown): DocumentError =>
  error instanceof DocumentError ? error : new DocumentError('E104', describeError(error));

const readTimeout = (options: WalkOptions): number => options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;

/** A line of a .jsonl file and its number (from 1). */
interface JsonlLineAt {
  path: string;
  line: ByteLine;
  at: number;
}

/** The parts of a valid line that its document is built from. */
interface JsonlRecord {
  path: string;
  at: number;
  bytes: Buffer;
  record: z.infer<typeof JsonlLine>;
  warnings: DocumentWarning[];
}

/**
 * The document on one line, or why the line fails: E103 too large, E105 not
 * a valid record, E107 an id that cannot name a file; null for a blank line.
 */
function jsonlLineItem(where: JsonlLineAt, options: WalkOptions): InputItem | null {
  const { path, line, at } = where;
  const failed = (code: 'E103' | 'E105' | 'E107', detail: string, docId: string | null = null): InputItem => ({
    kind: 'failed',
    path,
    docId,
    line: at,
    error: new DocumentError(code, `line ${at}: ${detail}`),
  });
  if (line.bytes === null) {
    return failed('E103', `${formatBytes(line.length)} is over the limit of ${formatBytes(options.maxBytes)} (--max-bytes)`);
  }
  const { text, warnings } = decodeUtf8(line.bytes);
  if (text.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failed('E105', `not valid JSON (${describeError(error)})`);
  }
  const parsed = JsonlLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return failed('E105', `field "${issue.path.join('.') || '(line)'}": ${issue.message}`, idOf(json));
  }
  const record = parsed.data;
  const invalid = invalidDocId(record.id);
  if (invalid) return failed('E107', `id ${JSON.stringify(record.id)} ${invalid}`, record.id);
  const valid: JsonlRecord = { path, at, bytes: line.bytes, record, warnings };
  return { kind: 'document', docId: record.id, path, line: at, load: async () => jsonlDocument(valid) };
}

/** The id of a line that is otherwise not a valid record, when it has a usable one. */
function idOf(json: unknown): string | null {
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  if (typeof id === 'number') return String(id);
  return typeof id === 'string' && id !== '' ? id : null;
}

/** The document on a valid line, built when the runner loads it. */
function jsonlDocument({ path, at, bytes, record, warnings }: JsonlRecord): Document {
  const text = record.text.replace(/^\uFEFF/, '');
  assertNotEmpty(text);
  const date = record.date ? (parseDate(record.date)?.iso ?? null) : null;
  const content = at === 1 && bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  return createDocument({
    id: record.id,
    text,
    source: { path, sha256: sha256(content), bytes: content.length, line: at, format: 'jsonl' },
    metadata: {
      ...(record.title ? { title: record.title } : {}),
      ...(date ? { date } : {}),
      ...(record.author ? { author: record.author } : {}),
      url: record.url ?? null,
      source: record.source ?? null,
    },
    warnings,
  });
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file system's limit on one file or folder name, in bytes. */
const NAME_MAX_BYTES = 255;
/** A docId's limit in bytes, well within PATH_MAX (4096) with the output folder before it. */
const DOC_ID_MAX_BYTES = 1024;
/** The most bytes the last segment of a docId may have: `<segment>.json` and its temporary copy's name must fit NAME_MAX_BYTES. */
const LAST_SEGMENT_MAX_BYTES = NAME_MAX_BYTES - '.json'.length - TEMPORARY_SUFFIX_BYTES;

/**
 * Why an id cannot name an output file, or undefined if it can. Lengths are
 * counted as file systems count them, in UTF-8 bytes per name: each folder
 * name, and the file name `<last segment>.json` with room for the temporary
 * copy it is first written to.
 */
export function invalidDocId(id: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point: they cannot be in a file name
  if (/[\u0000-\u001f\\]/.test(id)) return 'contains control characters or backslashes';
  const parts = id.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'has an empty, "." or ".." path segment';
  const total = Buffer.byteLength(id);
  if (total > DOC_ID_MAX_BYTES) return `is ${total} bytes long in UTF-8, over the limit of ${DOC_ID_MAX_BYTES}`;
  const folder = parts.slice(0, -1).find((p) => Buffer.byteLength(p) > NAME_MAX_BYTES);
  if (folder !== undefined) return `has a folder name of ${Buffer.byteLength(folder)} bytes in UTF-8, over the limit of ${NAME_MAX_BYTES}`;
  const last = Buffer.byteLength(parts.at(-1)!);
  if (last > LAST_SEGMENT_MAX_BYTES)
    return `has a last segment of ${last} bytes in UTF-8, over the ${LAST_SEGMENT_MAX_BYTES} that leave room in a ${NAME_MAX_BYTES}-byte file name for ".json" and the temporary copy's suffix`;
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
