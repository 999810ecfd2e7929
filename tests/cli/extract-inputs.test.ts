import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { manifestOf, temp } from '../helpers/output.js';

const extract = (...args: string[]) => cli('extract', ...args, '--quiet');

describe('stancemap extract: inputs and output folder', () => {
  const startedIn = process.cwd();
  afterEach(() => process.chdir(startedIn));

  it('refuses an empty --out as bad usage instead of writing into the current folder', async () => {
    const input = temp('input');
    writeFileSync(join(input, 'a.txt'), 'The council met on Monday.');
    const cwd = temp('cwd');
    process.chdir(cwd);
    const result = await extract(input, '--out', '');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('E001 bad usage: --out needs a path; got an empty value');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('redoes a document whose file was renamed to another format, even with the same bytes', async () => {
    const input = temp('input');
    const out = temp('out');
    const text = '# Harbour Levy Rises\n\nThe harbour board raised the levy on Tuesday, its chair said.\n';
    writeFileSync(join(input, 'levy.txt'), text);
    expect((await extract(input, '--out', out)).code).toBe(0);
    expect(manifestOf(out).counts).toMatchObject({ written: 1, unchanged: 0 });
    expect((await extract(input, '--out', out)).code).toBe(0);
    expect(manifestOf(out).counts).toMatchObject({ written: 0, unchanged: 1 });

    renameSync(join(input, 'levy.txt'), join(input, 'levy.md'));
    expect((await extract(input, '--out', out)).code).toBe(0);
    expect(manifestOf(out).counts).toMatchObject({ written: 1, unchanged: 0 });
    const article = JSON.parse(readFileSync(join(out, 'levy.json'), 'utf8')) as { source: { path: string; format: string } };
    expect(article.source).toMatchObject({ path: join(input, 'levy.md'), format: 'md' });
  });

  it('fails an id too long for a file name with E107, not E108 when the write fails', async () => {
    const input = temp('input');
    const out = temp('out');
    const id = '港'.repeat(100);
    writeFileSync(join(input, 'feed.jsonl'), JSON.stringify({ id, text: 'The port reopened.' }) + '\n');
    expect((await extract(input, '--out', out)).code).toBe(2);
    expect(manifestOf(out).failures).toMatchObject([{ docId: id, code: 'E107', reason: expect.stringContaining('300 bytes in UTF-8') }]);
  });

  it.skipIf(process.platform === 'win32')(
    'finishes a run whose folder holds a named pipe, failing it with E104',
    async () => {
      const input = temp('input');
      const out = temp('out');
      writeFileSync(join(input, 'a.txt'), 'The council met on Monday.');
      execFileSync('mkfifo', [join(input, 'b.txt')]);
      expect((await extract(input, '--out', out)).code).toBe(2);
      expect(manifestOf(out)).toMatchObject({
        counts: { written: 1, failed: 1 },
        failures: [{ docId: 'b', code: 'E104', reason: 'E104 unreadable file: not a regular file: a named pipe (FIFO)' }],
      });
    },
    20_000,
  );
});
