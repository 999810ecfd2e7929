import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invalidDocId, walkInputs, type InputItem } from '../../src/io/sources.js';

const temp = () => mkdtempSync(join(tmpdir(), 'stancemap-inputs-'));

async function collect(paths: string[], maxBytes = 1_000_000): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of walkInputs(paths, { maxBytes })) items.push(item);
  return items;
}

async function onlyDocument(paths: string[]) {
  const items = await collect(paths);
  expect(items.map((i) => i.kind)).toEqual(['document']);
  const [item] = items;
  if (item?.kind !== 'document') throw new Error('expected a document');
  return item.load();
}

const line = (record: object) => JSON.stringify(record);

describe('.jsonl input', () => {
  it('reads a first line that starts with a UTF-8 BOM', async () => {
    const file = join(temp(), 'feed.jsonl');
    const body = `${line({ id: 'quay-1', text: 'The quay reopened on Friday.' })}\n${line({ id: 'quay-2', text: 'Ferries resumed.' })}\n`;
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
    const items = await collect([file]);
    expect(items.map((i) => [i.kind, i.kind === 'document' ? i.docId : null])).toEqual([
      ['document', 'quay-1'],
      ['document', 'quay-2'],
    ]);
    const first = items[0]!;
    if (first.kind !== 'document') throw new Error('expected a document');
    const doc = await first.load();
    expect(doc.text).toBe('The quay reopened on Friday.');
    // The BOM marks the file's encoding; it is not part of the line the hash stands for.
    expect(doc.source.bytes).toBe(Buffer.byteLength(body.split('\n')[0]!));
  });

  it('warns W201 for invalid UTF-8 inside a line, as for a plain file', async () => {
    const file = join(temp(), 'feed.jsonl');
    const [before, after] = line({ id: 'mill', text: 'The mill owner X said so.' }).split('X');
    writeFileSync(file, Buffer.concat([Buffer.from(before!), Buffer.from([0xc3, 0x28]), Buffer.from(after!), Buffer.from('\n')]));
    const doc = await onlyDocument([file]);
    expect(doc.text).toBe('The mill owner \uFFFD( said so.');
    expect(doc.warnings).toEqual([{ code: 'W201', message: expect.stringContaining('1 invalid byte sequence(s) replaced by U+FFFD') }]);
  });

  it('gives a malformed record the docId its line names', async () => {
    const file = join(temp(), 'feed.jsonl');
    writeFileSync(file, [line({ id: 'pier-7', title: 'No text here' }), line({ id: 41, text: 5 }), line({ text: 'No id.' })].join('\n'));
    const items = await collect([file]);
    expect(items.map((i) => (i.kind === 'failed' ? [i.error.code, i.docId, i.line] : i.kind))).toEqual([
      ['E105', 'pier-7', 1],
      ['E105', '41', 2],
      ['E105', null, 3],
    ]);
  });

  it('writes an invalid id into its E107 reason as a JSON string, so a newline stays on one line', async () => {
    const file = join(temp(), 'feed.jsonl');
    writeFileSync(file, line({ id: 'north\nquay', text: 'Two lines of id.' }) + '\n');
    const [item] = await collect([file]);
    expect(item).toMatchObject({ kind: 'failed', docId: 'north\nquay', error: { code: 'E107' } });
    if (item?.kind !== 'failed') throw new Error('expected a failure');
    expect(item.error.message).toContain('id "north\\nquay" contains control characters');
    expect(item.error.message).not.toContain('\n');
  });

  it('fails a line over the size limit with E103 and goes on with the next', async () => {
    const file = join(temp(), 'feed.jsonl');
    writeFileSync(file, [line({ id: 'long', text: 'word '.repeat(400) }), line({ id: 'short', text: 'Short.' })].join('\r\n'));
    const items = await collect([file], 500);
    expect(items.map((i) => (i.kind === 'failed' ? i.error.code : i.kind))).toEqual(['E103', 'document']);
  });
});

describe('docId length limits', () => {
  it('counts UTF-8 bytes per file name, with room for ".json" and the temporary copy', () => {
    // 100 characters but 300 bytes: too long for one file name, though short in characters.
    const cjk = '港'.repeat(100);
    expect(invalidDocId(cjk)).toMatch(/last segment of 300 bytes in UTF-8/);
    expect(invalidDocId(`wire/${'港'.repeat(70)}`)).toBeUndefined();
    expect(invalidDocId(`${'a'.repeat(256)}/story`)).toMatch(/folder name of 256 bytes/);
    // Long in characters but every segment a short name: a deep folder tree is fine.
    expect(invalidDocId(Array.from({ length: 30 }, (_, i) => `section-${i}`).join('/'))).toBeUndefined();
    expect(invalidDocId(Array.from({ length: 150 }, () => 'section').join('/'))).toMatch(/over the limit of 1024/);
  });

  it('checks the docIds that file paths give, too', async () => {
    const root = temp();
    writeFileSync(join(root, `${'é'.repeat(120)}.md`), '# Title\n\nText.');
    const [item] = await collect([root]);
    expect(item).toMatchObject({ kind: 'failed', error: { code: 'E107', message: expect.stringContaining('240 bytes in UTF-8') } });
  });
});

describe.skipIf(process.platform === 'win32')('files that are not regular files', () => {
  it('fails a named pipe with E104 instead of waiting for a writer', async () => {
    const root = temp();
    writeFileSync(join(root, 'a.txt'), 'A plain story.');
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    execFileSync('mkfifo', [join(root, 'feed.jsonl')]);
    const items = await collect([root]);
    expect(items.map((i) => (i.kind === 'failed' ? [i.docId, i.error.message] : i.kind))).toEqual([
      'document',
      [null, 'E104 unreadable file: not a regular file: a named pipe (FIFO)'],
      ['pipe', 'E104 unreadable file: not a regular file: a named pipe (FIFO)'],
    ]);
    expect(await collect([join(root, 'pipe.txt')])).toMatchObject([{ kind: 'failed', error: { code: 'E104' } }]);
  }, 10_000);
});
