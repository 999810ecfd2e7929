import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FatalError, describeError } from '../errors.js';
import { jsonDocIds, readJsonFile } from './files.js';
import { prf, ratio, type Prf } from './metrics.js';
import { emptyTally, scoreAttributionDocument, type DocumentTally, type SourceTally } from './polnear/score-document.js';

/**
 * `stancemap evaluate --attribution`: statements scored as attribution
 * detection and source accuracy against PolNeAR gold (`stancemap convert
 * polnear`). The rules and the JSON are those of `../shared/tools/polnear.mjs
 * score --json`, which this must agree with on every figure and warning.
 */

export interface AttributionOptions {
  /** Folder of `<docId>.txt` texts for the speakerText rule; default `<goldDir>/../corpus` when it exists; null: none. */
  corpus?: string | null;
  /** Overlap over the covering content span instead of its fragments. */
  covering?: boolean;
  /** Characters around statement and content searched for speakerText (default 200). */
  window?: number;
}

/** Ratios are null where the denominator is 0. */
export type AttributionPrf = Prf;

export interface Accuracy {
  total: number;
  correct: number;
  accuracy: number | null;
}

export interface AttributionReport {
  scorer: 'stancemap evaluate --attribution';
  version: 1;
  options: { overlap: 'fragments' | 'covering'; window: number; corpus: string | null };
  documents: { gold: number; predFound: number; predMissing: number; predUnreadable: number; predExtra: number };
  gold: DocumentTally['gold'];
  detection: AttributionPrf & { invalidPredictions: number };
  source: Accuracy & {
    viaEntity: number;
    viaTextOnly: number;
    predNullSpeaker: number;
    predNoSource: number;
    predUnresolved: number;
    textUnavailable: number;
    byGoldKind: { pronoun: Accuracy; other: Accuracy };
    lenient: Accuracy;
    goldNoSource: { pairs: number; predNone: number };
  };
  /** At most MAX_WARNINGS, then one line with how many more there were. */
  warnings: string[];
}

const MAX_WARNINGS = 50;
const DEFAULT_WINDOW = 200;

const accuracy = (total: number, correct: number): Accuracy => ({ total, correct, accuracy: ratio(correct, total) });

function readGold(goldDir: string, docId: string): unknown {
  let gold: unknown;
  try {
    gold = readJsonFile(join(goldDir, `${docId}.json`));
  } catch (error) {
    throw new FatalError('E005', `${join(goldDir, `${docId}.json`)}: ${describeError(error)}`);
  }
  if (gold === null || typeof gold !== 'object' || !Array.isArray((gold as { attributions?: unknown }).attributions)) {
    throw new FatalError(
      'E005',
      `${join(goldDir, `${docId}.json`)}: field "attributions": not a list (is this PolNeAR gold from stancemap convert polnear?)`,
    );
  }
  return gold;
}

function readCorpusText(corpus: string | null, docId: string): string | null {
  if (corpus === null) return null;
  const path = join(corpus, `${docId}.txt`);
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8').replace(/^\uFEFF/, '') : null;
}

type DocumentCounts = AttributionReport['documents'];

const predictionPath = (predDir: string, docId: string): string => join(predDir, `${docId}.json`);

/** The gold docIds under `goldDir` with no prediction file under `predDir`: the documents scoring counts as `predMissing`. */
export function missingPredictions(goldDir: string, predDir: string): string[] {
  return jsonDocIds(goldDir).filter((docId) => !existsSync(predictionPath(predDir, docId)));
}

/** A prediction read leniently: a missing file is an empty prediction, an unreadable one too (with a warning). */
function readPrediction(predDir: string, docId: string, counts: DocumentCounts, warn: (m: string) => void): unknown {
  const path = predictionPath(predDir, docId);
  if (!existsSync(path)) {
    counts.predMissing++;
    return null;
  }
  let pred: unknown;
  try {
    pred = readJsonFile(path);
    if (pred === null || typeof pred !== 'object' || Array.isArray(pred)) throw new Error('not a JSON object');
  } catch (error) {
    counts.predUnreadable++;
    warn(`${docId}: prediction unreadable (${(error as Error).message}); scored as empty`);
    return null;
  }
  counts.predFound++;
  const predDocId = (pred as { docId?: unknown }).docId;
  if (predDocId !== undefined && predDocId !== docId) warn(`${docId}: prediction's docId is ${JSON.stringify(predDocId)}`);
  return pred;
}

/** Prediction files with no gold beside them (a run's manifest.json aside). */
function countExtraPredictions(predDir: string, goldIds: readonly string[]): number {
  if (!existsSync(predDir) || !statSync(predDir).isDirectory()) return 0;
  const gold = new Set(goldIds);
  return jsonDocIds(predDir).filter((id) => !gold.has(id) && id !== 'manifest').length;
}

function resolveOptions(goldDir: string, options: AttributionOptions): { corpus: string | null; covering: boolean; window: number } {
  const window = options.window ?? DEFAULT_WINDOW;
  if (!Number.isInteger(window) || window < 0) throw new FatalError('E001', `window must be a whole number of 0 or more, not ${window}`);
  let corpus = options.corpus;
  if (corpus === undefined) {
    const beside = join(goldDir, '..', 'corpus');
    corpus = existsSync(beside) ? beside : null;
  }
  return { corpus, covering: options.covering ?? false, window };
}

/**
 * Scores every gold file `<goldDir>/**\/<docId>.json` against
 * `<predDir>/<docId>.json`. Predictions are read leniently (missing or
 * unreadable files count as empty predictions); a gold file that cannot be
 * read stops the run with `FatalError('E005')`.
 */
export function scoreAttributionDirs(goldDir: string, predDir: string, options: AttributionOptions = {}): AttributionReport {
  if (!existsSync(goldDir) || !statSync(goldDir).isDirectory()) throw new FatalError('E002', goldDir);
  const resolved = resolveOptions(goldDir, options);
  const docIds = jsonDocIds(goldDir);
  if (docIds.length === 0) throw new FatalError('E005', `${goldDir}: no gold files (*.json) found`);
  const warnings: string[] = [];
  const warn = (message: string): void => void warnings.push(message);
  const documents: DocumentCounts = { gold: docIds.length, predFound: 0, predMissing: 0, predUnreadable: 0, predExtra: 0 };
  const tallies: DocumentTally[] = [];
  for (const docId of docIds) {
    const gold = readGold(goldDir, docId);
    const text = readCorpusText(resolved.corpus, docId);
    const pred = readPrediction(predDir, docId, documents, warn);
    tallies.push(scoreAttributionDocument({ docId, gold, pred, text }, resolved, warn));
  }
  documents.predExtra = countExtraPredictions(predDir, docIds);
  return buildReport(tallies, documents, warnings, resolved);
}

function sumTallies(tallies: readonly DocumentTally[]): DocumentTally {
  const sum = emptyTally();
  for (const t of tallies) {
    for (const key of Object.keys(sum.gold) as Array<keyof DocumentTally['gold']>) sum.gold[key] += t.gold[key];
    for (const key of Object.keys(sum.source) as Array<keyof SourceTally>) sum.source[key] += t.source[key];
    sum.tp += t.tp;
    sum.fp += t.fp;
    sum.fn += t.fn;
    sum.invalidPredictions += t.invalidPredictions;
  }
  return sum;
}

function capWarnings(warnings: readonly string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return [...warnings];
  return [...warnings.slice(0, MAX_WARNINGS), `… and ${warnings.length - MAX_WARNINGS} more warnings`];
}

function buildReport(
  tallies: readonly DocumentTally[],
  documents: DocumentCounts,
  warnings: readonly string[],
  options: { corpus: string | null; covering: boolean; window: number },
): AttributionReport {
  const { gold, tp, fp, fn, invalidPredictions, source: s } = sumTallies(tallies);
  return {
    scorer: 'stancemap evaluate --attribution',
    version: 1,
    options: { overlap: options.covering ? 'covering' : 'fragments', window: options.window, corpus: options.corpus },
    documents,
    gold,
    detection: { ...prf(tp, fp, fn), invalidPredictions },
    source: {
      ...accuracy(s.total, s.correct),
      viaEntity: s.viaEntity,
      viaTextOnly: s.viaTextOnly,
      predNullSpeaker: s.predNullSpeaker,
      predNoSource: s.predNoSource,
      predUnresolved: s.predUnresolved,
      textUnavailable: s.textUnavailable,
      byGoldKind: { pronoun: accuracy(s.pronounTotal, s.pronounCorrect), other: accuracy(s.otherTotal, s.otherCorrect) },
      lenient: accuracy(s.total, s.lenientCorrect),
      goldNoSource: { pairs: s.goldNoSourcePairs, predNone: s.goldNoSourcePredNone },
    },
    warnings: capWarnings(warnings),
  };
}

const percent = (x: number | null): string => (x === null ? '—' : (100 * x).toFixed(1)).padStart(6);

function accuracyRow(name: string, a: Accuracy): string {
  return `  ${name.padEnd(44)}${percent(a.accuracy)}  ${a.correct}/${a.total}`;
}

/** The report as a table for people; `--json` prints the object itself. */
export function formatAttributionReport(report: AttributionReport): string {
  const { documents: d, gold: g, detection: t, source: s } = report;
  const lines = [
    `Attribution against PolNeAR gold (overlap over content ${report.options.overlap}, speakerText window ${report.options.window})`,
    `documents: ${d.gold} gold, ${d.predFound} predicted, ${d.predMissing} without prediction, ${d.predUnreadable} unreadable, ${d.predExtra} predictions without gold`,
    `gold: ${g.attributions} attributions, ${g.withSource} with a source (${g.pronounSource} bare pronouns, ${g.withCoref} with a CoreNLP chain)`,
    '',
    `${'DETECTION (statement and attribution overlap by half the shorter)'.padEnd(68)}${['P', 'R', 'F1'].map((h) => h.padStart(6)).join(' ')}${['TP', 'FP', 'FN'].map((h) => h.padStart(8)).join('')}`,
    `  ${'statements vs attributions'.padEnd(66)}${[t.precision, t.recall, t.f1].map(percent).join(' ')}${[t.tp, t.fp, t.fn].map((n) => String(n).padStart(8)).join('')}`,
    `  invalid predicted statements: ${t.invalidPredictions}`,
    '',
    `${'SOURCE (pairs whose gold has a source)'.padEnd(46)}${'acc'.padStart(6)}  correct/total`,
    accuracyRow('all', s),
    accuracyRow('gold source is a bare pronoun', s.byGoldKind.pronoun),
    accuracyRow('gold source is not a bare pronoun', s.byGoldKind.other),
    accuracyRow('lenient (CoreNLP chain, relative pronouns)', s.lenient),
    `  correct via the speaker entity ${s.viaEntity}, via speakerText only ${s.viaTextOnly}`,
    `  no speaker id ${s.predNullSpeaker}, neither id nor speakerText ${s.predNoSource}, unresolved ids ${s.predUnresolved}, text unavailable ${s.textUnavailable}`,
    `  pairs whose gold has no source: ${s.goldNoSource.pairs} (the prediction names none either: ${s.goldNoSource.predNone})`,
  ];
  if (report.warnings.length > 0)
    lines.push('', `warnings (${report.warnings.length}):`, ...report.warnings.slice(0, 10).map((w) => `  ${w}`));
  return `${lines.join('\n')}\n`;
}
