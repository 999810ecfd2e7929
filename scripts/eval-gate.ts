/**
 * npm run eval: the accuracy regression gate. Extracts the sample corpus with
 * the built CLI, scores it against gold/, and fails when any figure is below
 * its floor in eval/floors.json. Raise floors as accuracy improves; never
 * lower one to make a run pass.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { checkFloors, type Floors } from '../src/evaluate/gate.js';
import type { EvaluationReport } from '../src/evaluate/scorer.js';

const pred = '.eval/pred';
const cli = (args: string[]) => execFileSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

cli(['extract', 'corpus', '--out', pred, '--force', '--quiet']);
const report = JSON.parse(cli(['evaluate', '--gold', 'gold', '--pred', pred, '--json'])) as EvaluationReport;
const floors = JSON.parse(readFileSync('eval/floors.json', 'utf8')) as { floors: Floors };
const result = checkFloors(report, floors.floors);
for (const c of result.checked) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.figure.padEnd(36)} ${c.value.toFixed(4)} (floor ${c.floor.toFixed(2)})`);
console.log(result.passed ? 'eval gate: passed' : 'eval gate: FAILED — a figure dropped below its floor');
process.exitCode = result.passed ? 0 : 1;
