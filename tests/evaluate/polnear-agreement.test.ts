import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPolnearFolder } from '../../src/cli/convert.js';
import type { PolnearGold } from '../../src/evaluate/polnear/types.js';
import { DATA_ROOT, sharedAvailable } from '../helpers/shared-data.js';
import { FIXTURE_ROOT, POLNEAR_MJS, goldToBrat, readJsonFile, readJsonFolder, runReference, withoutCoref } from './polnear-helpers.js';

/**
 * `stancemap convert polnear` against `polnear.mjs convert` on the same input:
 * BRAT files written back from the shared PolNeAR dev gold, and the hand-made
 * fixture tree. Every gold file and the manifest (timestamps and tool names
 * aside) must be the same.
 */

const DEV = join(DATA_ROOT, 'polnear', 'dev');

/** Manifest fields that name the tool or the run rather than the data (and two options we do not offer). */
function comparableManifest(manifest: unknown): Record<string, unknown> {
  const { created: _c, tool: _t, source: _s, multiOnly: _m, skippedByAnnotatorRule: _k, ...rest } = manifest as Record<string, unknown>;
  return rest;
}

/** toEqual on large objects is slow, so it only runs (for its diff) when a plain deep comparison fails. */
function expectSame(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

async function compareOutputs(mineDir: string, refDir: string): Promise<void> {
  expectSame(readJsonFolder(join(mineDir, 'gold')), readJsonFolder(join(refDir, 'gold')));
  const corpus = (await readdir(join(refDir, 'corpus'))).sort();
  expect((await readdir(join(mineDir, 'corpus'))).sort()).toEqual(corpus);
  for (const name of corpus) expect(await readFile(join(mineDir, 'corpus', name))).toEqual(await readFile(join(refDir, 'corpus', name)));
  expect(comparableManifest(readJsonFile(join(mineDir, 'manifest.json')))).toEqual(
    comparableManifest(readJsonFile(join(refDir, 'manifest.json'))),
  );
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'stancemap-polnear-agree-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!sharedAvailable(join(DEV, 'gold'), join(DEV, 'corpus'), POLNEAR_MJS))(
  'convert polnear on BRAT written back from the shared dev gold',
  () => {
    let golds: PolnearGold[];
    let multi: PolnearGold;
    /** Annotators written for the multi-annotated article: "0a11" sorts first and annotated only half of it. */
    const extraAnnotators = ['0a11', 'ff00'];

    beforeAll(async () => {
      const names = (await readdir(join(DEV, 'gold'))).filter((n) => n.endsWith('.json')).sort();
      // Every fourth article keeps the test quick; the multi-annotated ones are always in.
      golds = names.map((n) => readJsonFile(join(DEV, 'gold', n)) as PolnearGold).filter((g, i) => i % 4 === 0 || g.annotators.length > 1);
      multi = golds.find((g) => g.annotators.length > 1)!;
      const tree = join(tmp, 'repo', 'data', 'dev');
      await mkdir(join(tree, 'text'), { recursive: true });
      await mkdir(join(tree, 'attributions'), { recursive: true });
      for (const gold of golds) {
        const textFile = join(tree, 'text', `${gold.docId}.txt`);
        await copyFile(join(DEV, 'corpus', `${gold.docId}.txt`), textFile);
        const rawText = await readFile(textFile, 'utf8');
        await writeFile(join(tree, 'attributions', `${gold.docId}_${gold.annotator}.ann`), goldToBrat(gold, rawText));
        if (gold !== multi) continue;
        const half = { ...gold, attributions: gold.attributions.filter((_, i) => i % 2 === 0) };
        await writeFile(join(tree, 'attributions', `${gold.docId}_${extraAnnotators[0]}.ann`), goldToBrat(half, rawText));
        await writeFile(join(tree, 'attributions', `${gold.docId}_${extraAnnotators[1]}.ann`), goldToBrat(gold, rawText));
      }
      await Promise.all([
        convertPolnearFolder(join(tmp, 'repo'), join(tmp, 'mine'), { split: 'dev', coref: false }),
        runReference(['convert', join(tmp, 'repo'), join(tmp, 'ref'), '--split', 'dev', '--no-coref']),
      ]);
    });

    it('writes the same gold, corpus and manifest as polnear.mjs convert --no-coref', async () => {
      await compareOutputs(join(tmp, 'mine'), join(tmp, 'ref'));
    });

    it('gives back the shared gold (without CoreNLP chains) where only its annotator was written back', () => {
      for (const gold of golds.filter((g) => g !== multi)) {
        // Only the chosen annotator's annotation is in the shared gold, so it is the only one written back.
        expectSame(readJsonFile(join(tmp, 'mine', 'gold', `${gold.docId}.json`)), { ...withoutCoref(gold), annotators: [gold.annotator] });
      }
    });

    it('takes the first annotator in string order for the multi-annotated article', () => {
      const converted = readJsonFile(join(tmp, 'mine', 'gold', `${multi.docId}.json`)) as PolnearGold;
      expect(converted.annotator).toBe('0a11');
      expect(converted.annotators).toEqual(['0a11', multi.annotator, 'ff00']);
      expect(converted.attributions.map((a) => a.id)).toEqual(multi.attributions.filter((_, i) => i % 2 === 0).map((a) => a.id));
    });
  },
);

describe.skipIf(!sharedAvailable(POLNEAR_MJS))('convert polnear on the fixture tree', () => {
  it('writes the same gold (CoreNLP chains included), corpus and manifest as polnear.mjs convert', async () => {
    await Promise.all([
      convertPolnearFolder(FIXTURE_ROOT, join(tmp, 'fixture-mine'), { split: 'dev', coref: true }),
      runReference(['convert', FIXTURE_ROOT, join(tmp, 'fixture-ref'), '--split', 'dev']),
    ]);
    await compareOutputs(join(tmp, 'fixture-mine'), join(tmp, 'fixture-ref'));
  });
});
