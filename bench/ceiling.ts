/**
 * What this machine gives worker threads, whatever our code does: the same
 * load in one thread, then in one thread per core (each doing the whole load),
 * with the heap limits our pool gives its workers. "× one thread" is the
 * throughput of all cores over one thread's: pure arithmetic shows the cores,
 * a parser-like stream of small objects shows what the garbage collector lets
 * an allocating pipeline (compromise's parse is one) gain from more threads.
 */
import { Worker } from 'node:worker_threads';
import { DEFAULT_WORKER_HEAP_MB } from '../src/cli/extract.js';
import { YOUNG_GENERATION_MB } from '../src/pipeline/worker-pool.js';

const LOAD = new URL('./ceiling-load.mjs', import.meta.url);

function runLoad(kind: 'compute' | 'allocate'): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD, {
      workerData: kind,
      resourceLimits: { maxOldGenerationSizeMb: DEFAULT_WORKER_HEAP_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
}

async function seconds(kind: 'compute' | 'allocate', threads: number): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: threads }, () => runLoad(kind)));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export interface CeilingRow {
  load: string;
  oneThread: number;
  allThreads: number;
  speedup: number;
}

export async function threadCeiling(cores: number): Promise<CeilingRow[]> {
  console.log(`\nthe machine's own scaling: one load in 1 thread, then in each of ${cores} threads at once\n`);
  console.log(`${'load'.padEnd(30)}${'1 thread s'.padStart(12)}${`${cores} threads s`.padStart(13)}${'× one thread'.padStart(14)}`);
  const rows: CeilingRow[] = [];
  for (const kind of ['compute', 'allocate'] as const) {
    const oneThread = await seconds(kind, 1);
    const allThreads = await seconds(kind, cores);
    const row = {
      load: kind === 'compute' ? 'arithmetic' : 'small objects (parser-like)',
      oneThread,
      allThreads,
      speedup: (cores * oneThread) / allThreads,
    };
    rows.push(row);
    console.log(
      `${row.load.padEnd(30)}${oneThread.toFixed(1).padStart(12)}${allThreads.toFixed(1).padStart(13)}${row.speedup.toFixed(2).padStart(14)}`,
    );
  }
  return rows;
}
