import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleChecked } from '../../src/schema/article.js';
import { manifestOf, temp } from '../helpers/output.js';

/** Many copies of a sample article: a run that lasts long enough to be stopped in the middle. */
function writeCorpus(copies: number): string {
  const input = temp('signal-in');
  const text = readFileSync('corpus/home/qaani-baghdad-visit.txt', 'utf8');
  for (let i = 0; i < copies; i++) writeFileSync(join(input, `copy-${String(i).padStart(3, '0')}.txt`), `${text}\nCopy ${i}.\n`);
  return input;
}

interface Stopped {
  code: number | null;
  stderr: string;
}

/** Runs the CLI from the sources; `onRunning` is called once the first article is written. */
function runUntilStopped(args: string[], onRunning: (child: ChildProcess, stderr: () => string) => void): Promise<Stopped> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const out = args[args.indexOf('--out') + 1]!;
  const poll = setInterval(() => {
    if (existsSync(out) && readdirSync(out).some((f) => f.endsWith('.json'))) {
      clearInterval(poll);
      onRunning(child, () => stderr);
    }
  }, 20);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stderr });
    }),
  );
}

const articleFiles = (out: string) => readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'manifest.json');

describe('stopping a run with a signal', () => {
  it.each([['0'], ['1']])(
    'SIGTERM with --workers %s: finishes the documents in flight, writes the manifest marked interrupted, frees the folder, exits 143',
    async (workers) => {
      const input = writeCorpus(300);
      const out = temp('sigterm-out');
      const args = ['extract', input, '--out', out, '--quiet', '--workers', workers, '--batch-size', '4'];
      const stopped = await runUntilStopped(args, (child) => child.kill('SIGTERM'));
      expect(stopped.code).toBe(143);
      expect(stopped.stderr).toMatch(/SIGTERM: finishing the documents in flight/);
      const manifest = manifestOf(out);
      expect(manifest.interrupted).toBe('SIGTERM');
      expect(manifest.counts.written).toBeGreaterThan(0);
      expect(manifest.counts.written).toBeLessThan(300);
      expect(manifest.counts.read).toBe(manifest.counts.written + manifest.counts.failed + manifest.counts.unchanged);
      // Every document handed out was finished: the folder holds exactly the articles the manifest lists.
      const listed = manifest.documents!.filter((d) => d.status === 'written').map((d) => `${d.docId}.json`);
      expect(articleFiles(out).sort()).toEqual(listed.sort());
      for (const file of articleFiles(out))
        expect(() => ArticleChecked.parse(JSON.parse(readFileSync(join(out, file), 'utf8')))).not.toThrow();
      expect(readdirSync(out).filter((f) => f.startsWith('.') || f.includes('.tmp-'))).toEqual([]);
      expect(readFileSync(join(out, 'errors.ndjson'), 'utf8')).toBe('');
    },
  );

  it('a second SIGINT exits 130 at once, without waiting for the documents in flight, and leaves no lock', async () => {
    const input = writeCorpus(300);
    const out = temp('sigint-out');
    let stoppedAt = 0;
    // With worker threads the main thread is free to take the second signal at once (in this thread, between stages).
    const args = ['extract', input, '--out', out, '--quiet', '--workers', '1', '--batch-size', '100'];
    const stopped = await runUntilStopped(args, (child, stderr) => {
      child.kill('SIGINT');
      const again = setInterval(() => {
        if (!/SIGINT: finishing/.test(stderr())) return;
        clearInterval(again);
        stoppedAt = Date.now();
        child.kill('SIGINT');
      }, 5);
    });
    expect(stopped.code).toBe(130);
    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    // The batch of 100 in flight was not finished, so there is no manifest of the run, and the lock is gone.
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    expect(articleFiles(out).length).toBeLessThan(300);
    expect(existsSync(join(out, '.stancemap.lock'))).toBe(false);
  });
});
