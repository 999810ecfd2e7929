import { mkdir, readFile, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isRunning } from '../io/output-lock.js';

/**
 * The output folder around a run: what an earlier run left in it, and the
 * articles that no longer match the inputs. Hidden entries (the lock,
 * `.stale/`) are not the folder's content, as for `export` and `report`.
 */

/** Where `--keep-stale` moves stale articles, under the output folder. */
const STALE_FOLDER = '.stale';

/** The atomic writer's temporary files (io/atomic.ts), with the pid of the process that wrote them. */
const TEMPORARY = /\.tmp-(\d+)-[0-9a-f]+$/;

export interface StaleOutput {
  docId: string;
  /** Where it was moved (`--keep-stale`), relative to the output folder; null when it was deleted. */
  movedTo: string | null;
}

/**
 * The docIds of the article files in `outDir` (every `.json` but the root's
 * manifest.json, `a/b.json` being `a/b`), and removes the temporary files of processes that no longer
 * run, which a killed run leaves behind. Called with the folder locked, so no
 * other run's temporary file can be in the way.
 */
export async function surveyOutputFolder(folder: string): Promise<string[]> {
  const outDir = resolve(folder);
  const found: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const temporary = TEMPORARY.exec(entry.name);
      if (temporary) {
        if (entry.isFile() && !isRunning(Number(temporary[1]))) await rm(path, { force: true });
      } else if (entry.name.startsWith('.')) {
        continue;
      } else if (entry.isDirectory()) {
        await visit(path);
      } else if (entry.isFile() && entry.name.endsWith('.json') && !(dir === outDir && entry.name === 'manifest.json')) {
        found.push(relative(outDir, path).slice(0, -'.json'.length).split(sep).join('/'));
      }
    }
  };
  await visit(outDir);
  return found;
}

/**
 * Removes (or moves to `.stale/`) each article that was in the folder when
 * the run started and whose docId the run did not write or find unchanged:
 * its input is gone or renamed, or its document now fails. Only files that
 * are stancemap articles of that docId are touched; a user's other JSON
 * files stay.
 */
export async function settleStaleOutputs(
  folder: string,
  existing: readonly string[],
  kept: ReadonlySet<string>,
  keepStale: boolean,
): Promise<StaleOutput[]> {
  const outDir = resolve(folder);
  const stale: StaleOutput[] = [];
  for (const docId of existing) {
    const path = join(outDir, `${docId}.json`);
    if (kept.has(docId) || !(await isArticleOf(path, docId))) continue;
    if (keepStale) {
      const movedTo = `${STALE_FOLDER}/${docId}.json`;
      await mkdir(dirname(join(outDir, movedTo)), { recursive: true });
      await rename(path, join(outDir, movedTo));
      stale.push({ docId, movedTo });
    } else {
      await rm(path, { force: true });
      stale.push({ docId, movedTo: null });
    }
    await removeEmptyFolders(outDir, dirname(path));
  }
  return stale.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
}

/** Written by stancemap for this docId: any schema version, but its own docId and a pipeline fingerprint. */
async function isArticleOf(path: string, docId: string): Promise<boolean> {
  try {
    const json = JSON.parse(await readFile(path, 'utf8')) as { docId?: unknown; pipeline?: { fingerprint?: unknown } };
    return json.docId === docId && typeof json.pipeline?.fingerprint === 'string';
  } catch {
    return false;
  }
}

/** The folders of a nested docId (`a/b`) that removing its article left empty, up to the output folder. */
async function removeEmptyFolders(outDir: string, dir: string): Promise<void> {
  for (let current = dir; current !== outDir && relative(outDir, current).split(sep)[0] !== '..'; current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
  }
}
