import type { Command } from 'commander';
import { formatAttributionReport, missingPredictions, scoreAttributionDirs } from '../evaluate/attribution.js';
import { formatReport } from '../evaluate/format.js';
import { loadPairs } from '../evaluate/load.js';
import { evaluate } from '../evaluate/scorer.js';
import { FatalError } from '../errors.js';

interface EvaluateFlags {
  gold: string;
  pred: string;
  json: boolean;
  errors: boolean;
  attribution: boolean;
  corpus?: string;
  covering: boolean;
  window: string;
}

/** Names shown in a warning before the rest is only counted. */
const NAMED = 10;

/**
 * Says on stderr which gold documents have no prediction file: each is scored
 * as an empty prediction, which is right for a document the run found nothing
 * in but wrong for one it never wrote (a wrong --pred, a failed document).
 */
function warnMissing(missing: readonly string[], gold: number, predDir: string): void {
  if (missing.length === 0) return;
  const names = missing.slice(0, NAMED).join(', ') + (missing.length > NAMED ? `, … and ${missing.length - NAMED} more` : '');
  process.stderr.write(
    `stancemap: warning: ${missing.length} of ${gold} gold documents have no prediction under ${predDir} and are scored as empty: ${names}\n`,
  );
}

async function evaluateContract(flags: EvaluateFlags): Promise<void> {
  const { pairs, documents, missing } = await loadPairs(flags.gold, flags.pred);
  const report = evaluate(pairs, documents);
  warnMissing(missing, documents.gold, flags.pred);
  if (documents.predFound === 0)
    process.stderr.write(
      `stancemap: warning: no prediction under ${flags.pred} matches a gold document; every document is scored as empty\n`,
    );
  if (flags.json) {
    const { errors, ...figures } = report;
    process.stdout.write(JSON.stringify(flags.errors ? { ...figures, errors } : figures, null, 2) + '\n');
  } else {
    process.stdout.write(formatReport(report, { errors: flags.errors }));
  }
}

function evaluateAttribution(flags: EvaluateFlags): void {
  const window = Number(flags.window);
  if (!Number.isInteger(window) || window < 0)
    throw new FatalError('E001', `--window must be a whole number of 0 or more, not "${flags.window}"`);
  const report = scoreAttributionDirs(flags.gold, flags.pred, {
    ...(flags.corpus === undefined ? {} : { corpus: flags.corpus }),
    covering: flags.covering,
    window,
  });
  warnMissing(missingPredictions(flags.gold, flags.pred), report.documents.gold, flags.pred);
  process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatAttributionReport(report));
}

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('score predictions against gold annotations (docs/scoring.md), or against PolNeAR attributions with --attribution')
    .requiredOption(
      '--gold <dir>',
      'gold files, <docId>.json (the gold format of docs/scoring.md, or PolNeAR gold with --attribution); any subfolder of a gold tree works',
    )
    .requiredOption('--pred <dir>', 'output folder of stancemap extract (or any contract-shaped predictions)')
    .option(
      '--json',
      'print the figures as JSON (the keys of ../shared/tools/score.mjs --json or polnear.mjs score --json, plus ours)',
      false,
    )
    .option('--errors', 'list every false positive and false negative with context', false)
    .option(
      '--attribution',
      'score statements as attribution detection and source accuracy against PolNeAR gold (stancemap convert polnear)',
      false,
    )
    .option('--corpus <dir>', 'with --attribution: the texts, for the speakerText rule (default <gold>/../corpus)')
    .option('--covering', 'with --attribution: measure overlap over the covering content span instead of its fragments', false)
    .option('--window <chars>', 'with --attribution: how far around a statement a speakerText may be found', '200')
    .action(async (flags: EvaluateFlags) => {
      if (flags.attribution) evaluateAttribution(flags);
      else await evaluateContract(flags);
    });
}
