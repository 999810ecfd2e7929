import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import type { Stage } from '../../src/pipeline/stage.js';
import { FatalError } from '../../src/errors.js';
import { ResolveStage } from '../../src/pipeline/stages/resolve.js';
import { makeDocument } from '../helpers/documents.js';

describe('Pipeline', () => {
  it('refuses to build when a stage needs what no earlier stage assigns', () => {
    expect(() => new Pipeline([new ResolveStage()])).toThrow(FatalError);
    expect(() => new Pipeline([new ResolveStage()])).toThrow(/stage "resolve" requires mentions/);
  });

  it('isolates the document that fails and completes the rest of the batch', async () => {
    const picky: Stage = {
      name: 'picky',
      requires: ['text'],
      assigns: ['zones'],
      run(docs) {
        for (const doc of docs) if (doc.text.includes('poison')) throw new Error('cannot digest');
      },
    };
    const marker: Stage = {
      name: 'marker',
      requires: ['zones'],
      assigns: [],
      run(docs) {
        for (const d of docs) d.warnings.push({ code: 'X', message: 'seen' });
      },
    };
    const pipeline = new Pipeline([picky, marker]);
    const docs = [makeDocument('fine one', 'txt', 'a'), makeDocument('poison here', 'txt', 'b'), makeDocument('fine two', 'txt', 'c')];
    const failures = await pipeline.process(docs);
    expect(failures.map((f) => [f.doc.id, f.stage])).toEqual([['b', 'picky']]);
    expect(docs.map((d) => d.stages)).toEqual([['picky', 'marker'], [], ['picky', 'marker']]);
  });

  it('changes its fingerprint when a setting changes', () => {
    const stage: Stage = { name: 's', requires: ['text'], assigns: [], run() {} };
    expect(new Pipeline([stage], { a: 1 }).fingerprint).not.toBe(new Pipeline([stage], { a: 2 }).fingerprint);
    expect(new Pipeline([stage], { a: 1 }).fingerprint).toBe(new Pipeline([stage], { a: 1 }).fingerprint);
  });
});
