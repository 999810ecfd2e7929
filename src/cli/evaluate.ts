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
    .description('score predictions against gold annotations (ANNOTATION.md "How evaluate scores")')
    .requiredOption('--gold <dir>', 'gold files, <docId>.json (CONTRACT.md gold format); any subfolder of a gold tree works')
    .requiredOption('--pred <dir>', 'output folder of stancemap extract (or any contract-shaped predictions)')
    .option('--json', 'print the figures as JSON (the keys of ../shared/tools/score.mjs --json, plus ours)', false)
    .option('--errors', 'list every false positive and false negative with context', false)
    .action(async (flags: EvaluateFlags) => {
      const { pairs, documents } = await loadPairs(flags.gold, flags.pred);
      const report = evaluate(pairs, documents);
      if (documents.predFound === 0) process.stderr.write(`stancemap: warning: no prediction under ${flags.pred} matches a gold document; every document is scored as empty\n`);
      if (flags.json) {
        const { errors, ...figures } = report;
        process.stdout.write(JSON.stringify(flags.errors ? { ...figures, errors } : figures, null, 2) + '\n');
      } else {
        process.stdout.write(formatReport(report, { errors: flags.errors }));
      }
    });
}
