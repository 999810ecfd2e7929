import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArticleView } from './model.js';

export type ChunkMode = 'inline' | 'files' | 'auto';

export interface ChunkOptions {
  mode: ChunkMode;
  /** Articles per chunk: the page loads a whole chunk to show any of its articles. */
  size: number;
  /** In `auto` mode, the article data that may be inlined before the chunks move to files. */
  inlineMaxBytes: number;
  /** The folder for chunk files, and its path relative to the report. */
  dir: string;
  dirName: string;
}

/** JSON safe inside a <script> element and as a JavaScript literal: no "</script>", no "<!--", no raw line separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CHUNK_FILE = /^articles-\d+\.js$/;
const chunkFile = (index: number): string => `articles-${String(index).padStart(4, '0')}.js`;

/**
 * Groups article views into chunks of `size`. Inlined chunks stay in memory
 * until the page is written; once they pass `inlineMaxBytes` (auto mode) or
 * from the start (files mode) each chunk is written beside the report as a
 * script the page loads on demand, which also works from file://.
 */
export class ChunkWriter {
  private readonly held: string[] = [];
  private current: string[] = [];
  private heldBytes = 0;
  private sealed = 0;
  private toFiles: boolean;

  constructor(private readonly options: ChunkOptions) {
    this.toFiles = options.mode === 'files';
  }

  /** Leaves out chunk files of an earlier report, so that a smaller corpus cannot show stale articles. */
  async prepare(): Promise<void> {
    const names = await readdir(this.options.dir).catch(() => [] as string[]);
    for (const name of names) if (CHUNK_FILE.test(name)) await rm(join(this.options.dir, name));
    if (this.toFiles) await mkdir(this.options.dir, { recursive: true });
    else await rmdir(this.options.dir).catch(() => undefined);
  }

  /** The chunk the next article goes into. */
  get chunk(): number {
    return this.sealed;
  }

  async add(view: ArticleView): Promise<void> {
    const json = scriptSafeJson(view);
    this.current.push(json);
    this.heldBytes += json.length;
    if (this.current.length >= this.options.size) await this.seal();
  }

  private async seal(): Promise<void> {
    const payload = `[${this.current.join(',')}]`;
    this.current = [];
    const index = this.sealed++;
    if (this.toFiles) return this.write(index, payload);
    this.held.push(payload);
    if (this.options.mode === 'auto' && this.heldBytes > this.options.inlineMaxBytes) await this.switchToFiles();
  }

  private async switchToFiles(): Promise<void> {
    this.toFiles = true;
    await mkdir(this.options.dir, { recursive: true });
    for (const [index, payload] of this.held.entries()) await this.write(index, payload);
    this.held.length = 0;
  }

  private async write(index: number, payload: string): Promise<void> {
    await writeFile(join(this.options.dir, chunkFile(index)), `window.__stancemapChunk(${index}, ${payload});\n`);
  }

  /** Seals the last chunk: the inlined chunks (none when they went to files), their count, and the folder's relative path. */
  async finish(): Promise<{ inline: string[]; count: number; dir: string | null }> {
    if (this.current.length > 0) await this.seal();
    return { inline: this.toFiles ? [] : this.held, count: this.sealed, dir: this.toFiles ? this.options.dirName : null };
  }
}
