import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonObjectWriter, writeJsonFileAtomic } from '../../src/io/json-writer.js';

/** Writes `object` field by field (arrays item by item, strings in slices of `slice`) and reads the file back. */
async function streamed(object: Record<string, unknown>, slice: number, flushAt: number): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'json-writer-')), 'out.json');
  const handle = await open(path, 'w');
  const writer = new JsonObjectWriter(handle, flushAt);
  for (const [key, value] of Object.entries(object)) {
    if (Array.isArray(value)) {
      await writer.arrayStart(key);
      for (const item of value) await writer.item(item);
      await writer.arrayEnd();
    } else if (typeof value === 'string') await writer.longString(key, value, slice);
    else await writer.field(key, value);
  }
  await writer.end();
  await handle.close();
  return readFileSync(path, 'utf8');
}

describe('JsonObjectWriter', () => {
  it('writes the bytes JSON.stringify(object, null, 2) gives, whatever the slices and flushes', async () => {
    const object = {
      version: 1,
      nothing: null,
      empty: [],
      nested: { list: [1, [], {}, { deep: ['a\nb', '“quoted”'] }], flag: false },
      text: 'Line one\n\tTabbed “curly” and \\ backslash, emoji 😀😀 and "quotes"\u2028end',
      items: [{ start: 0, end: 4, text: 'Kelv' }, 'plain', 3.5, [], { roles: [{ of: null }] }],
      emptyObject: {},
    };
    for (const slice of [1, 2, 3, 7, 1 << 20]) {
      for (const flushAt of [1, 64, 1 << 20]) {
        expect(await streamed(object, slice, flushAt)).toBe(JSON.stringify(object, null, 2) + '\n');
      }
    }
  });

  it('never splits a surrogate pair between two slices of a long string', async () => {
    const text = '😀'.repeat(50);
    for (const slice of [1, 2, 3, 5]) {
      const written = await streamed({ text }, slice, 1);
      expect(written).toBe(JSON.stringify({ text }, null, 2) + '\n');
      expect(written).not.toMatch(/\\ud/);
    }
  });

  it('writes an item whose last array comes item by item with the bytes JSON.stringify gives', async () => {
    const entities: Array<Record<string, unknown> & { mentions: unknown[] }> = [
      {
        id: 'e1',
        aliases: ['A'],
        mentions: [
          { start: 0, end: 4, text: 'Kelv' },
          { start: 9, end: 12, roles: [] },
        ],
      },
      { id: 'e2', aliases: [], mentions: [] },
      { id: 'e3', nested: { deep: [1] }, mentions: [7] },
    ];
    const path = join(mkdtempSync(join(tmpdir(), 'json-writer-')), 'out.json');
    const handle = await open(path, 'w');
    const writer = new JsonObjectWriter(handle, 8);
    await writer.arrayStart('entities');
    for (const { mentions, ...head } of entities) await writer.itemWithArray(head, 'mentions', mentions.values());
    await writer.arrayEnd();
    await writer.end();
    await handle.close();
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify({ entities }, null, 2) + '\n');
  });

  it("refuses a streamed array that would not be the item's last field", async () => {
    const handle = await open(join(mkdtempSync(join(tmpdir(), 'json-writer-')), 'out.json'), 'w');
    const writer = new JsonObjectWriter(handle);
    await writer.arrayStart('entities');
    await expect(writer.itemWithArray({ mentions: 3, id: 'e1' }, 'mentions', [])).rejects.toThrow(/last field/);
    await handle.close();
  });

  it('writes an object with no fields as {}', async () => {
    expect(await streamed({}, 4, 1)).toBe('{}\n');
  });

  it('writes a whole file atomically with the bytes of JSON.stringify, leaving undefined fields out as it does', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'json-file-'));
    const manifest = {
      schemaVersion: 1,
      skipped: undefined,
      counts: { read: 2 },
      documents: [
        { docId: 'a', status: 'written' },
        { docId: 'b', status: 'failed', line: null },
      ],
      inputs: ['corpus'],
      failures: [],
    };
    await writeJsonFileAtomic(join(folder, 'manifest.json'), manifest);
    expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe(JSON.stringify(manifest, null, 2) + '\n');
    expect(readdirSync(folder)).toEqual(['manifest.json']);
  });
});
