import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Model weights read once per process. The first load of a file keeps what
 * it read (typed arrays over shared memory, plain values); later loads of the
 * same unchanged file get it back. The main thread loads the files a pool's
 * pipelines will read and hands its store to each worker thread (adopted
 * before the worker builds its pipeline), so that two workers read one copy
 * of the weights instead of holding one each.
 */
export type WeightStore = ReadonlyMap<string, unknown>;

const store = new Map<string, unknown>();

/** The file as this process last read it: its path, size and modification time, or null when it cannot be read (the loader says why). */
function versionOf(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${resolve(path)}\0${stat.size}\0${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** What `read` gives for the file at `path`, read once per process for each version of the file. */
export function loadWeightsOnce<T>(kind: string, path: string, read: () => T): T {
  const version = versionOf(path);
  if (version === null) return read();
  const key = `${kind}\0${version}`;
  if (!store.has(key)) store.set(key, read());
  return store.get(key) as T;
}

/** Every weight file this process has read, to hand to a worker thread. */
export function weightStore(): WeightStore {
  return new Map(store);
}

/** Takes in the weights another thread read (a worker, from the main thread at its start). */
export function adoptWeights(weights: WeightStore): void {
  for (const [key, data] of weights) store.set(key, data);
}
