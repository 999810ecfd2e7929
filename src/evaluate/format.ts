import { ENTITY_TYPES, STANCE_LABELS } from '../document/types.js';
import type { Prf } from './metrics.js';
import type { EvaluationReport } from './scorer.js';

const pct = (value: number) => (value * 100).toFixed(1).padStart(6);
const row = (name: string, p: Prf) =>
  `  ${name.padEnd(14)}${pct(p.precision)}${pct(p.recall)}${pct(p.f1)}   ${String(p.tp).padStart(5)}${String(p.fp).padStart(5)}${String(p.fn).padStart(5)}`;
const header = (title: string) => `${title}\n  ${''.padEnd(14)}     P      R     F1      tp   fp   fn`;

/** The human-readable table `stancemap evaluate` prints. */
export function formatReport(report: EvaluationReport, options: { errors?: boolean } = {}): string {
  const lines: string[] = [`stancemap evaluate: ${report.documents} documents`, ''];
  for (const [title, table] of [
    ['Mentions, strict (exact span and type)', report.mentions.strict],
    ['Mentions, exact span (any type)', report.mentions.exactSpan],
    ['Mentions, partial overlap (same type)', report.mentions.partial],
    ['Entities (share an exact mention, same type)', report.entities.byType],
  ] as const) {
    lines.push(header(title));
    for (const type of [...ENTITY_TYPES, 'micro'] as const) lines.push(row(type, table[type]));
    lines.push('');
  }
  const b = report.entities.bCubed;
  lines.push(`Entity clustering, B-cubed over matched mentions: P ${pct(b.precision)}  R ${pct(b.recall)}  F1 ${pct(b.f1)}`, '');
  lines.push(header('Statements (overlap ≥ half the shorter span, one-to-one)'));
  for (const label of STANCE_LABELS) lines.push(row(label, report.statements.byLabel[label]));
  lines.push(row('unlabelled', report.statements.unlabelled));
  lines.push(`  macro-F1 ${pct(report.statements.macroF1)}`, '');
  const keys = [...STANCE_LABELS, 'none'] as const;
  lines.push('Label confusion (rows gold, columns predicted)', `  ${''.padEnd(10)}${keys.map((k) => k.padStart(9)).join('')}`);
  for (const g of keys) lines.push(`  ${g.padEnd(10)}${keys.map((p) => String(report.statements.confusion[g][p]).padStart(9)).join('')}`);
  const s = report.statements.speaker;
  lines.push('', `Speaker accuracy (label-matched, named gold speaker): ${pct(s.accuracy)}  (${s.correct}/${s.total})`);
  lines.push('', 'Confidence calibration (predicted statements right, by confidence band)');
  for (const band of report.statements.calibration) {
    if (band.count > 0) lines.push(`  ${band.from.toFixed(1)}–${band.to.toFixed(1)}  ${pct(band.accuracy)}  (${band.correct}/${band.count})`);
  }
  if (options.errors) {
    lines.push('', `Errors (${report.errors.length})`);
    for (const e of report.errors) {
      lines.push(`  ${e.error === 'false-positive' ? 'FP' : 'FN'} ${e.kind.padEnd(9)} ${e.docId} ${e.start}-${e.end} ${e.tag}: ${e.context}`);
    }
  }
  return lines.join('\n') + '\n';
}
