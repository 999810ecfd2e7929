import { describe, expect, it } from 'vitest';
import { packedBytes, type WireDocument } from '../../src/document/packed-text.js';
import { inThisThread, processDocuments } from '../../src/pipeline/processor.js';
import { hasCrossed, packText, textLength, transferables, unpackText } from '../../src/pipeline/wire.js';
import { startWorkerPool } from '../../src/pipeline/worker-pool.js';
import { defaultBuilt, defaultPipeline, makeDocument } from '../helpers/documents.js';

const HUNGRY_WORKER = new URL('../fixtures/workers/hungry-worker.ts', import.meta.url);

const TEXT = '\uFEFF“We stand with the valley,” said Tomas Veller 😀.\n\nOruba Tesfanet told reporters the dam would open.\n';

describe('documents crossing into a worker', () => {
  it('carry a long text as UTF-8 bytes, taken out of the loaded document, and get it back unchanged', () => {
    const doc = makeDocument(TEXT);
    const wire = packText(doc, 10);
    expect(doc.text).toBe('');
    expect(wire.packed?.utf8.byteLength).toBe(Buffer.byteLength(TEXT));
    expect(textLength(wire)).toBe(TEXT.length);
    const back = unpackText(wire);
    expect(back.text).toBe(TEXT);
    expect(back).not.toHaveProperty('packed');
  });

  it('leave short texts, and texts UTF-8 cannot carry (a lone surrogate), as strings', () => {
    const short = makeDocument(TEXT);
    expect(packText(short, TEXT.length + 1)).toBe(short);
    expect(short.text).toBe(TEXT);
    const lone = makeDocument(`${TEXT}\uD800 and more`);
    expect(packText(lone, 10).packed).toBeUndefined();
    expect(lone.text).toContain('\uD800');
  });

  it('move the bytes rather than copy them: once crossed, the main thread holds none', () => {
    const wire = packText(makeDocument(TEXT), 10);
    expect(hasCrossed(wire)).toBe(false);
    const received = structuredClone(wire, { transfer: transferables([wire]) });
    expect(hasCrossed(wire)).toBe(true);
    expect(unpackText(received).text).toBe(TEXT);
  });

  it('take a text read as bytes (a long file) as it is, and give the same article from it in this thread and in a worker', async () => {
    const [fromString] = await processDocuments(defaultPipeline(), [makeDocument(TEXT)]);
    const readAsBytes = (): WireDocument => {
      const doc = makeDocument(TEXT);
      doc.text = '';
      return { ...doc, packed: packedBytes(new TextEncoder().encode(TEXT)) };
    };
    expect(packText(readAsBytes(), 10_000).packed?.chars).toBe(TEXT.length);
    const [inThread] = await inThisThread(defaultBuilt()).process([readAsBytes()]);
    expect(inThread).toEqual(fromString);
    const processor = await startWorkerPool({}, { workers: 1, heapMb: 160 });
    try {
      expect(await processor.process([readAsBytes()])).toEqual([fromString]);
    } finally {
      await processor.close();
    }
  });

  it('give the same article through a worker as in this thread', async () => {
    const [inThread] = await processDocuments(defaultPipeline(), [makeDocument(TEXT)]);
    const processor = await startWorkerPool({}, { workers: 1, heapMb: 160, packFromChars: 10 });
    try {
      const doc = makeDocument(TEXT);
      const [pooled] = await processor.process([doc]);
      expect(pooled).toEqual(inThread);
      expect(doc.text).toBe('');
    } finally {
      await processor.close();
    }
  });

  it('fail a long text that crossed into a worker that died with the batch, and retry the rest one by one', async () => {
    const processor = await startWorkerPool({}, { workers: 1, heapMb: 160, workerModule: HUNGRY_WORKER, packFromChars: 100 });
    try {
      const docs = [
        makeDocument(TEXT.repeat(3), 'txt', 'long'),
        makeDocument('Ilse Marrow said the valley would wait.\n', 'txt', 'steady'),
      ];
      const [long, steady] = await processor.process([...docs, makeDocument('Oruba Tesfanet said so.\n', 'txt', 'hungry')]);
      expect(long?.ok ? 'ok' : long?.code).toBe('E112');
      expect(steady?.ok).toBe(true);
    } finally {
      await processor.close();
    }
  });
});
