import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeSpoolFolder } from './spool.js';

/**
 * The most bytes the temporary name adds to the target's file name: `.tmp-`,
 * a process id (10 digits at most on any platform), `-` and 8 hex digits. A
 * name that fits the file system's limit only without them cannot be written.
 */
export const TEMPORARY_SUFFIX_BYTES = '.tmp-'.length + 10 + 1 + 8;

/** A temporary name beside `path`: the output folder's sweep (pipeline/output-folder.ts) recognises a killed run's leftovers by it. */
export function temporaryPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Writes a file so that readers only ever see the old content or the whole
 * new one: write a temporary file beside it, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPathFor(path);
  try {
    await writeFile(temporary, content, typeof content === 'string' ? 'utf8' : undefined);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** An article as a string, or as a file a worker already wrote into a spool folder of its own. */
export type ArticleContent = string | { spooled: string };

/**
 * Puts an article in place atomically. A spooled one is copied beside the
 * target (the spool may be on another file system) and its spool folder
 * removed, whether or not the copy succeeded.
 */
export async function writeArticleAtomic(path: string, content: ArticleContent): Promise<void> {
  if (typeof content === 'string') return writeFileAtomic(path, content);
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPathFor(path);
  try {
    await copyFile(content.spooled, temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await removeSpoolFolder(dirname(content.spooled));
  }
}
