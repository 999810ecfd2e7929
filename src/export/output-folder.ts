import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DocumentError, FatalError, describeError } from '../errors.js';
import { ArticleChecked, type Article } from '../schema/article.js';
import { ManifestSchema, type Manifest } from '../schema/manifest.js';

/** One file of an output folder: an article, a file that should have been one, or a file that is not JSON at all. */
export type OutputFile =
  | { kind: 'article'; path: string; article: Article; sha256: string }
  | { kind: 'failed'; path: string; error: DocumentError }
  | { kind: 'skipped'; path: string };

/** The run's own files at the root of the folder, beside the articles: read separately or not at all. */
const RUN_FILES = new Set(['manifest.json', 'errors.ndjson']);

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Left out of the walk: hidden files and the atomic writer's temporary files, which are not the folder's content. */
const isIgnored = (name: string): boolean => name.startsWith('.') || name.includes('.tmp-');

/**
 * Walks an output folder of `stancemap extract` in a stable order (names
 * sorted by code unit, depth first), reading and validating one article at a
 * time so that a folder of any size is exported in constant memory. The
 * manifest at the root is read separately (readManifest).
 */
export async function* readOutputFolder(root: string): AsyncGenerator<OutputFile> {
  for await (const path of walk(root, root)) {
    if (!path.endsWith('.json')) yield { kind: 'skipped', path };
    else yield await readArticle(root, path);
  }
}

async function* walk(root: string, dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !isIgnored(e.name));
  for (const entry of entries.sort((a, b) => byCodeUnit(a.name, b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(root, path);
    else if (entry.isFile() && !(dir === root && RUN_FILES.has(entry.name))) yield path;
  }
}

/** Reads one `<docId>.json`: it must parse, pass the article schema with its checks, and carry the docId its path names. */
export async function readArticle(root: string, path: string): Promise<OutputFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return failed(path, `cannot read: ${describeError(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return failed(path, `not valid JSON (${describeError(error)})`);
  }
  const parsed = ArticleChecked.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return failed(path, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const expected = relative(root, path).slice(0, -'.json'.length).split(sep).join('/');
  if (parsed.data.docId !== expected)
    return failed(path, `docId "${parsed.data.docId}" does not match the file name (expected "${expected}")`);
  return { kind: 'article', path, article: parsed.data, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function failed(path: string, reason: string): OutputFile {
  return { kind: 'failed', path, error: new DocumentError('E113', `${path}: ${reason}`) };
}

/** The run's manifest and its id (the first 16 hex digits of its sha256), null when the folder has none. */
export type ManifestResult = { manifest: Manifest; runId: string } | null;

export async function readManifest(root: string): Promise<ManifestResult | { error: DocumentError }> {
  const path = join(root, 'manifest.json');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { error: new DocumentError('E113', `${path}: cannot read: ${describeError(error)}`) };
  }
  let parsed: ReturnType<typeof ManifestSchema.safeParse>;
  try {
    parsed = ManifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
  } catch (error) {
    return { error: new DocumentError('E113', `${path}: not valid JSON (${describeError(error)})`) };
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: new DocumentError('E113', `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`) };
  }
  return { manifest: parsed.data, runId: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

/** The folder must exist and be a folder: anything else is a usage error before any target is opened. */
export async function checkOutputFolder(root: string): Promise<void> {
  try {
    await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FatalError('E002', root);
    throw new FatalError('E001', `${root}: not a readable folder (${describeError(error)})`);
  }
}
