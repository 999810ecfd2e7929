import { describe, expect, it } from 'vitest';
import { processDocuments } from '../../src/pipeline/processor.js';
import { packText, textLength, unpackText } from '../../src/pipeline/wire.js';
import { startWorkerPool } from '../../src/pipeline/worker-pool.js';
import { defaultPipeline, makeDocument } from '../helpers/documents.js';

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

  it('give the same article through a worker as in this thread', async () => {
    const [inThread] = await processDocuments(defaultPipeline(), [makeDocument(TEXT)]);
    const processor = await startWorkerPool({}, { workers: 1, heapMb: 160, packFromChars: 10 });
    try {
      const [pooled] = await processor.process([makeDocument(TEXT)]);
      expect(pooled).toEqual(inThread);
    } finally {
      await processor.close();
    }
  });
});
