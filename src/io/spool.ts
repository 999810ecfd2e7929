import { createReadStream } from 'node:fs';
import { mkdtemp, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BufferedFileWriter } from './buffered-writer.js';

/** What every spool folder's name starts with; a worker pool gives its threads one of their own (see spoolPrefixFor). */
let spoolPrefix = 'stancemap-spool-';

/**
 * A private temporary folder for the pieces of one long output (its spilled
 * records and the finished file), removed as a whole once the output has
 * been moved into place or given up.
 */
export async function makeSpoolFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), spoolPrefix));
}

/** A name prefix for the spool folders of one worker pool, different from every other pool's. */
export function spoolPrefixFor(pool: string): string {
  return `stancemap-spool-${process.pid}-${pool}-`;
}

/** Spool folders made in this thread from now on start with `prefix`. */
export function useSpoolPrefix(prefix: string): void {
  spoolPrefix = prefix;
}

/**
 * Removes every spool folder whose name starts with `prefix`: those of a
 * thread that was stopped in the middle of a long document (over its time or
 * memory budget) had nobody left to remove them.
 */
export async function removeSpoolFoldersOf(prefix: string): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => removeSpoolFolder(join(tmpdir(), name))));
}

export async function removeSpoolFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}

/**
 * Records appended one line at a time to a file and read back in order
 * later: what a long document produces before it can be numbered stays on
 * disk instead of in memory.
 */
export class LineSpool {
  private readonly out: BufferedFileWriter;
  private closed = false;

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {
    this.out = new BufferedFileWriter(handle);
  }

  static async create(path: string): Promise<LineSpool> {
    return new LineSpool(path, await open(path, 'w'));
  }

  /** `line` must hold no line break (a JSON.stringify result never does). */
  async append(line: string): Promise<void> {
    await this.out.put(line, '\n');
  }

  /** Every line appended, in order; the spool takes no more lines once this is called. */
  async *lines(): AsyncGenerator<string> {
    await this.out.flush();
    await this.close();
    const reader = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    for await (const line of reader) yield line;
  }

  /** Lets go of the file (the spool folder's removal deletes it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
