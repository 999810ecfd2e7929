// One thread's load for bench/ceiling.ts: pure arithmetic, or a parser-like
// stream of small objects and strings that dies young.
import { parentPort, workerData } from 'node:worker_threads';

function compute() {
  let h = 0;
  for (let i = 0; i < 6e8; i++) h = (h * 31 + i) | 0;
  return h;
}

function allocate() {
  let kept = [];
  for (let round = 0; round < 25; round++) {
    const terms = [];
    for (let i = 0; i < 200_000; i++) terms.push({ text: 'w' + (i % 1000), tags: new Set(['Noun', 'x' + (i & 7)]) });
    kept = terms;
  }
  return kept.length;
}

parentPort.postMessage(workerData === 'compute' ? compute() : allocate());
