import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DocumentError, describeError } from '../errors.js';

/**
 * How long one read may take before the file counts as unreadable (E104): a
 * hung network share or a device that never answers must not stall the run.
 */
export const DEFAULT_READ_TIMEOUT_MS = 30_000;

const CHUNK = 64 * 1024;

/** What kind of thing a path is when it is not a regular file, for the E104 reason. */
export function notRegularReason(info: Stats): string {
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice()
        ? 'a character device'
        : info.isBlockDevice()
          ? 'a block device'
          : info.isDirectory()
            ? 'a folder'
            : 'not a file';
  return `not a regular file: ${kind}`;
}

/**
 * Opens a regular file for reading. The open does not block: without
 * O_NONBLOCK, opening a FIFO waits for a writer forever, holding one of
 * libuv's few threads. Whatever the walk saw, the file may since have been
 * replaced, so its kind is checked again on the open handle.
 */
export async function openRegularFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new DocumentError('E104', describeError(error));
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new DocumentError('E104', notRegularReason(info));
  }
  return handle;
}

/** Errors of reads that did not finish: their handle still has an operation pending. */
const timedOut = new WeakSet<Error>();

/** Settles as `work` does, or rejects with E104 once `ms` pass first. */
async function withinTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DocumentError('E104', `${what} took longer than ${ms / 1000} s`);
      timedOut.add(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The chunks of an open file in order, each read given `timeoutMs`; a read that fails is E104. */
export async function* fileChunks(handle: FileHandle, timeoutMs: number): AsyncGenerator<Buffer> {
  let position = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let bytesRead: number;
    try {
      ({ bytesRead } = await withinTimeout(handle.read(buffer, 0, CHUNK, position), timeoutMs, `reading at byte ${position}`));
    } catch (error) {
      throw error instanceof DocumentError ? error : new DocumentError('E104', describeError(error));
    }
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

export interface ReadLimits {
  /** Bytes beyond this fail with E103: the file grew after its size was checked. */
  maxBytes: number;
  timeoutMs: number;
}

/**
 * Closes a handle after a failure. A handle whose read timed out is closed
 * without waiting: closing waits for the pending read, which may never end.
 */
export async function closeAfter(handle: FileHandle, error: unknown): Promise<void> {
  const closing = handle.close().catch(() => undefined);
  if (!(error instanceof Error && timedOut.has(error))) await closing;
}

/** The whole content of a regular file, read with a timeout per read (E104) and a size limit (E103). */
export async function readRegularFile(path: string, limits: ReadLimits): Promise<Buffer> {
  const handle = await openRegularFile(path);
  let content: Buffer;
  try {
    content = await readWhole(handle, limits);
  } catch (error) {
    await closeAfter(handle, error);
    throw error;
  }
  await handle.close();
  return content;
}

/** Bytes asked for by one read of a whole file. */
const WHOLE_READ = 1 << 20;

/**
 * Reads straight into one buffer of the file's size, so that a long file is
 * never held twice (as chunks, then joined); the buffer grows if the file
 * does while it is read, up to the limit.
 */
async function readWhole(handle: FileHandle, limits: ReadLimits): Promise<Buffer> {
  const { size } = await handle.stat();
  // One byte more than the size: the read that finds the end needs room to say so.
  let buffer = Buffer.allocUnsafe(Math.min(size, limits.maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const grown = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    let bytesRead: number;
    try {
      const length = Math.min(WHOLE_READ, buffer.length - total);
      ({ bytesRead } = await withinTimeout(handle.read(buffer, total, length, total), limits.timeoutMs, `reading at byte ${total}`));
    } catch (error) {
      throw error instanceof DocumentError ? error : new DocumentError('E104', describeError(error));
    }
    if (bytesRead === 0) return buffer.subarray(0, total);
    total += bytesRead;
    if (total > limits.maxBytes) throw new DocumentError('E103', `grew past the limit of ${limits.maxBytes} bytes while being read`);
  }
}

/** One line of a file as bytes, without its line ending; `bytes` is null for a line longer than the limit, which is not kept. */
export interface ByteLine {
  /** 1-based. */
  number: number;
  bytes: Buffer | null;
  /** The line's length in bytes, counted even when it is not kept. */
  length: number;
}

/**
 * Splits chunks into lines at LF, dropping a CR before it. A line over
 * `maxBytes` is counted but not kept, so memory stays bounded by the limit
 * however long the line is.
 */
export async function* byteLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<ByteLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let number = 0;
  const finish = (): ByteLine => {
    let bytes = length > maxBytes + 1 ? null : Buffer.concat(parts, length);
    if (bytes !== null && bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    if (bytes !== null && bytes.length > maxBytes) bytes = null;
    const line = { number: ++number, bytes, length: bytes?.length ?? length };
    parts = [];
    length = 0;
    return line;
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, from)) {
      keep(chunk.subarray(from, newline));
      yield finish();
      from = newline + 1;
    }
    keep(chunk.subarray(from));
  }
  if (length > 0) yield finish();

  // One byte over the limit is still kept: it may be the CR that finish() drops.
  function keep(piece: Buffer): void {
    length += piece.length;
    if (length <= maxBytes + 1) parts.push(piece);
    else parts = [];
  }
}
