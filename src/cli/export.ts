import type { Command } from 'commander';
import { runExport, type ExportResult } from '../export/run.js';
import { TARGET_FORMS, parseTarget, type TargetSpec } from '../export/target.js';
import { createProgress } from '../pipeline/progress.js';
import { positiveInteger } from './options.js';

interface ExportFlags {
  to: TargetSpec;
  kb: string[];
  quiet: boolean;
  progressInterval: number;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('load an output folder of extract into SQLite or PostgreSQL, or into one NDJSON or CSV file per table')
    .argument('<dir>', 'output folder of stancemap extract (manifest.json and the <docId>.json files)')
    .option('-t, --to <target>', `where to: ${TARGET_FORMS}`, parseTarget, parseTarget('sqlite:stancemap.sqlite'))
    .option('--kb <file>', 'extra knowledge-base file given to extract, for kb_entities; repeatable', collect, [])
    .option('-q, --quiet', 'no progress or summary on stderr (failures are still printed)', false)
    .option('--progress-interval <seconds>', 'seconds between progress lines when stderr is not a terminal', positiveInteger, 10)
    .action(async function (this: Command, dir: string, flags: ExportFlags) {
      (this as Command & { exitCodeResult?: number }).exitCodeResult = await exportCommand(dir, flags);
    });
}

async function exportCommand(dir: string, flags: ExportFlags): Promise<number> {
  const result = await runExport({
    root: dir,
    target: flags.to,
    kbFiles: flags.kb,
    report: (line) => process.stderr.write(`stancemap: ${line}\n`),
    ...(flags.quiet ? {} : { progress: createProgress(process.stderr, { intervalMs: flags.progressInterval * 1000 }) }),
  });
  if (!flags.quiet) reportSummary(result);
  return result.exitCode;
}

function reportSummary(result: ExportResult): void {
  const c = result.counts;
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(c.rows / seconds) : c.rows;
  process.stderr.write(
    `stancemap: ${c.read} read, ${c.written} written, ${c.unchanged} unchanged, ${c.failed} failed, ${c.skipped} skipped;` +
      ` ${c.rows} rows in ${seconds.toFixed(1)}s (${rate} rows/s) → ${result.target}\n`,
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
