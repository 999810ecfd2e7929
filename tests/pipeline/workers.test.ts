import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '../../src/document/types.js';
import { loadWeightsOnce, weightStore } from '../../src/models/learned/shared-weights.js';
import { startWorkerPool } from '../../src/pipeline/worker-pool.js';
import { cli } from '../helpers/cli.js';
import { articles, extractFolder, manifestOf, temp } from '../helpers/output.js';

const HUNGRY_WORKER = new URL('../fixtures/workers/hungry-worker.ts', import.meta.url);
const WEIGHTS_WORKER = new URL('../fixtures/workers/weights-worker.ts', import.meta.url);

/** This process's spool folders (test files in one process run one after another). */
const spoolFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`stancemap-spool-${process.pid}-`));

/** Small invented articles, enough for several batches of two. */
function writeInputs(): string {
  const dir = temp('workers-in');
  const people = ['Oruba Tesfanet', 'Tomas Veller', 'Ilse Marrow', 'Daoud Qarani', 'Petra Lindqvist'];
  people.forEach((name, i) => {
    const text =
      `${name}, the spokesperson of the Kelvane Water Authority, said on Monday that the authority would back the new dam.\n\n` +
      `“We stand with the farmers of the valley,” ${name.split(' ')[0]} told reporters. Hamas threatened to attack Israel, the army said.\n`;
    writeFileSync(join(dir, `article-${i}.txt`), text);
  });
  return dir;
}

describe('extract --workers', () => {
  let input: string;
  let inThread: string;
  let pooled: string;
  let pooledCode: number;
  beforeAll(async () => {
    input = writeInputs();
    inThread = temp('in-thread');
    pooled = temp('two-workers');
    expect((await cli('extract', input, '--out', inThread, '--quiet', '--workers', '0', '--batch-size', '2')).code).toBe(0);
    pooledCode = (await cli('extract', input, '--out', pooled, '--quiet', '--workers', '2', '--batch-size', '2')).code;
  });

  it('writes byte-identical articles with a pool of worker threads as in one thread', () => {
    expect(pooledCode).toBe(0);
    expect(articles(pooled)).toEqual(articles(inThread));
    expect(articles(pooled)).toHaveLength(5);
    for (const file of articles(inThread))
      expect(readFileSync(join(pooled, file), 'utf8')).toBe(readFileSync(join(inThread, file), 'utf8'));
  });

  it('describes the same pipeline in the manifest, with the worker count among the options', () => {
    const one = manifestOf(inThread);
    const two = manifestOf(pooled);
    expect(two.pipeline).toEqual(one.pipeline);
    expect(two.models).toEqual(one.models);
    expect(two.knowledgeBase).toEqual(one.knowledgeBase);
    expect([one.options.workers, two.options.workers]).toEqual([0, 2]);
  });

  it('reports a configuration error found inside the workers with its own code, before any document', async () => {
    const badKb = join(temp('bad-kb'), 'kb.json');
    writeFileSync(badKb, '{"version": 1}');
    const out = temp('bad-kb-out');
    const result = await cli('extract', input, '--out', out, '--workers', '2', '--kb', badKb);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E004 invalid resource file/);
    expect(readdirSync(out)).toEqual([]);
  });

  it("reads our models' weights once, in the main thread, and the workers share that memory", async () => {
    const probeFile = join(temp('probe'), 'probe.bin');
    writeFileSync(probeFile, 'probe');
    const counter = loadWeightsOnce('probe', probeFile, () => new Int32Array(new SharedArrayBuffer(4)));
    const processor = await startWorkerPool({}, { workers: 2, heapMb: 160, workerModule: WEIGHTS_WORKER });
    try {
      const kinds = [...weightStore().keys()].map((key) => key.split('\0')[0]);
      expect(kinds).toEqual(expect.arrayContaining(['ner', 'attribution']));
      const probe = createDocument({ id: 'probe', text: probeFile, source: { path: 'probe', sha256: 'x', format: 'txt', bytes: 5 } });
      await Promise.all([processor.process([probe]), processor.process([probe]), processor.process([probe])]);
      expect(Atomics.load(counter, 0)).toBe(3);
    } finally {
      await processor.close();
    }
  });

  it('reports a model file that is not a model with E007 from the thread that reads the weights, before any worker starts', async () => {
    const broken = join(temp('broken-model'), 'attribution.json');
    writeFileSync(broken, '{ "format": "stancemap-attribution/1"');
    await expect(startWorkerPool({ attributionModel: broken }, { workers: 2, heapMb: 160 })).rejects.toMatchObject({
      code: 'E007',
      detail: expect.stringContaining(`attribution model ${broken}: not JSON`),
    });
  });

  it('fails only the document that outgrows the worker memory budget (E112); the others are written', async () => {
    const dir = temp('memory-in');
    writeFileSync(join(dir, 'small.txt'), 'Tomas Veller said the Kelvane Water Authority would open the dam.\n');
    writeFileSync(join(dir, 'hungry.txt'), 'Oruba Tesfanet said the dam would open.\n');
    writeFileSync(join(dir, 'steady.txt'), 'Ilse Marrow said the valley would wait.\n');
    const processor = await startWorkerPool({}, { workers: 2, heapMb: 160, workerModule: HUNGRY_WORKER });
    const out = temp('memory-out');
    try {
      const { manifest, exitCode } = await extractFolder(processor, dir, out);
      expect(exitCode).toBe(2);
      expect(manifest.failures.map((f) => [f.docId, f.code])).toEqual([['hungry', 'E112']]);
      expect(articles(out)).toEqual(['small.json', 'steady.json']);
      expect(spoolFolders().length).toBeGreaterThan(0);
    } finally {
      await processor.close();
    }
    // The stopped thread's spool folder went with the pool.
    expect(spoolFolders()).toEqual([]);
  });

  it('says the budget is too small when a worker cannot even load the models', async () => {
    const result = await cli('extract', input, '--out', temp('tiny-budget'), '--workers', '2', '--worker-memory', '32');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E001 .*--worker-memory 32 MiB is too small/);
  });
});
