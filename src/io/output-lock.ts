import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { FatalError, describeError } from '../errors.js';
import { temporaryPathFor } from './atomic.js';

/**
 * One run at a time per output folder: two runs writing the same articles,
 * manifest and errors.ndjson would leave a folder that matches neither. The
 * lock is a file naming its owner (pid and host), created with link(2) from
 * a complete temporary file, so that it exists whole or not at all, and only
 * one of two racing runs creates it (NFS included).
 */

export const LOCK_FILE = '.stancemap.lock';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
  /** Tells this run's lock from a later one by the same pid (pids are reused). */
  token: string;
}

export interface OutputLock {
  readonly path: string;
  /** The owner named by the lock this run found stale and took over, or null. */
  readonly tookOverFrom: LockOwner | null;
  release(): Promise<void>;
  /** For a process that exits at once (a second Ctrl-C), where nothing can be awaited. */
  releaseSync(): void;
}

/**
 * Takes the lock on `outDir` (which must exist) for `command`. A lock whose
 * owner is a process that no longer runs on this host is taken over; any
 * other lock stops the run with E010, naming its owner.
 */
export async function acquireOutputLock(outDir: string, command: string): Promise<OutputLock> {
  const path = join(outDir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command,
    token: randomBytes(8).toString('hex'),
  };
  const staged = temporaryPathFor(path);
  await writeFile(staged, JSON.stringify(owner) + '\n');
  try {
    let tookOverFrom: LockOwner | null = null;
    // Two rounds at most: the lock is either free, or ours after taking over a stale one.
    for (let round = 0; !(await linked(staged, path)); round++) {
      const current = await readOwner(path);
      if (current === null) continue;
      if (round > 1 || !isStale(current) || !(await removeStale(path, current))) throw inUse(path, current);
      tookOverFrom = current;
    }
    return lockHandle(path, owner.token, tookOverFrom);
  } finally {
    await rm(staged, { force: true });
  }
}

/** Whether `pid` is a running process on this machine (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function linked(staged: string, path: string): Promise<boolean> {
  try {
    await link(staged, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FatalError('E003', `${resolve(path)}: cannot create the lock file: ${describeError(error)}`);
  }
}

/** The lock's owner; null when the lock went away meanwhile. Unreadable content is kept as it is, to be shown. */
async function readOwner(path: string): Promise<LockOwner | string | null> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return describeError(error);
  }
  try {
    const parsed = JSON.parse(content) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return parsed as LockOwner;
  } catch {
    // Shown as it is below.
  }
  return content.slice(0, 200);
}

/** Only a lock of this host can be judged: another host's pid means nothing here. */
function isStale(owner: LockOwner | string): owner is LockOwner {
  return typeof owner !== 'string' && owner.host === hostname() && !isRunning(owner.pid);
}

/**
 * Moves the stale lock aside and checks that what moved is still the stale
 * one: a run that took it over in the meantime keeps its lock (put back)
 * and this one gives way.
 */
async function removeStale(path: string, stale: LockOwner): Promise<boolean> {
  const aside = temporaryPathFor(path);
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  const moved = await readOwner(aside);
  const wasStale = typeof moved !== 'string' && moved !== null && moved.token === stale.token && moved.pid === stale.pid;
  if (!wasStale) await link(aside, path).catch(() => {});
  await rm(aside, { force: true });
  return wasStale;
}

function inUse(path: string, owner: LockOwner | string): FatalError {
  const where = resolve(path, '..');
  if (typeof owner === 'string')
    return new FatalError(
      'E010',
      `${where} has a lock file that cannot be read (${owner}); if no run is using the folder, delete ${resolve(path)}`,
    );
  const who = `${owner.command} (pid ${owner.pid} on ${owner.host === hostname() ? 'this host' : `host ${owner.host}`}, since ${owner.startedAt})`;
  const advice = owner.host === hostname() ? '' : `; if it no longer runs there, delete ${resolve(path)}`;
  return new FatalError('E010', `${where} is being written by ${who}${advice}`);
}

function lockHandle(path: string, token: string, tookOverFrom: LockOwner | null): OutputLock {
  const ours = (content: string): boolean => {
    try {
      return (JSON.parse(content) as Partial<LockOwner>).token === token;
    } catch {
      return false;
    }
  };
  return {
    path,
    tookOverFrom,
    async release() {
      const content = await readFile(path, 'utf8').catch(() => '');
      if (ours(content)) await rm(path, { force: true });
    },
    releaseSync() {
      try {
        if (ours(readFileSync(path, 'utf8'))) unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
