import type { Command } from 'commander';
import { formatReport } from '../evaluate/format.js';
import { loadPairs } from '../evaluate/load.js';
import { evaluate } from '../evaluate/scorer.js';

interface EvaluateFlags {
  gold: string;
  pred: string;
  json: boolean;
  errors: boolean;
}

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('score predictions against gold annotations (README "Metrics")')
    .requiredOption('--gold <dir>', 'gold files, <docId>.json (CONTRACT.md gold format)')
    .requiredOption('--pred <dir>', 'output folder of stancemap extract')
    .option('--json', 'print the figures as JSON', false)
    .option('--errors', 'list every false positive and false negative with context', false)
    .action(async (flags: EvaluateFlags) => {
      const report = evaluate(await loadPairs(flags.gold, flags.pred));
      if (flags.json) {
        const { errors, ...figures } = report;
        process.stdout.write(JSON.stringify(flags.errors ? { ...figures, errors } : figures, null, 2) + '\n');
      } else {
        process.stdout.write(formatReport(report, { errors: flags.errors }));
      }
    });
}
