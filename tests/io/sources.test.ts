import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docIdFor, invalidDocId, walkInputs, type InputItem } from '../../src/io/sources.js';

async function collect(paths: string[], maxBytes = 1_000_000): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of walkInputs(paths, { maxBytes })) items.push(item);
  return items;
}

describe('walkInputs', () => {
  it('walks folders recursively in a stable order with docIds relative to the root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'stancemap-walk-'));
    mkdirSync(join(root, 'b', 'c'), { recursive: true });
    writeFileSync(join(root, 'b', 'c', 'deep.md'), '# T\n\nx');
    writeFileSync(join(root, 'a.txt'), 'text');
    writeFileSync(join(root, 'z.html'), '<p>x</p>');
    writeFileSync(join(root, 'notes.pdf'), 'x');
    writeFileSync(join(root, '.hidden.txt'), 'x');
    const items = await collect([root]);
    expect(items.map((i) => (i.kind === 'document' ? i.docId : `${i.kind}:${i.path.slice(root.length + 1)}`))).toEqual([
      'a',
      'b/c/deep',
      'skipped:notes.pdf',
      'z',
    ]);
  });

  it('reads one document per jsonl line and reports bad lines by number', async () => {
    const root = mkdtempSync(join(tmpdir(), 'stancemap-jsonl-'));
    const file = join(root, 'feed.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a-1', text: 'First text.', title: 'T', date: 'Nov. 22, 2023', url: 'https://x' }),
        '{not json',
        JSON.stringify({ id: 'a-3' }),
        '',
        JSON.stringify({ id: '../escape', text: 'x' }),
        JSON.stringify({ id: 7, text: 'Numeric id.' }),
      ].join('\n'),
    );
    const items = await collect([file]);
    expect(items.map((i) => i.kind)).toEqual(['document', 'failed', 'failed', 'failed', 'document']);
    const [first, bad, missing, escape, numeric] = items;
    if (first?.kind !== 'document' || numeric?.kind !== 'document') throw new Error('expected documents');
    const doc = await first.load();
    expect(doc.id).toBe('a-1');
    expect(doc.metadata).toMatchObject({ title: 'T', date: '2023-11-22', url: 'https://x' });
    expect(doc.source).toMatchObject({ line: 1, format: 'jsonl' });
    expect(numeric.docId).toBe('7');
    expect(bad).toMatchObject({ line: 2, error: { code: 'E105' } });
    expect(missing).toMatchObject({ line: 3, error: { code: 'E105', message: expect.stringContaining('"text"') } });
    expect(escape).toMatchObject({ line: 5, error: { code: 'E107' } });
  });

  it('fails files over the size limit without reading them, and unreadable files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'stancemap-limits-'));
    writeFileSync(join(root, 'big.txt'), 'x'.repeat(2000));
    symlinkSync(join(root, 'nowhere.txt'), join(root, 'broken.txt'));
    const items = await collect([root], 1000);
    expect(items).toMatchObject([
      { kind: 'failed', docId: 'big', error: { code: 'E103', message: expect.stringContaining('over the limit') } },
      { kind: 'failed', docId: 'broken', error: { code: 'E104' } },
    ]);
  });
});

describe('docIds', () => {
  it('drops the extension and uses forward slashes', () => {
    expect(docIdFor('a/b.txt')).toBe('a/b');
    expect(docIdFor('x.y.html')).toBe('x.y');
  });

  it('rejects ids that cannot name an output file', () => {
    expect(invalidDocId('ok/id-1')).toBeUndefined();
    expect(invalidDocId('../x')).toBeDefined();
    expect(invalidDocId('a//b')).toBeDefined();
    expect(invalidDocId('a\\b')).toBeDefined();
  });
});
