import { Option, type Command } from 'commander';
import { DEFAULT_LIMITS } from '../report/aggregate.js';
import type { ChunkMode } from '../report/chunks.js';
import { openInBrowser } from '../report/open.js';
import { DEFAULT_CHUNKS, writeReport, type ReportResult } from '../report/run.js';
import { outputPathOption, positiveInteger } from './options.js';

interface ReportFlags {
  out: string;
  open: boolean;
  articles: ChunkMode;
  chunkSize: number;
  minDocs: number;
  maxActors: number;
  quiet: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'one self-contained HTML report of an output folder: highlighted articles, the actor stance graph, a timeline, the run summary',
    )
    .argument('<dir>', 'output folder of stancemap extract (manifest.json and the <docId>.json files)')
    .option('-o, --out <file>', 'the HTML file to write', outputPathOption('--out'), 'report.html')
    .option('--open', 'open the report in a browser when one can be started', false)
    .addOption(
      new Option(
        '--articles <where>',
        'article texts inlined in the page, in chunk files beside it (<name>-files/), or inlined up to 8 MiB',
      )
        .choices(['auto', 'inline', 'files'])
        .default('auto'),
    )
    .option('--chunk-size <n>', 'articles per chunk the page loads at once', positiveInteger, DEFAULT_CHUNKS.size)
    .option(
      '--min-docs <n>',
      'documents an actor without a knowledge-base id needs to be in the graph',
      positiveInteger,
      DEFAULT_LIMITS.minDocs,
    )
    .option(
      '--max-actors <n>',
      'the graph keeps this many actors, those with the most support and threat statements',
      positiveInteger,
      DEFAULT_LIMITS.maxActors,
    )
    .option('-q, --quiet', 'no summary on stderr (files that are not articles are still printed)', false)
    .action(async function (this: Command, dir: string, flags: ReportFlags) {
      (this as Command & { exitCodeResult?: number }).exitCodeResult = await reportCommand(dir, flags);
    });
}

async function reportCommand(dir: string, flags: ReportFlags): Promise<number> {
  const result = await writeReport({
    root: dir,
    out: flags.out,
    chunks: { ...DEFAULT_CHUNKS, mode: flags.articles, size: flags.chunkSize },
    limits: { minDocs: flags.minDocs, maxActors: flags.maxActors },
    report: (line) => process.stderr.write(`stancemap: ${line}\n`),
  });
  if (!flags.quiet) reportSummary(result, flags.out);
  if (flags.open) {
    const note = await openInBrowser(flags.out);
    if (note !== null) process.stderr.write(`stancemap: ${note}\n`);
  }
  return result.exitCode;
}

function reportSummary(result: ReportResult, out: string): void {
  const size = (result.bytes / 1024 / 1024).toFixed(1);
  const beside = result.chunkDir === null ? '' : `, article texts in ${result.chunkDir}/`;
  process.stderr.write(
    `stancemap: report of ${result.articles} articles (${result.invalid} files not articles) → ${out} (${size} MiB${beside}) in ${(result.durationMs / 1000).toFixed(1)}s\n`,
  );
}
