#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { FatalError, describeError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { registerConvert } from './convert.js';
import { registerEvaluate } from './evaluate.js';
import { registerExport } from './export.js';
import { registerExtract } from './extract.js';
import { registerCollect, registerSubmit } from './submit.js';
import { registerReport } from './report.js';
import { registerTrain } from './train.js';
import { registerWorker } from './worker.js';

/** Builds the CLI; `run` parses argv and returns the exit code (CONTRACT.md: 0, 1 or 2). */
export function buildCli(): Command {
  const program = new Command('stancemap')
    .description('Entities and attributed statements (support, threat, claim) from news articles, one JSON per article.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError('(run stancemap --help for usage)');
  registerExtract(program);
  registerEvaluate(program);
  registerTrain(program);
  registerConvert(program);
  registerExport(program);
  registerSubmit(program);
  registerWorker(program);
  registerCollect(program);
  registerReport(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildCli();
  let exitCode = 0;
  program.hook('postAction', (_this, action) => {
    exitCode = (action as Command & { exitCodeResult?: number }).exitCodeResult ?? 0;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof FatalError) {
      process.stderr.write(`stancemap: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`stancemap: unexpected error: ${describeError(error)}\n`);
    if (process.env.STANCEMAP_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntryPoint || process.argv[1]?.endsWith('/stancemap')) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
