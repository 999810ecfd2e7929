/**
 * npm run eval: the accuracy gate on real text. Runs the built CLI over every
 * evaluation set — VOA dev (entities and statements; also with the learned
 * tagger cross-validated, since the shipped one is trained on it), CoNLL-2003 valid
 * (mentions), PolNeAR dev (attribution) and the sample corpus (in-sample) —
 * beside compromise alone and the trivial PolNeAR baselines, prints one
 * summary table (also written to .eval/summary.md and .eval/summary.json) and
 * fails when a figure passes its limit in eval/floors.json.
 *
 * The data root is ../shared/data, or STANCEMAP_DATA. A missing set is skipped
 * with a notice when run by hand and is an error when CI is set.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkLimits, figureAt, type CheckedFigure, type SetLimits } from '../src/evaluate/gate.js';

type System = 'stancemap' | 'compromise' | 'trivial' | 'trivialAll';
type Scoring = 'contract' | 'attribution';

interface EvalSet {
  name: string;
  title: string;
  /** Paths that must exist for the set to run. */
  needs: string[];
  scoring: Scoring;
  systems: System[];
  rows: Array<[label: string, figure: string]>;
  /** Builds what the systems read: the extract input, the gold folder and (for the trivial baselines) a folder of .txt files. */
  prepare: () => { input: string; gold: string; corpus?: string };
  /** Writes stancemap's predictions into `out` some other way than `extract` over the input; `run` counts from 1 when the set repeats. */
  produce?: (out: string, run: number) => void;
  /** Runs of `produce` whose reports are averaged: a tagger trained in one document order swings by about 0.01 with it. */
  repeats?: number;
}

const SYSTEM_TITLES: Record<System, string> = {
  stancemap: 'stancemap',
  compromise: 'compromise alone',
  trivial: 'trivial: quote/verb',
  trivialAll: 'trivial: every sentence',
};

const repo = resolve(dirname(new URL(import.meta.url).pathname), '..');
const dataRoot = resolve(repo, process.env.STANCEMAP_DATA ?? '../shared/data');
const polnearTool = resolve(dataRoot, '../tools/polnear.mjs');
const work = join(repo, '.eval');
const inCi = Boolean(process.env.CI);

const ENTITY_ROWS: Array<[string, string]> = [
  ['mentions micro-F1', 'mentions.micro.f1'],
  ['  PERSON F1', 'mentions.perType.PERSON.f1'],
  ['  ORGANIZATION F1', 'mentions.perType.ORGANIZATION.f1'],
  ['  LOCATION F1', 'mentions.perType.LOCATION.f1'],
];
const CLUSTER_ROWS: Array<[string, string]> = [
  ['entities micro-F1', 'entities.micro.f1'],
  ['entity B-cubed F1', 'entities.bcubed.f1'],
];
const STATEMENT_ROWS: Array<[string, string]> = [
  ['statements macro-F1', 'statements.macroF1'],
  ['statements micro-F1', 'statements.micro.f1'],
  ['statements unlabelled F1', 'statements.unlabelled.f1'],
  ['  support F1', 'statements.perLabel.support.f1'],
  ['  threat F1', 'statements.perLabel.threat.f1'],
  ['  claim F1', 'statements.perLabel.claim.f1'],
  ['speaker accuracy', 'statements.speaker.accuracy'],
  ['false attribution (lower is better)', 'statements.speaker.unnamed.rate'],
];
const ATTRIBUTION_ROWS: Array<[string, string]> = [
  ['detection precision', 'detection.precision'],
  ['detection recall', 'detection.recall'],
  ['detection F1', 'detection.f1'],
  ['source accuracy', 'source.accuracy'],
];

const cli = (args: string[]) =>
  execFileSync(process.execPath, [join(repo, 'dist/cli/main.js'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
  });

/** extract exits 2 when some documents failed; those count as missing predictions, so the run goes on. */
function extract(input: string, out: string, extra: string[]): void {
  try {
    cli(['extract', input, '--out', out, '--force', '--quiet', ...extra]);
  } catch (error) {
    if ((error as { status?: number }).status !== 2) throw error;
    console.log(`notice: some documents of ${input} failed; see ${out}/errors.ndjson`);
  }
}

/** A .txt per line of a .jsonl corpus, so the trivial baselines (which read .txt) see the same texts. */
function jsonlToTexts(jsonl: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const line of readFileSync(jsonl, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { id: string; text: string };
    writeFileSync(join(dir, `${doc.id}.txt`), doc.text);
  }
  return dir;
}

const SETS: EvalSet[] = [
  {
    name: 'voa-dev',
    title:
      'VOA dev (real international and conflict news, ANNOTATION.md gold; the shipped tagger was trained on it, so its entity figures are in-sample: see the cross-validated set below)',
    needs: [join(dataRoot, 'voa/dev.jsonl'), join(dataRoot, 'voa/dev-gold')],
    scoring: 'contract',
    systems: ['stancemap', 'compromise', 'trivial', 'trivialAll'],
    rows: [...ENTITY_ROWS, ...CLUSTER_ROWS, ...STATEMENT_ROWS],
    prepare: () => ({
      input: join(dataRoot, 'voa/dev.jsonl'),
      gold: join(dataRoot, 'voa/dev-gold'),
      corpus: jsonlToTexts(join(dataRoot, 'voa/dev.jsonl'), join(work, 'voa-dev/corpus')),
    }),
  },
  {
    name: 'voa-dev-cv',
    title:
      'VOA dev with the tagger cross-validated (4 folds over our gold and VOA dev gold: each document tagged by a tagger trained without it; the shipped tagger has seen VOA dev, so these are its honest figures there; the mean of 3 training orders, seeds 1–3)',
    needs: [join(dataRoot, 'voa/dev.jsonl'), join(dataRoot, 'voa/dev-gold'), join(dataRoot, 'conll2003/train.txt')],
    scoring: 'contract',
    systems: ['stancemap'],
    rows: [...ENTITY_ROWS, ...STATEMENT_ROWS],
    prepare: () => ({ input: join(dataRoot, 'voa/dev.jsonl'), gold: join(dataRoot, 'voa/dev-gold') }),
    repeats: 3,
    produce: (out, run) => {
      const model = join(work, 'voa-dev-cv', `tagger-${run}.gz`);
      cli([
        'train',
        'ner',
        '--conll',
        join(dataRoot, 'conll2003/train.txt'),
        '--gold',
        join(repo, 'gold'),
        '--corpus',
        join(repo, 'corpus'),
        '--gold',
        join(dataRoot, 'voa/dev-gold'),
        '--corpus',
        join(dataRoot, 'voa/dev.jsonl'),
        '--folds',
        '4',
        '--seed',
        String(run),
        '--cv-out',
        out,
        '--out',
        model,
      ]);
    },
  },
  {
    name: 'conll-valid',
    title: 'CoNLL-2003 valid (Reuters news, PER/ORG/LOC; MISC not scored)',
    needs: [join(dataRoot, 'conll2003/valid.txt')],
    scoring: 'contract',
    systems: ['stancemap', 'compromise'],
    rows: ENTITY_ROWS,
    prepare: () => {
      const dir = join(work, 'conll-valid/converted');
      rmSync(dir, { recursive: true, force: true });
      execFileSync(
        process.execPath,
        [join(repo, 'dist/cli/main.js'), 'convert', 'conll', join(dataRoot, 'conll2003/valid.txt'), '--out', dir],
        { stdio: 'ignore' },
      );
      return { input: join(dir, 'corpus'), gold: join(dir, 'gold') };
    },
  },
  {
    name: 'polnear-dev',
    title: 'PolNeAR dev (US political news, every attribution marked)',
    needs: [join(dataRoot, 'polnear/dev/corpus'), join(dataRoot, 'polnear/dev/gold')],
    scoring: 'attribution',
    systems: ['stancemap', 'trivial', 'trivialAll'],
    rows: ATTRIBUTION_ROWS,
    prepare: () => ({
      input: join(dataRoot, 'polnear/dev/corpus'),
      gold: join(dataRoot, 'polnear/dev/gold'),
      corpus: join(dataRoot, 'polnear/dev/corpus'),
    }),
  },
  {
    name: 'sample',
    title: 'Sample corpus (IN-SAMPLE: written by us, every rule tuned on all of it)',
    needs: [join(repo, 'corpus'), join(repo, 'gold')],
    scoring: 'contract',
    systems: ['stancemap', 'compromise'],
    rows: [...ENTITY_ROWS, ...CLUSTER_ROWS, ...STATEMENT_ROWS],
    prepare: () => ({ input: join(repo, 'corpus'), gold: join(repo, 'gold') }),
  },
];

/** Runs one system over a prepared set and returns its evaluation report (the --json object). */
function runSystem(set: EvalSet, system: System, prepared: ReturnType<EvalSet['prepare']>): unknown {
  const { produce } = set;
  if (system === 'stancemap' && produce) {
    const runs = Array.from({ length: set.repeats ?? 1 }, (_, k) => k + 1);
    return meanReport(
      runs.map((run) => {
        const out = join(work, set.name, runs.length > 1 ? `${system}-${run}` : system);
        rmSync(out, { recursive: true, force: true });
        produce(out, run);
        return evaluate(set, prepared, out);
      }),
    );
  }
  const out = join(work, set.name, system);
  rmSync(out, { recursive: true, force: true });
  if (system === 'stancemap' || system === 'compromise')
    extract(prepared.input, out, system === 'compromise' ? ['--entities', 'compromise'] : []);
  else
    execFileSync(
      process.execPath,
      [polnearTool, 'trivial', prepared.corpus!, out, ...(system === 'trivialAll' ? ['--all-sentences'] : [])],
      { stdio: 'ignore' },
    );
  return evaluate(set, prepared, out);
}

function evaluate(set: EvalSet, prepared: ReturnType<EvalSet['prepare']>, out: string): unknown {
  const scoring = set.scoring === 'attribution' ? ['--attribution', '--corpus', prepared.corpus!] : [];
  return JSON.parse(cli(['evaluate', ...scoring, '--gold', prepared.gold, '--pred', out, '--json']));
}

/** Reports of repeated runs as one: every number the mean of the runs' (null where any run's is null), anything else the first run's. */
function meanReport(reports: unknown[]): unknown {
  const [first] = reports;
  if (reports.length === 1) return first;
  if (typeof first === 'number')
    return reports.some((r) => typeof r !== 'number') ? null : (reports as number[]).reduce((a, b) => a + b, 0) / reports.length;
  if (Array.isArray(first)) return first.map((_, i) => meanReport(reports.map((r) => (r as unknown[])[i])));
  if (first !== null && typeof first === 'object')
    return Object.fromEntries(Object.keys(first).map((key) => [key, meanReport(reports.map((r) => (r as Record<string, unknown>)[key]))]));
  return first;
}

function availableSystems(set: EvalSet): System[] {
  return set.systems.filter((s) => {
    if (s.startsWith('trivial') && !existsSync(polnearTool)) {
      console.log(`notice: ${polnearTool} not found; the trivial baselines of ${set.name} are left out`);
      return false;
    }
    return true;
  });
}

const show = (value: number | null | undefined) => (value === undefined ? '·' : value === null ? '—' : value.toFixed(3));

/** One markdown table per set: a row per figure, a column per system, then the limit and its verdict. */
function summarize(set: EvalSet, reports: Partial<Record<System, unknown>>, checked: CheckedFigure[]): string[] {
  const systems = set.systems.filter((s) => reports[s] !== undefined);
  const lines = [
    `### ${set.title}`,
    '',
    `| figure | ${systems.map((s) => SYSTEM_TITLES[s]).join(' | ')} | limit | |`,
    `|---|${systems.map(() => '---:').join('|')}|---:|---|`,
  ];
  for (const [label, figure] of set.rows) {
    const cells = systems.map((s) => show(appliesTo(s, figure) ? figureAt(reports[s], figure) : undefined));
    const limit = checked.find((c) => c.figure === figure);
    const verdict = limit ? (limit.ok ? 'ok' : '**FAIL**') : '';
    lines.push(
      `| ${label.trim()} | ${cells.join(' | ')} | ${limit ? `${limit.kind === 'floor' ? '≥' : '≤'} ${limit.limit.toFixed(2)}` : ''} | ${verdict} |`,
    );
  }
  return [...lines, ''];
}

/** compromise alone is an entity baseline and the trivial baselines are statement baselines: other cells stay empty. */
function appliesTo(system: System, figure: string): boolean {
  if (system === 'compromise') return figure.startsWith('mentions.') || figure.startsWith('entities.');
  if (system === 'trivial' || system === 'trivialAll') return !figure.startsWith('mentions.') && !figure.startsWith('entities.');
  return true;
}

function main(): number {
  if (!existsSync(join(repo, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run npm run build first (npm run eval does)');
  const limits = (JSON.parse(readFileSync(join(repo, 'eval/floors.json'), 'utf8')) as { sets: Record<string, SetLimits> }).sets;
  const markdown: string[] = [`## npm run eval (data root ${dataRoot})`, ''];
  const summary: Record<string, unknown> = {};
  let passed = true;
  for (const set of SETS) {
    const missing = set.needs.filter((p) => !existsSync(p));
    if (missing.length > 0) {
      console.log(`${inCi ? 'ERROR' : 'notice'}: set ${set.name} skipped, missing ${missing.join(', ')}`);
      if (inCi) passed = false;
      continue;
    }
    const started = Date.now();
    const prepared = set.prepare();
    const reports: Partial<Record<System, unknown>> = {};
    for (const system of availableSystems(set)) reports[system] = runSystem(set, system, prepared);
    const result = checkLimits(reports.stancemap, limits[set.name] ?? {});
    passed &&= result.passed;
    for (const c of result.checked)
      console.log(
        `${c.ok ? 'ok  ' : 'FAIL'} ${set.name.padEnd(12)} ${c.figure.padEnd(40)} ${c.value === null ? '—' : c.value.toFixed(4)} (${c.kind} ${c.limit.toFixed(2)})`,
      );
    console.log(`     ${set.name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    markdown.push(...summarize(set, reports, result.checked));
    summary[set.name] = {
      figures: Object.fromEntries(
        Object.entries(reports).map(([s, r]) => [s, Object.fromEntries(set.rows.map(([, f]) => [f, figureAt(r, f)]))]),
      ),
      checked: result.checked,
    };
  }
  writeFileSync(join(work, 'summary.md'), markdown.join('\n'));
  writeFileSync(join(work, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(`\n${markdown.join('\n')}`);
  console.log(passed ? 'eval gate: passed' : 'eval gate: FAILED — a figure passed its limit, or a set is missing in CI');
  return passed ? 0 : 1;
}

mkdirSync(work, { recursive: true });
process.exitCode = main();
