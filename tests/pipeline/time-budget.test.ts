import { readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Document } from '../../src/document/types.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { budgetUnits, processDocuments } from '../../src/pipeline/processor.js';
import type { Stage } from '../../src/pipeline/stage.js';
import { DEFAULT_WINDOWS } from '../../src/pipeline/windows.js';
import { startWorkerPool } from '../../src/pipeline/worker-pool.js';
import { cli } from '../helpers/cli.js';
import { defaultPipeline, makeDocument } from '../helpers/documents.js';
import { articles, extractFolder, manifestOf, temp } from '../helpers/output.js';

const SPINNING_WORKER = new URL('../fixtures/workers/spinning-worker.ts', import.meta.url);

/** A stage that keeps this thread busy for `ms` on a batch holding the document "spin", as a runaway stage would. */
function slowStage(ms: number): Stage {
  return {
    name: 'slow',
    requires: [],
    assigns: [],
    run(docs: readonly Document[]) {
      if (!docs.some((doc) => doc.id === 'spin')) return;
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // Busy: a synchronous stage cannot be interrupted in this thread.
      }
    },
  };
}

const TEXTS: Record<string, string> = {
  small: 'Tomas Veller said the Kelvane Water Authority would open the dam.\n',
  spin: 'Oruba Tesfanet said the dam would open.\n',
  steady: 'Ilse Marrow said the valley would wait.\n',
};

describe('the per-document time budget (E111)', () => {
  it('in this thread: stops the batch between stages, and fails only the document over its own budget', async () => {
    const pipeline = new Pipeline([slowStage(1_500), ...defaultPipeline().stages]);
    const docs = () => Object.entries(TEXTS).map(([id, text]) => makeDocument(text, 'txt', id));
    const results = await processDocuments(pipeline, docs(), DEFAULT_WINDOWS, 500);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'E111', 'ok']);
    expect(results[1]).toMatchObject({
      reason: expect.stringMatching(/^E111 document exceeded its time budget: .*0\.5 s .*after stage slow/),
    });
    // The retried documents start afresh: their articles are those of a run without a budget.
    const unbudgeted = await processDocuments(new Pipeline([slowStage(0), ...defaultPipeline().stages]), docs(), DEFAULT_WINDOWS);
    expect(results[0]).toEqual(unbudgeted[0]);
    expect(results[2]).toEqual(unbudgeted[2]);
    // Slow, but within its budget: written.
    const [slow] = await processDocuments(pipeline, [makeDocument(TEXTS.spin!, 'txt', 'spin')], DEFAULT_WINDOWS, 5_000);
    expect(slow!.ok).toBe(true);
  });

  it('in this thread: a batch redone for its budget leaves none of its long articles spooled', async () => {
    const spools = temp('budget-spools');
    vi.stubEnv('TMPDIR', spools);
    const paragraphs = (n: number) => Array.from({ length: n }, () => TEXTS.small!.trim()).join('\n\n');
    // Two windows each of 200 characters: four budgets of 0.5 s for the batch, two for the runaway alone.
    const windows = { size: 200, overlap: 50 };
    const docs = [makeDocument(paragraphs(5), 'txt', 'long'), makeDocument(paragraphs(5), 'txt', 'spin')];
    expect(
      budgetUnits(
        docs.map((d) => d.text.length),
        windows.size,
      ),
    ).toBe(4);
    const pipeline = new Pipeline([slowStage(1_500), ...defaultPipeline().stages]);
    const results = await processDocuments(pipeline, docs, windows, 500);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'E111']);
    const kept = results.flatMap((r) => (r.ok && typeof r.content !== 'string' ? [basename(dirname(r.content.spooled))] : []));
    expect(kept).toHaveLength(1);
    expect(readdirSync(spools)).toEqual(kept);
  });

  it('grows with a long document: one budget per started window', () => {
    expect(budgetUnits([10])).toBe(1);
    expect(budgetUnits([DEFAULT_WINDOWS.size])).toBe(1);
    expect(budgetUnits([DEFAULT_WINDOWS.size + 1, 10])).toBe(3);
    expect(budgetUnits([20 * DEFAULT_WINDOWS.size])).toBe(20);
  });

  it('with worker threads: stops the worker of a runaway document, replaces it and retries the rest of the batch', async () => {
    const dir = temp('budget-in');
    for (const [id, text] of Object.entries(TEXTS)) writeFileSync(join(dir, `${id}.txt`), text);
    const processor = await startWorkerPool({}, { workers: 1, heapMb: 160, workerModule: SPINNING_WORKER, docTimeoutMs: 2_000 });
    const out = temp('budget-out');
    try {
      const { manifest, exitCode } = await extractFolder(processor, dir, out);
      expect(exitCode).toBe(2);
      expect(manifest.failures.map((f) => [f.docId, f.code])).toEqual([['spin', 'E111']]);
      expect(manifest.failures[0]!.reason).toMatch(
        /E111 document exceeded its time budget: over its 2 s budget .*worker thread was stopped/,
      );
      expect(manifest.options.docTimeout).toBe(2);
      expect(articles(out)).toEqual(['small.json', 'steady.json']);
    } finally {
      await processor.close();
    }
  });

  it('--doc-timeout is checked, and recorded in the manifest (300 s unless given)', async () => {
    const dir = temp('budget-flag-in');
    writeFileSync(join(dir, 'small.txt'), TEXTS.small!);
    const bad = await cli('extract', dir, '--out', temp('budget-flag-bad'), '--doc-timeout', '0');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--doc-timeout.*must be a number of seconds above 0/);
    const out = temp('budget-flag-out');
    expect((await cli('extract', dir, '--out', out, '--quiet')).code).toBe(0);
    expect(manifestOf(out).options.docTimeout).toBe(300);
    expect((await cli('extract', dir, '--out', out, '--quiet', '--force', '--doc-timeout', '0.5')).code).toBe(0);
    expect(manifestOf(out).options.docTimeout).toBe(0.5);
  });
});
