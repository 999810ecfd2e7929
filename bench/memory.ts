/**
 * npm run bench:memory: bounded memory on inputs that are large in three
 * ways, each run by `stancemap extract` with the default workers in a process
 * of its own, with its peak resident memory (every thread included):
 *
 * - many small files: BENCH_FILES (default 200,000) one-paragraph articles;
 * - one long .jsonl: BENCH_LINES (default 50,000) lines of one paragraph each;
 * - one long text: BENCH_TEXT_MB (default 50) MB in a single .txt file, with
 *   --max-bytes raised to let it in (the default heap of a worker is enough).
 *
 * The inputs are generated under .bench/memory/ (bench/corpus.ts) once per
 * size. Run `npm run build` first. Choose scenarios by name as arguments:
 * `npm run bench:memory -- files jsonl text`.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { documentsOfSize, paragraphStream } from './corpus.js';
import { BENCH_ROOT, corpusFolder, extract } from './run.js';

const FILES = Number(process.env.BENCH_FILES ?? 200_000);
const LINES = Number(process.env.BENCH_LINES ?? 50_000);
const TEXT_MB = Number(process.env.BENCH_TEXT_MB ?? 50);
const LIMIT_MB = 512;
const DIR = join(BENCH_ROOT, 'memory');

function paragraphs(count: number): string[] {
  const next = paragraphStream(3);
  return Array.from({ length: count }, () => next() + '\n');
}

/** Writes `file` once (the generator is deterministic); returns its path. */
function generated(file: string, write: (path: string) => void): string {
  const path = join(DIR, file);
  if (!existsSync(path)) write(path);
  return path;
}

const SCENARIOS: Record<string, () => { name: string; input: string; flags: string[] }> = {
  files: () => ({ name: `${FILES} small files`, input: corpusFolder(`memory/files-${FILES}`, () => paragraphs(FILES)).dir, flags: [] }),
  jsonl: () => ({
    name: `one .jsonl of ${LINES} lines`,
    input: generated(`lines-${LINES}.jsonl`, (path) =>
      writeFileSync(
        path,
        paragraphs(LINES)
          .map((text, i) => JSON.stringify({ id: `line-${i}`, text }) + '\n')
          .join(''),
      ),
    ),
    flags: [],
  }),
  text: () => ({
    name: `one ${TEXT_MB} MB text file`,
    input: generated(`text-${TEXT_MB}mb.txt`, (path) => writeFileSync(path, documentsOfSize(TEXT_MB * 1e6, TEXT_MB * 1e6).join('\n'))),
    // Only the size limit is raised: the worker keeps the text as its bytes, outside its heap (src/document/utf8-text.ts).
    flags: ['--max-bytes', String(TEXT_MB * 2 * 1024 * 1024)],
  }),
};

mkdirSync(DIR, { recursive: true });
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SCENARIOS);
const workers = availableParallelism();
console.log(
  `${'input'.padEnd(30)}${'docs'.padStart(8)}${'failed'.padStart(8)}${'s'.padStart(8)}${'docs/s'.padStart(9)}${'peak RSS MB'.padStart(13)}  under ${LIMIT_MB} MiB`,
);
for (const name of chosen) {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario ${name}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
  const { name: label, input, flags } = scenario();
  const run = await extract(label, input, workers, { flags });
  console.log(
    `${label.padEnd(30)}${String(run.counts.read).padStart(8)}${String(run.counts.failed).padStart(8)}${run.seconds.toFixed(0).padStart(8)}${(run.counts.read / run.seconds).toFixed(1).padStart(9)}${Math.round(run.peakRssMb).toString().padStart(13)}  ${run.peakRssMb * 1024 * 1024 < LIMIT_MB * 1024 * 1024 ? 'yes' : 'NO'}`,
  );
}
