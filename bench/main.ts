/**
 * npm run bench: throughput, scaling and memory of the built CLI, side by
 * side with a compromise baseline in the same run, each in a process of its
 * own so that its peak resident memory is its own.
 *
 * 1. A generated corpus (BENCH_MB, default 20 MB; see bench/corpus.ts) run
 *    through compromise alone, then `stancemap extract` with one worker and
 *    with every core.
 * 2. Size scaling: the same BENCH_SCALE_MB (default 2 MB) of text as
 *    documents of 2 KB, 20 KB, 200 KB and 2 MB, seconds per MB each, with one
 *    worker; the last column is the ratio to the 2 KB documents.
 * 3. The machine's own thread scaling (bench/ceiling.ts), to read the
 *    one-to-all-workers ratio of 1 against.
 *
 * Results go to stdout and .bench/results.json. Component timings (entity
 * stage, tagger, transformer overhead) are in `npm run bench:components`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { threadCeiling } from './ceiling.js';
import { documentsOfSize } from './corpus.js';
import { BENCH_ROOT, corpusFolder, extract, timed, type Measured } from './run.js';

const CORPUS_MB = Number(process.env.BENCH_MB ?? 20);
const SCALE_MB = Number(process.env.BENCH_SCALE_MB ?? 2);
const SCALE_SIZES = [2_000, 20_000, 200_000, 2_000_000];
const CORES = availableParallelism();

async function throughput(): Promise<object[]> {
  const corpus = corpusFolder(`corpus-${CORPUS_MB}mb`, () => documentsOfSize(2_000, CORPUS_MB * 1e6, true));
  const baseline = await timed('compromise alone (parse + people/places/organizations)', [
    '--import',
    'tsx',
    'bench/compromise-run.ts',
    corpus.dir,
  ]);
  const { docs, words } = JSON.parse(baseline.stdout) as { docs: number; words: number };
  const runs: Measured[] = [baseline, await extract('stancemap extract --workers 1', corpus.dir, 1)];
  if (CORES > 1) runs.push(await extract(`stancemap extract --workers ${CORES} (default)`, corpus.dir, CORES));
  // Our own part-of-speech tagger in place of compromise's parse (src/models/pos): what it would save.
  const perceptron = { env: { STANCEMAP_POS: 'perceptron' } };
  runs.push(await extract(`stancemap extract --workers ${CORES}, STANCEMAP_POS=perceptron`, corpus.dir, CORES, perceptron));
  console.log(`\n${docs} documents, ${words} words, ${(corpus.bytes / 1e6).toFixed(1)} MB (bench/corpus.ts); ${CORES} cores\n`);
  console.log(
    `${'run'.padEnd(58)}${'s'.padStart(8)}${'docs/s'.padStart(9)}${'words/s'.padStart(9)}${'peak RSS MB'.padStart(13)}${'× time of baseline'.padStart(20)}`,
  );
  return runs.map((run) => {
    const row = { ...run, docsPerSecond: docs / run.seconds, wordsPerSecond: words / run.seconds, ratio: run.seconds / baseline.seconds };
    console.log(
      `${run.name.padEnd(58)}${run.seconds.toFixed(1).padStart(8)}${row.docsPerSecond.toFixed(1).padStart(9)}${Math.round(row.wordsPerSecond).toString().padStart(9)}${Math.round(run.peakRssMb).toString().padStart(13)}${row.ratio.toFixed(2).padStart(20)}`,
    );
    return {
      name: run.name,
      seconds: run.seconds,
      peakRssMb: run.peakRssMb,
      docsPerSecond: row.docsPerSecond,
      wordsPerSecond: row.wordsPerSecond,
      ratio: row.ratio,
    };
  });
}

async function scaling(): Promise<object[]> {
  console.log(`\nsize scaling: the same ${SCALE_MB} MB of text cut into documents of each size, one worker\n`);
  console.log(
    `${'document size'.padEnd(16)}${'docs'.padStart(7)}${'s'.padStart(8)}${'s/MB'.padStart(8)}${'peak RSS MB'.padStart(13)}${'× 2 KB'.padStart(9)}`,
  );
  const rows: Array<{ size: number; docs: number; seconds: number; secondsPerMb: number; peakRssMb: number; ratio: number }> = [];
  for (const size of SCALE_SIZES) {
    const texts = documentsOfSize(size, SCALE_MB * 1e6);
    const corpus = corpusFolder(`scale-${SCALE_MB}mb-${size}`, () => texts);
    const run = await extract(`${size} B documents`, corpus.dir, 1);
    const secondsPerMb = run.seconds / (corpus.bytes / 1e6);
    const row = {
      size,
      docs: texts.length,
      seconds: run.seconds,
      secondsPerMb,
      peakRssMb: run.peakRssMb,
      ratio: secondsPerMb / (rows[0]?.secondsPerMb ?? secondsPerMb),
    };
    rows.push(row);
    console.log(
      `${`${size / 1000} KB`.padEnd(16)}${String(row.docs).padStart(7)}${row.seconds.toFixed(1).padStart(8)}${row.secondsPerMb.toFixed(1).padStart(8)}${Math.round(row.peakRssMb).toString().padStart(13)}${row.ratio.toFixed(2).padStart(9)}`,
    );
  }
  return rows;
}

mkdirSync(BENCH_ROOT, { recursive: true });
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cores: CORES,
  throughput: await throughput(),
  scaling: await scaling(),
  threadCeiling: await threadCeiling(CORES),
};
writeFileSync(join(BENCH_ROOT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
