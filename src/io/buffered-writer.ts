import type { FileHandle } from 'node:fs/promises';

/** Collects small strings and writes them to a file in large pieces: one system call per MiB rather than per record. */
export class BufferedFileWriter {
  private buffered: string[] = [];
  private bufferedLength = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly flushAt = 1 << 20,
  ) {}

  async put(...chunks: string[]): Promise<void> {
    for (const chunk of chunks) {
      this.buffered.push(chunk);
      this.bufferedLength += chunk.length;
    }
    if (this.bufferedLength >= this.flushAt) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffered.length === 0) return;
    const chunk = this.buffered.join('');
    this.buffered = [];
    this.bufferedLength = 0;
    await this.handle.write(chunk, null, 'utf8');
  }
}
