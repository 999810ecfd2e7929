import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ENTITY_RECOGNIZERS, buildDefaultPipeline, type EntityRecognizerName } from '../pipeline/default.js';
import { createProgress } from '../pipeline/progress.js';
import { runExtract } from '../pipeline/runner.js';
import { positiveInteger } from './main.js';

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

interface ExtractFlags {
  out: string;
  concurrency: number;
  batchSize: number;
  force: boolean;
  quiet: boolean;
  maxBytes: number;
  kb: string[];
  progressInterval: number;
  entities: EntityRecognizerName[];
  stanceModel?: string;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('read every document under the paths and write one JSON per document, a manifest and errors.ndjson')
    .argument('<path...>', 'files or folders (searched recursively) of .txt, .md, .html/.htm and .jsonl documents')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('-c, --concurrency <n>', 'batches processed at once', positiveInteger, 2)
    .option('--batch-size <n>', 'documents per batch handed to the models', positiveInteger, 8)
    .option('-f, --force', 'redo documents whose output is already up to date', false)
    .option('-q, --quiet', 'no progress or summary on stderr', false)
    .option('--max-bytes <n>', 'documents larger than this fail with E103 instead of being read', positiveInteger, DEFAULT_MAX_BYTES)
    .option('--kb <file>', 'extra knowledge-base file (same schema as src/resources/kb/*.json); repeatable', collect, [])
    .option('--progress-interval <seconds>', 'seconds between progress lines when stderr is not a terminal', positiveInteger, 10)
    .option('--stance-model <file>', 'label statements with a model from `stancemap train stance` instead of the rules')
    .option('--entities <list>', `entity recognizers to run, comma-separated (${ENTITY_RECOGNIZERS.join(',')})`, recognizerList, [...ENTITY_RECOGNIZERS])
    .action(async function (this: Command, paths: string[], flags: ExtractFlags) {
      const { pipeline, knowledgeBase } = buildDefaultPipeline({
        kbFiles: flags.kb,
        entityRecognizers: flags.entities,
        ...(flags.stanceModel !== undefined ? { stanceModel: flags.stanceModel } : {}),
      });
      const progress = flags.quiet ? undefined : createProgress(process.stderr, { intervalMs: flags.progressInterval * 1000 });
      const result = await runExtract(pipeline, {
        inputs: paths,
        outDir: flags.out,
        concurrency: flags.concurrency,
        batchSize: flags.batchSize,
        force: flags.force,
        maxBytes: flags.maxBytes,
        knowledgeBase,
        ...(progress ? { progress } : {}),
      });
      if (!flags.quiet) {
        const c = result.manifest.counts;
        process.stderr.write(
          `stancemap: ${c.read} read, ${c.written} written, ${c.unchanged} unchanged, ${c.failed} failed, ${c.skipped} skipped` +
            ` in ${(result.manifest.durationMs / 1000).toFixed(1)}s → ${flags.out}/manifest.json\n`,
        );
        for (const failure of result.manifest.failures.slice(0, 10)) {
          process.stderr.write(`  failed: ${failure.path}${failure.line ? `:${failure.line}` : ''}: ${failure.reason}\n`);
        }
        if (result.manifest.failures.length > 10) process.stderr.write(`  … ${result.manifest.failures.length - 10} more in ${flags.out}/errors.ndjson\n`);
      }
      (this as Command & { exitCodeResult?: number }).exitCodeResult = result.exitCode;
    });
}

function recognizerList(value: string): EntityRecognizerName[] {
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(ENTITY_RECOGNIZERS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) throw new InvalidArgumentError(`expected some of ${ENTITY_RECOGNIZERS.join(', ')}; got "${value}"`);
  return names as EntityRecognizerName[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
