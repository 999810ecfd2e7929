import { mkdtempSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/**
 * A read that never answers (a hung network share) is injected into
 * node:fs/promises as the readers see it: every read on a file whose name
 * starts with "stuck" stays pending forever; other files read normally.
 */
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>): Promise<FileHandle> => {
      const handle = await real.open(...args);
      if (!basename(String(args[0])).startsWith('stuck')) return handle;
      return new Proxy(handle, {
        get: (target, key) => (key === 'read' ? () => new Promise(() => {}) : Reflect.get(target, key, target)),
      });
    },
  };
});

// Without isolation (vitest.config.ts) another test file may already have
// loaded the readers with the real fs; load them afresh so that they get the mock.
vi.resetModules();
const { walkInputs } = await import('../../src/io/sources.js');

describe('a read that never finishes', () => {
  it('fails the document with E104 after the read timeout, and the walk goes on', async () => {
    const root = mkdtempSync(join(tmpdir(), 'stancemap-stuck-'));
    writeFileSync(join(root, 'fine.txt'), 'The ferry left on time.');
    writeFileSync(join(root, 'stuck.txt'), 'The ferry never left.');
    writeFileSync(join(root, 'stuck-feed.jsonl'), JSON.stringify({ id: 'f1', text: 'Late.' }) + '\n');
    const outcomes: string[] = [];
    for await (const item of walkInputs([root], { maxBytes: 1_000_000, readTimeoutMs: 200 })) {
      if (item.kind === 'failed') outcomes.push(`${item.path.slice(root.length + 1)}: ${item.error.message}`);
      else if (item.kind === 'document') {
        const loaded = await item.load().then(
          (doc) => doc.text,
          (error: Error) => error.message,
        );
        outcomes.push(`${item.docId}: ${loaded}`);
      }
    }
    expect(outcomes).toEqual([
      'fine: The ferry left on time.',
      'stuck-feed.jsonl: E104 unreadable file: reading at byte 0 took longer than 0.2 s',
      'stuck: E104 unreadable file: reading at byte 0 took longer than 0.2 s',
    ]);
  }, 10_000);
});
