#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { FatalError, describeError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs (or for the help
 * that lists them all): `extract` with worker threads must not load every
 * model in the main thread because `train` or `submit` imports them.
 */
const COMMANDS: Record<string, () => Promise<Register[]>> = {
  extract: async () => [(await import('./extract.js')).registerExtract],
  evaluate: async () => [(await import('./evaluate.js')).registerEvaluate],
  train: async () => [(await import('./train.js')).registerTrain],
  convert: async () => [(await import('./convert.js')).registerConvert],
  export: async () => [(await import('./export.js')).registerExport],
  submit: async () => [(await import('./submit.js')).registerSubmit],
  worker: async () => [(await import('./worker.js')).registerWorker],
  collect: async () => [(await import('./submit.js')).registerCollect],
  report: async () => [(await import('./report.js')).registerReport],
};

/** Builds the CLI with the commands `argv` needs (all of them unless it names one); `run` parses argv and returns the exit code (CONTRACT.md: 0, 1 or 2). */
export async function buildCli(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('stancemap')
    .description('Entities and attributed statements (support, threat, claim) from news articles, one JSON per article.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError('(run stancemap --help for usage)');
  const named = argv[0] !== undefined ? COMMANDS[argv[0]] : undefined;
  const loaders = named ? [named] : Object.values(COMMANDS);
  for (const registers of await Promise.all(loaders.map((load) => load()))) for (const register of registers) register(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = await buildCli(argv);
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
