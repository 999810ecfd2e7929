import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCorpus } from './corpus.js';

/** Where the bench keeps its corpora and outputs (git-ignored). */
export const BENCH_ROOT = '.bench';

export interface Measured {
  name: string;
  seconds: number;
  peakRssMb: number;
}

/** Runs a node process with the peak-RSS reporter preloaded (and `env` added to its environment); returns its wall time, peak RSS and stdout. */
export async function timed(name: string, args: string[], env: Record<string, string> = {}): Promise<Measured & { stdout: string }> {
  const rssFile = join(BENCH_ROOT, `rss-${process.pid}`);
  rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', './bench/peak-rss.mjs', ...args], {
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Exit 2 is a finished run with some documents failed; the bench corpus has none, but it is not a crash.
  if (code !== 0 && code !== 2) throw new Error(`${name}: exit ${code}`);
  return { name, seconds, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, stdout };
}

/** `stancemap extract` over `input` into a fresh folder, with `workers` threads, any further flags and environment; with the run's counts. */
export async function extract(
  name: string,
  input: string,
  workers: number,
  { flags = [], env = {} }: { flags?: string[]; env?: Record<string, string> } = {},
): Promise<Measured & { counts: Counts }> {
  const out = join(BENCH_ROOT, 'out');
  rmSync(out, { recursive: true, force: true });
  const run = await timed(
    name,
    ['dist/cli/main.js', 'extract', input, '--out', out, '--quiet', '--workers', String(workers), ...flags],
    env,
  );
  const { counts } = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { counts: Counts };
  return { ...run, counts };
}

export interface Counts {
  read: number;
  written: number;
  failed: number;
}

/** A corpus folder, generated once per size (the generator is deterministic, so a folder of that name is that corpus). */
export function corpusFolder(name: string, texts: () => string[]): { dir: string; bytes: number } {
  const dir = join(BENCH_ROOT, name);
  const stamp = join(dir, '.bytes');
  if (!existsSync(stamp)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(stamp, String(writeCorpus(dir, texts())));
  }
  return { dir, bytes: Number(readFileSync(stamp, 'utf8')) };
}
