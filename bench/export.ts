/**
 * npm run bench:export -- <output dir>: export speed (rows/s) into a fresh
 * SQLite file and, when STANCEMAP_BENCH_POSTGRES_URL (or
 * STANCEMAP_TEST_POSTGRES_URL) names a server, a fresh PostgreSQL database;
 * then the same export again, which must write nothing. The output folder is
 * any `stancemap extract` output; the README's figures come from 2,155
 * documents made from the shared data sets (nothing of them is copied here):
 *
 *   node dist/cli/main.js convert conll ../shared/data/conll2003/train.txt --out /tmp/b/conll-train
 *   node dist/cli/main.js convert conll ../shared/data/conll2003/valid.txt --out /tmp/b/conll-valid
 *   node dist/cli/main.js extract /tmp/b/conll-train/corpus /tmp/b/conll-valid/corpus \
 *     ../shared/data/polnear/train/corpus ../shared/data/polnear/dev/corpus \
 *     ../shared/data/voa/dev.jsonl ../shared/data/voa/unlabelled.jsonl --out /tmp/b/out
 *   npm run bench:export -- /tmp/b/out
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExport, type ExportResult } from '../src/export/run.js';
import type { TargetSpec } from '../src/export/target.js';

const root = process.argv[2];
if (root === undefined) {
  process.stderr.write('usage: npm run bench:export -- <output dir of stancemap extract>\n');
  process.exit(1);
}
const server = process.env.STANCEMAP_BENCH_POSTGRES_URL ?? process.env.STANCEMAP_TEST_POSTGRES_URL;

async function exportOnce(target: TargetSpec): Promise<ExportResult> {
  const result = await runExport({ root: root!, target, kbFiles: [], report: (line) => process.stderr.write(`${line}\n`) });
  if (result.exitCode !== 0) throw new Error(`export to ${result.target} failed: ${result.failures[0]?.message}`);
  return result;
}

function line(name: string, first: ExportResult, again: ExportResult): string {
  const c = first.counts;
  const seconds = first.durationMs / 1000;
  return [
    name.padEnd(10),
    `${c.written} docs`,
    `${c.rows} rows`,
    `${seconds.toFixed(1)} s`,
    `${Math.round(c.rows / seconds)} rows/s`,
    `${Math.round(c.written / seconds)} docs/s`,
    `re-export: ${again.counts.written} written, ${again.counts.unchanged} unchanged in ${(again.durationMs / 1000).toFixed(1)} s`,
  ].join(' | ');
}

async function freshPostgres(url: string): Promise<{ target: TargetSpec; drop: () => Promise<void> }> {
  const name = `stancemap_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: target.toString() },
    drop: async () => {
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    },
  };
}

const sqlite: TargetSpec = { kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'stancemap-bench-export-')), 'bench.sqlite') };
process.stdout.write(`${line('sqlite', await exportOnce(sqlite), await exportOnce(sqlite))}\n`);
if (server === undefined) {
  process.stdout.write('postgres   | skipped: set STANCEMAP_BENCH_POSTGRES_URL\n');
} else {
  const { target, drop } = await freshPostgres(server);
  process.stdout.write(`${line('postgres', await exportOnce(target), await exportOnce(target))}\n`);
  await drop();
}
