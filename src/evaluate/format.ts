import { ENTITY_TYPES, STANCE_LABELS } from '../document/types.js';
import type { EntityPrf, Prf } from './metrics.js';
import type { EvaluationReport } from './scorer.js';
import { CONFUSION_KEYS } from './score-statements.js';

/** A ratio as a percentage; an undefined one as a dash. */
export const percent = (value: number | null, width = 6) => (value === null ? '—' : (value * 100).toFixed(1)).padStart(width);
const count = (n: number, width = 6) => String(n).padStart(width);
const row = (name: string, p: Prf) =>
  `  ${name.padEnd(14)}${percent(p.precision)}${percent(p.recall)}${percent(p.f1)}   ${count(p.tp)}${count(p.fp)}${count(p.fn)}`;
const entityRow = (name: string, p: EntityPrf) =>
  `  ${name.padEnd(14)}${percent(p.precision)}${percent(p.recall)}${percent(p.f1)}   ${count(p.gold)}${count(p.found)}${count(p.pred)}${count(p.correct)}`;
const header = (title: string) => `${title}\n  ${''.padEnd(14)}     P      R     F1       tp    fp    fn`;

function documentLine(report: EvaluationReport): string {
  const d = report.documents;
  const byName = d.matchedByName > 0 ? ` (${d.matchedByName} of them by file name)` : '';
  return `stancemap evaluate: ${d.gold} gold documents, ${d.predFound} predictions matched${byName}, ${d.predMissing} missing, ${d.predUnreadable} unreadable, ${d.predExtra} prediction files without gold`;
}

function mentionLines(report: EvaluationReport): string[] {
  const lines: string[] = [];
  const m = report.mentions;
  lines.push(header('Mentions, strict (exact span and type)'));
  for (const type of ENTITY_TYPES) lines.push(row(type, m.perType[type]));
  lines.push(
    row('micro', m.micro),
    `  macro-F1 ${percent(m.macroF1)}   ignored predictions ${m.ignoredPredictions}, duplicates ${m.duplicatePredictions}, invalid ${m.invalidPredictions}`,
    '',
  );
  for (const [title, t] of [
    ['Mentions, exact span (any type)', m.exactSpan],
    ['Mentions, partial overlap (same type)', m.partial],
  ] as const) {
    lines.push(header(title));
    for (const type of [...ENTITY_TYPES, 'micro'] as const) lines.push(row(type, t[type]));
    lines.push('');
  }
  lines.push(`Entities (share an exact mention, same type)\n  ${''.padEnd(14)}     P      R     F1     gold found  pred right`);
  for (const type of ENTITY_TYPES) lines.push(entityRow(type, report.entities.perType[type]));
  lines.push(entityRow('micro', report.entities.micro));
  const b = report.entities.bcubed;
  lines.push(`  B-cubed over ${b.mentions} matched mentions: P ${percent(b.precision)}  R ${percent(b.recall)}  F1 ${percent(b.f1)}`, '');
  return lines;
}

function statementLines(report: EvaluationReport): string[] {
  const s = report.statements;
  const lines = [header('Statements (overlap ≥ half the shorter span, one-to-one, labelled pairs first)')];
  for (const label of STANCE_LABELS) lines.push(row(label, s.perLabel[label]));
  lines.push(row('micro', s.micro), row('unlabelled', s.unlabelled), `  macro-F1 ${percent(s.macroF1)}`, '');
  lines.push('Label confusion (rows gold, columns predicted)', `  ${''.padEnd(10)}${CONFUSION_KEYS.map((k) => k.padStart(9)).join('')}`);
  for (const g of CONFUSION_KEYS)
    lines.push(`  ${g.padEnd(10)}${CONFUSION_KEYS.map((p) => String(s.confusion[g][p]).padStart(9)).join('')}`);
  const sp = s.speaker;
  lines.push(
    '',
    `Speaker accuracy (labelled pairs, named gold speaker): ${percent(sp.accuracy)}  (${sp.correct}/${sp.total}; predicted null ${sp.predNull}, unknown id ${sp.predUnresolved}, gold name not an entity ${sp.goldUnresolved})`,
  );
  lines.push(
    `False attribution (labelled pairs, unnamed gold source, named prediction): ${percent(sp.unnamed.rate)}  (${sp.unnamed.falseAttribution}/${sp.unnamed.total})`,
  );
  lines.push('', 'Confidence calibration (predicted statements right, by confidence band)');
  for (const band of s.calibration) {
    if (band.count > 0)
      lines.push(`  ${band.from.toFixed(1)}–${band.to.toFixed(1)}  ${percent(band.accuracy)}  (${band.correct}/${band.count})`);
  }
  return lines;
}

/** The human-readable table `stancemap evaluate` prints. */
export function formatReport(report: EvaluationReport, options: { errors?: boolean } = {}): string {
  const lines: string[] = [documentLine(report), '', ...mentionLines(report), ...statementLines(report)];
  if (report.warnings.length > 0) {
    lines.push('', `Warnings (${report.warnings.length}; all of them with --json)`);
    for (const w of report.warnings.slice(0, 10)) lines.push(`  ${w}`);
  }
  if (options.errors) {
    lines.push('', `Errors (${report.errors.length})`);
    for (const e of report.errors) {
      lines.push(
        `  ${e.error === 'false-positive' ? 'FP' : 'FN'} ${e.kind.padEnd(9)} ${e.docId} ${e.start}-${e.end} ${e.tag}: ${e.context}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
