import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_FROM_BYTES, unpackText, type WireDocument } from '../../src/document/packed-text.js';
import { walkInputs } from '../../src/io/sources.js';

/** Loads the one document of a file written with `bytes`. */
async function load(name: string, bytes: Buffer | string): Promise<WireDocument> {
  const path = join(mkdtempSync(join(tmpdir(), 'stancemap-packed-')), name);
  writeFileSync(path, bytes);
  for await (const item of walkInputs([path], { maxBytes: 64 * PACK_FROM_BYTES })) {
    if (item.kind === 'document') return item.load();
    if (item.kind === 'failed') throw item.error;
  }
  throw new Error('no document');
}

/** Text of about `bytes` bytes, in several scripts, with curly quotes and a character outside the basic plane. */
function longText(bytes: number): string {
  const line = '“Ḥamās said no,” the ministry said in Rafah — رفح — on Monday 🙂.\n';
  return line.repeat(Math.ceil(bytes / Buffer.byteLength(line)));
}

describe('long files read as bytes', () => {
  it('keeps a long UTF-8 file as its bytes, which decode to the text a short file would give, with offsets counted alike', async () => {
    const text = longText(PACK_FROM_BYTES + 10);
    const doc = await load('book.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(doc.text).toBe('');
    expect(doc.packed?.chars).toBe(text.length);
    const unpacked = unpackText(doc);
    expect(unpacked.text).toBe(text);
    expect(unpacked.source).toMatchObject({ format: 'txt', bytes: Buffer.byteLength(text) + 3 });
  });

  it('decodes a file below the threshold, an HTML page, and a file with invalid UTF-8 as before', async () => {
    const short = await load('short.txt', longText(1000));
    expect(short.packed).toBeUndefined();
    const page = await load('page.html', `<p>${longText(PACK_FROM_BYTES)}</p>`);
    expect(page.packed).toBeUndefined();
    expect(page.text).toContain('Ḥamās');
    const invalid = await load('bad.txt', Buffer.concat([Buffer.from(longText(PACK_FROM_BYTES)), Buffer.from([0xff, 0x41])]));
    expect(invalid.packed).toBeUndefined();
    expect(invalid.warnings.map((w) => w.code)).toEqual(['W201']);
  });

  it('still refuses binary content (E102) and a text of nothing visible (E101) in a long file', async () => {
    const binary = Buffer.from(longText(PACK_FROM_BYTES));
    binary[PACK_FROM_BYTES - 5] = 0;
    await expect(load('binary.txt', binary)).rejects.toMatchObject({ code: 'E102' });
    await expect(load('blank.txt', ' \u00a0\u200b\n'.repeat(PACK_FROM_BYTES / 4))).rejects.toMatchObject({ code: 'E101' });
  });
});
