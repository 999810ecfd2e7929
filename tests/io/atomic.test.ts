import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Failures are injected into node:fs/promises as writeFileAtomic sees it:
 * `failWrite` writes half the bytes and then throws (a full disk, a killed
 * write), `failRename` throws before the rename. Both are off unless a test
 * turns them on.
 */
const inject = vi.hoisted(() => ({ failWrite: false, failRename: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    writeFile: async (...args: Parameters<typeof real.writeFile>) => {
      if (!inject.failWrite) return real.writeFile(...args);
      const [path, content] = args;
      await real.writeFile(path, String(content).slice(0, Math.floor(String(content).length / 2)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
    rename: async (...args: Parameters<typeof real.rename>) => {
      if (inject.failRename) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      return real.rename(...args);
    },
  };
});

// Without isolation (vitest.config.ts) another test file may already have
// loaded atomic.js with the real fs; load it afresh so that it gets the mock.
vi.resetModules();
const { writeFileAtomic } = await import('../../src/io/atomic.js');

const OLD = '{"docId":"kelvane-water","entities":["Oruba Tesfanet"]}\n';
const NEW = '{"docId":"kelvane-water","entities":["Oruba Tesfanet","Kelvane Water Authority"]}\n';

function folderWithOldFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stancemap-atomic-'));
  const file = join(dir, 'kelvane-water.json');
  writeFileSync(file, OLD);
  return { dir, file };
}

afterEach(() => {
  inject.failWrite = false;
  inject.failRename = false;
});

describe('writeFileAtomic', () => {
  it('replaces the content of an existing file and leaves nothing else beside it', async () => {
    const { dir, file } = folderWithOldFile();
    await writeFileAtomic(file, NEW);
    expect(readFileSync(file, 'utf8')).toBe(NEW);
    expect(readdirSync(dir)).toEqual(['kelvane-water.json']);
  });

  it('creates missing parent folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancemap-atomic-'));
    const file = join(dir, 'wire', '2025', 'port-halvey.json');
    await writeFileAtomic(file, NEW);
    expect(readFileSync(file, 'utf8')).toBe(NEW);
  });

  it('writes bytes unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancemap-atomic-'));
    const file = join(dir, 'model.bin');
    const bytes = Uint8Array.from([0x1f, 0x8b, 0x00, 0xff, 0x0a]);
    await writeFileAtomic(file, bytes);
    expect([...readFileSync(file)]).toEqual([0x1f, 0x8b, 0x00, 0xff, 0x0a]);
  });

  it('keeps the previous file whole and removes the partial one when the write fails midway', async () => {
    const { dir, file } = folderWithOldFile();
    inject.failWrite = true;
    await expect(writeFileAtomic(file, NEW)).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['kelvane-water.json']);
  });

  it('keeps the previous file whole and removes the temporary one when the rename fails', async () => {
    const { dir, file } = folderWithOldFile();
    inject.failRename = true;
    await expect(writeFileAtomic(file, NEW)).rejects.toThrow(/EIO/);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['kelvane-water.json']);
  });

  it('leaves no file behind when a failed write had no previous file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancemap-atomic-'));
    inject.failWrite = true;
    await expect(writeFileAtomic(join(dir, 'port-halvey.json'), NEW)).rejects.toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails without a trace when the target is a folder (a real rename error, nothing injected)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancemap-atomic-'));
    const target = join(dir, 'kelvane-water.json');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'Oruba Tesfanet');
    await expect(writeFileAtomic(target, NEW)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['kelvane-water.json']);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('Oruba Tesfanet');
  });
});
