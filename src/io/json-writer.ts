import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { temporaryPathFor } from './atomic.js';
import type { TextSlices } from '../document/utf8-text.js';
import { BufferedFileWriter } from './buffered-writer.js';

/**
 * Writes one JSON object to a file piece by piece, byte for byte as
 * `JSON.stringify(object, null, 2) + '\n'` would, so that an article far
 * larger than any string we want in memory (a book's mentions and
 * statements) never exists whole. Top-level fields are written in the order
 * given; an array field's items are written one at a time.
 */
export class JsonObjectWriter {
  private readonly out: BufferedFileWriter;
  private fields = 0;
  private items = -1;

  constructor(handle: FileHandle, flushAt?: number) {
    this.out = new BufferedFileWriter(handle, flushAt);
  }

  /** A whole field: `value` as JSON.stringify would indent it at depth 1. */
  async field(key: string, value: unknown): Promise<void> {
    await this.put(this.fieldOpening(key) + indented(JSON.stringify(value, null, 2), '  '));
  }

  /** A string field written in slices, for text too long to quote in one go. */
  async longString(key: string, value: TextSlices, slice = 1 << 16): Promise<void> {
    await this.put(this.fieldOpening(key) + '"');
    for (let start = 0; start < value.length;) {
      const piece = sliceWhole(value, start, start + slice);
      await this.put(JSON.stringify(piece).slice(1, -1));
      start += piece.length;
    }
    await this.put('"');
  }

  async arrayStart(key: string): Promise<void> {
    await this.put(this.fieldOpening(key) + '[');
    this.items = 0;
  }

  /** One item of the open array, as JSON.stringify would indent it at depth 2. */
  async item(value: unknown): Promise<void> {
    if (this.items < 0) throw new Error('JsonObjectWriter.item outside an array');
    await this.put((this.items++ === 0 ? '\n    ' : ',\n    ') + indented(JSON.stringify(value, null, 2), '    '));
  }

  /**
   * One item of the open array whose last field, `key`, is an array written
   * item by item as `items` yields them: a long text's most named entity can
   * have hundreds of thousands of mentions, too many to hold as one string.
   */
  async itemWithArray<T>(head: Record<string, unknown>, key: string, items: Iterable<T>): Promise<void> {
    if (this.items < 0) throw new Error('JsonObjectWriter.itemWithArray outside an array');
    const opened = indented(JSON.stringify({ ...head, [key]: [] }, null, 2), '    ');
    // The head ends with `"key": []` and the closing brace: the items go between the brackets.
    const closing = '[]\n    }';
    if (!opened.endsWith(closing)) throw new Error(`JsonObjectWriter.itemWithArray: "${key}" must be the last field`);
    await this.put((this.items++ === 0 ? '\n    ' : ',\n    ') + opened.slice(0, -closing.length) + '[');
    let count = 0;
    for (const item of items)
      await this.put((count++ === 0 ? '\n        ' : ',\n        ') + indented(JSON.stringify(item, null, 2), '        '));
    await this.put(count > 0 ? '\n      ]\n    }' : ']\n    }');
  }

  async arrayEnd(): Promise<void> {
    await this.put(this.items > 0 ? '\n  ]' : ']');
    this.items = -1;
  }

  /** Closes the object and writes what is still buffered. */
  async end(): Promise<void> {
    await this.put(this.fields > 0 ? '\n}\n' : '{}\n');
    await this.out.flush();
  }

  private fieldOpening(key: string): string {
    return (this.fields++ === 0 ? '{\n  ' : ',\n  ') + JSON.stringify(key) + ': ';
  }

  private async put(chunk: string): Promise<void> {
    await this.out.put(chunk);
  }
}

/** JSON.stringify never leaves a raw line break inside a string, so every line break is indentation. */
function indented(json: string, prefix: string): string {
  return json.replaceAll('\n', '\n' + prefix);
}

/**
 * The slice [start, at), its end moved off the middle of a surrogate pair (its
 * halves would be escaped apart): back, unless the slice would be empty.
 */
function sliceWhole(text: TextSlices, start: number, at: number): string {
  const piece = text.slice(start, at);
  if (start + piece.length >= text.length) return piece;
  const code = piece.charCodeAt(piece.length - 1);
  if (code < 0xd800 || code > 0xdbff) return piece;
  return piece.length > 1 ? piece.slice(0, -1) : text.slice(start, at + 1);
}

/**
 * Writes `object` to `path` atomically (a temporary file beside it, then a
 * rename), each top-level array item by item: a run's manifest lists every
 * document, and for hundreds of thousands of them one string of it would be
 * tens of MB on top of everything the run holds.
 */
export async function writeJsonFileAtomic(path: string, object: Record<string, unknown>): Promise<void> {
  const temporary = temporaryPathFor(path);
  const handle = await open(temporary, 'w');
  try {
    const writer = new JsonObjectWriter(handle);
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined) continue;
      if (!Array.isArray(value)) {
        await writer.field(key, value);
        continue;
      }
      await writer.arrayStart(key);
      for (const item of value) await writer.item(item);
      await writer.arrayEnd();
    }
    await writer.end();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}
