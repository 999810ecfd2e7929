import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { AttributionModel, AttributionModelSchema } from '../../src/models/attribution/model.js';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `stancemap-${prefix}-`));

describe('stancemap train attribution', () => {
  it('trains on a converted PolNeAR folder, deterministically, into a model extract can load', async () => {
    const converted = temp('polnear-train');
    expect(await run(['convert', 'polnear', 'tests/fixtures/polnear', '--out', converted])).toBe(0);
    const first = join(temp('model'), 'a.json');
    const second = join(temp('model'), 'b.json');
    expect(await run(['train', 'attribution', '--polnear', converted, '--out', first, '--epochs', '3'])).toBe(0);
    expect(await run(['train', 'attribution', '--polnear', converted, '--out', second, '--epochs', '3'])).toBe(0);
    const a = AttributionModelSchema.parse(JSON.parse(readFileSync(first, 'utf8')));
    const b = AttributionModelSchema.parse(JSON.parse(readFileSync(second, 'utf8')));
    expect(a.detector).toEqual(b.detector);
    expect(a.sourceTagger).toEqual(b.sourceTagger);
    expect(a.trainedOn).toMatch(/2 documents, \d+ attributions; 3 epochs, seed 1/);
    expect(Object.keys(a.detector.weights).length).toBeGreaterThan(10);
    expect(AttributionModel.load(first).threshold).toBe(0);
    const out = temp('extract');
    expect(
      await run(['extract', join(converted, 'corpus'), '--out', out, '--quiet', '--attribution', 'model', '--attribution-model', first]),
    ).toBe(0);
  }, 60_000);

  it('a folder without corpus/ and gold/ is a clear error', async () => {
    expect(await run(['train', 'attribution', '--polnear', temp('empty'), '--out', join(temp('model'), 'x.json')])).toBe(1);
  });
});
