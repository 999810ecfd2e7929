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

/** An article file that was in the folder when the run started. */
export interface ExistingOutput {
  docId: string;
  path: string;
}

export interface StaleOutput {
  docId: string;
  /** Where it was moved (`--keep-stale`), relative to the output folder; null when it was deleted. */
  movedTo: string | null;
}

/**
 * Lists the article files in `outDir` (every `.json` but the root's
 * manifest.json) and removes the temporary files of processes that no longer
 * run, which a killed run leaves behind. Called with the folder locked, so no
 * other run's temporary file can be in the way.
 */
export async function surveyOutputFolder(folder: string): Promise<ExistingOutput[]> {
  const outDir = resolve(folder);
  const found: ExistingOutput[] = [];
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
        found.push({ docId: relative(outDir, path).slice(0, -'.json'.length).split(sep).join('/'), path });
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
  existing: readonly ExistingOutput[],
  kept: ReadonlySet<string>,
  keepStale: boolean,
): Promise<StaleOutput[]> {
  const outDir = resolve(folder);
  const stale: StaleOutput[] = [];
  for (const output of existing) {
    if (kept.has(output.docId) || !(await isArticleOf(output))) continue;
    if (keepStale) {
      const movedTo = `${STALE_FOLDER}/${output.docId}.json`;
      await mkdir(dirname(join(outDir, movedTo)), { recursive: true });
      await rename(output.path, join(outDir, movedTo));
      stale.push({ docId: output.docId, movedTo });
    } else {
      await rm(output.path, { force: true });
      stale.push({ docId: output.docId, movedTo: null });
    }
    await removeEmptyFolders(outDir, dirname(output.path));
  }
  return stale.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
}

/** Written by stancemap for this docId: any schema version, but its own docId and a pipeline fingerprint. */
async function isArticleOf(output: ExistingOutput): Promise<boolean> {
  try {
    const json = JSON.parse(await readFile(output.path, 'utf8')) as { docId?: unknown; pipeline?: { fingerprint?: unknown } };
    return json.docId === output.docId && typeof json.pipeline?.fingerprint === 'string';
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
