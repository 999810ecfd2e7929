import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireOutputLock } from '../../src/io/output-lock.js';
import { cli } from '../helpers/cli.js';
import { articles, manifestOf, temp } from '../helpers/output.js';

const TEXTS = {
  a: 'Tomas Veller said the Kelvane Water Authority would open the dam.\n',
  b: 'Oruba Tesfanet said the dam would open in May.\n',
  c: 'Ilse Marrow said the valley would wait.\n',
};

/** An input folder with a.txt, b.txt, c.txt and news/d.txt (docId news/d). */
function writeInputs(): string {
  const dir = temp('folder-in');
  for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(dir, `${name}.txt`), text);
  mkdirSync(join(dir, 'news'));
  writeFileSync(join(dir, 'news', 'd.txt'), 'Daoud Qarani said the talks would resume.\n');
  return dir;
}

const extract = (...args: string[]) => cli('extract', ...args, '--quiet');

/** A pid that ran here and has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid!;
}

describe('the manifest lists every document of the run', () => {
  it('with its docId, path, line and status, by path then line, tallying with the counts', async () => {
    const input = writeInputs();
    writeFileSync(
      join(input, 'feed.jsonl'),
      `${JSON.stringify({ id: 'f1', text: TEXTS.a })}\nnot json\n${JSON.stringify({ id: 'f3', text: '' })}\n`,
    );
    writeFileSync(join(input, 'empty.txt'), '');
    const out = temp('folder-out');
    expect((await extract(input, '--out', out)).code).toBe(2);
    writeFileSync(join(input, 'c.txt'), TEXTS.c + 'She said it again.\n');
    await extract(input, '--out', out);
    const manifest = manifestOf(out);
    const rows = manifest.documents!.map((d) => [d.docId, d.path.slice(input.length + 1), d.line, d.status]);
    expect(rows).toEqual([
      ['a', 'a.txt', null, 'unchanged'],
      ['b', 'b.txt', null, 'unchanged'],
      ['c', 'c.txt', null, 'written'],
      ['empty', 'empty.txt', null, 'failed'],
      ['f1', 'feed.jsonl', 1, 'unchanged'],
      [null, 'feed.jsonl', 2, 'failed'],
      ['f3', 'feed.jsonl', 3, 'failed'],
      ['news/d', 'news/d.txt', null, 'unchanged'],
    ]);
    const { counts } = manifest;
    expect(manifest.documents).toHaveLength(counts.read);
    expect(rows.filter((r) => r[3] === 'written')).toHaveLength(counts.written);
    expect(rows.filter((r) => r[3] === 'failed')).toHaveLength(counts.failed);
    expect(manifest.interrupted).toBeNull();
  });
});

describe('stale articles', () => {
  it('are removed at the end of the run when their input is gone, renamed or now fails; other files stay', async () => {
    const input = writeInputs();
    const out = temp('stale-out');
    expect((await extract(input, '--out', out)).code).toBe(0);
    expect(articles(out)).toEqual(['a.json', 'b.json', 'c.json']);
    writeFileSync(join(out, 'notes.json'), '{"mine": true}\n');
    writeFileSync(join(out, 'report.html'), '<p>report</p>');

    writeFileSync(join(input, 'a.txt'), ''); // `: > a.txt`: now fails with E101
    rmSync(join(input, 'b.txt'));
    renameSync(join(input, 'c.txt'), join(input, 'c2.txt'));
    rmSync(join(input, 'news'), { recursive: true });
    expect((await extract(input, '--out', out)).code).toBe(2);

    expect(articles(out)).toEqual(['c2.json', 'notes.json']);
    expect(existsSync(join(out, 'news'))).toBe(false);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const manifest = manifestOf(out);
    expect(manifest.staleOutputs).toEqual(['a', 'b', 'c', 'news/d'].map((docId) => ({ docId, movedTo: null })));
    expect(manifest.failures.map((f) => [f.docId, f.code])).toEqual([['a', 'E101']]);
  });

  it('are moved to <out>/.stale/ with --keep-stale', async () => {
    const input = writeInputs();
    const out = temp('keep-stale-out');
    await extract(input, '--out', out);
    const before = readFileSync(join(out, 'news', 'd.json'), 'utf8');
    rmSync(join(input, 'news'), { recursive: true });
    rmSync(join(input, 'b.txt'));
    expect((await extract(input, '--out', out, '--keep-stale')).code).toBe(0);
    expect(articles(out)).toEqual(['a.json', 'c.json']);
    expect(readFileSync(join(out, '.stale', 'news', 'd.json'), 'utf8')).toBe(before);
    expect(existsSync(join(out, '.stale', 'b.json'))).toBe(true);
    const manifest = manifestOf(out);
    expect(manifest.staleOutputs).toEqual([
      { docId: 'b', movedTo: '.stale/b.json' },
      { docId: 'news/d', movedTo: '.stale/news/d.json' },
    ]);
    expect(manifest.options.keepStale).toBe(true);
  });

  it('include the articles of another input set run into the same folder: the folder matches the last run', async () => {
    const first = writeInputs();
    const second = temp('other-in');
    writeFileSync(join(second, 'z.txt'), 'Petra Lindqvist said the dam would open.\n');
    const out = temp('other-out');
    await extract(first, '--out', out);
    expect((await extract(second, '--out', out)).code).toBe(0);
    expect(articles(out)).toEqual(['z.json']);
    expect(manifestOf(out).documents!.map((d) => d.docId)).toEqual(['z']);
  });
});

describe('the output folder lock', () => {
  it('refuses a second run into a folder in use, naming the owner; the folder is usable once it is released', async () => {
    const input = writeInputs();
    const out = temp('locked-out');
    const lock = await acquireOutputLock(out, 'stancemap extract');
    try {
      const refused = await extract(input, '--out', out);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(`E010 output folder in use: .* is being written by stancemap extract \\(pid ${process.pid} on this host, since `),
      );
      expect(readdirSync(out)).toEqual(['.stancemap.lock']);
    } finally {
      await lock.release();
    }
    expect(readdirSync(out)).toEqual([]);
    expect((await extract(input, '--out', out)).code).toBe(0);
    expect(existsSync(join(out, '.stancemap.lock'))).toBe(false);
  });

  it("takes over a lock whose process no longer runs on this host, with a warning; another host's lock is left to the user", async () => {
    const input = writeInputs();
    const out = temp('stale-lock-out');
    const pid = deadPid();
    const owner = { pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'stancemap extract', token: 'old' };
    writeFileSync(join(out, '.stancemap.lock'), JSON.stringify(owner));
    const result = await cli('extract', input, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`warning: took over the lock of .* left by pid ${pid} .*which no longer runs`));
    expect(existsSync(join(out, '.stancemap.lock'))).toBe(false);

    writeFileSync(join(out, '.stancemap.lock'), JSON.stringify({ ...owner, host: 'elsewhere.example' }));
    const refused = await extract(input, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /E010 .*\(pid \d+ on host elsewhere\.example, since .*\); if it no longer runs there, delete .*\.stancemap\.lock/,
    );
  });
});

describe('leftovers of a killed run', () => {
  it("are removed at the start: temporary files of processes that no longer run, not a live process's", async () => {
    const input = writeInputs();
    const out = temp('leftover-out');
    const dead = deadPid();
    mkdirSync(join(out, 'news'));
    const leftovers = [`a.json.tmp-${dead}-0a1b2c3d`, `news/d.json.tmp-${dead}-ffff0000`, `.stancemap.lock.tmp-${dead}-12345678`];
    for (const name of leftovers) writeFileSync(join(out, name), '{"half": ');
    const live = `manifest.json.tmp-${process.pid}-abcdef01`;
    writeFileSync(join(out, live), 'in progress');
    expect((await extract(input, '--out', out)).code).toBe(0);
    for (const name of leftovers) expect(existsSync(join(out, name)), name).toBe(false);
    expect(existsSync(join(out, live))).toBe(true);
    expect(articles(out)).toEqual(['a.json', 'b.json', 'c.json']);
  });
});
