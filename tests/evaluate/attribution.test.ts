import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPolnearFolder } from '../../src/cli/convert.js';
import { FatalError } from '../../src/errors.js';
import { formatAttributionReport, scoreAttributionDirs, type AttributionReport } from '../../src/evaluate/attribution.js';
import type { PolnearGold } from '../../src/evaluate/polnear/types.js';
import { DATA_ROOT, sharedAvailable } from '../helpers/shared-data.js';
import { writePredictions, type Variant } from './attribution-predictions.js';
import { FIXTURE_ROOT, POLNEAR_MJS, readJsonFile, runReference } from './polnear-helpers.js';

const BRIDGE = 'gazette_2016-03-01_harbour-bridge';
const BUDGET = 'courier_2016-05-12_mayor-budget';

/** polnear.mjs score --json on the same folders; only the scorer's name may differ. */
async function referenceScore(gold: string, pred: string, args: string[] = []): Promise<AttributionReport> {
  const report = JSON.parse(await runReference(['score', '--gold', gold, '--pred', pred, '--json', ...args]));
  return { ...report, scorer: 'stancemap evaluate --attribution' };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'stancemap-attribution-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('scoreAttributionDirs on the fixture', () => {
  let gold: string;
  let pred: string;
  const at = (text: string, phrase: string, from = 0): { start: number; end: number } => {
    const start = text.indexOf(phrase, from);
    expect(start).toBeGreaterThanOrEqual(0);
    return { start, end: start + phrase.length };
  };

  beforeAll(async () => {
    await convertPolnearFolder(FIXTURE_ROOT, join(tmp, 'fixture'), { split: 'dev', coref: true });
    gold = join(tmp, 'fixture', 'gold');
    pred = join(tmp, 'fixture-pred');
    const bridge = (await readFile(join(tmp, 'fixture', 'corpus', `${BRIDGE}.txt`), 'utf8')).replace(/^\uFEFF/, '');
    const budget = (await readFile(join(tmp, 'fixture', 'corpus', `${BUDGET}.txt`), 'utf8')).replace(/^\uFEFF/, '');
    const bridgePred = {
      docId: BRIDGE,
      entities: [{ id: 'e1', name: 'Zz', mentions: [at(bridge, 'Maëlle Dufresne')] }],
      statements: [
        { ...at(bridge, 'the vote on the harbour bridge'), speaker: 'e1' }, // E1 via the entity mention
        { ...at(bridge, 'Dufresne told reporters'), speaker: null, speakerText: 'dufresne' }, // between E2's fragments
        { ...at(bridge, 'the ferry would keep running'), speaker: null }, // E4 has no source
        { ...at(bridge, 'the delay “a scandal”'), speakerText: 'CRITICS' }, // E6 via T1
        { ...at(bridge, 'old pilings can be saved'), speaker: 'ghost' }, // E3, unresolved
      ],
    };
    const budgetPred = {
      docId: BUDGET,
      entities: [{ id: 7, name: 'Zz', mentions: [at(budget, 'Alvarado')] }],
      statements: [
        { ...at(budget, 'the city could afford forty new buses'), speaker: '7' }, // "She": only the chain head matches
        { ...at(budget, 'it would wait for the audit'), speakerText: 'transit board' }, // T2
      ],
    };
    await mkdir(pred, { recursive: true });
    await writeFile(join(pred, `${BRIDGE}.json`), JSON.stringify(bridgePred));
    await writeFile(join(pred, `${BUDGET}.json`), JSON.stringify(budgetPred));
  });

  it('pairs over content fragments and judges each source rule', () => {
    const report = scoreAttributionDirs(gold, pred);
    expect(report.options).toEqual({ overlap: 'fragments', window: 200, corpus: join(gold, '..', 'corpus') });
    expect(report.documents).toEqual({ gold: 2, predFound: 2, predMissing: 0, predUnreadable: 0, predExtra: 0 });
    expect(report.gold).toEqual({ attributions: 8, withSource: 7, pronounSource: 1, withCoref: 3 });
    expect(report.detection).toMatchObject({ tp: 6, fp: 1, fn: 2, invalidPredictions: 0 });
    expect(report.source).toMatchObject({
      total: 5,
      correct: 3,
      viaEntity: 1,
      viaTextOnly: 2,
      predNullSpeaker: 2,
      predNoSource: 0,
      predUnresolved: 1,
    });
    expect(report.source.byGoldKind).toEqual({
      pronoun: { total: 1, correct: 0, accuracy: 0 },
      other: { total: 4, correct: 3, accuracy: 0.75 },
    });
    expect(report.source.lenient).toEqual({ total: 5, correct: 4, accuracy: 0.8 });
    expect(report.source.goldNoSource).toEqual({ pairs: 1, predNone: 1 });
    expect(report.warnings).toEqual([`${BRIDGE}: predicted speaker id "ghost" not among predicted entities`]);
  });

  it('pairs the words between two quote halves only over the covering span', () => {
    const report = scoreAttributionDirs(gold, pred, { covering: true });
    expect(report.options.overlap).toBe('covering');
    expect(report.detection).toMatchObject({ tp: 7, fp: 0, fn: 1 });
    expect(report.source).toMatchObject({ total: 6, correct: 4, viaTextOnly: 3 });
  });

  it('finds speakerText only inside the window and only with the corpus', () => {
    // "transit board" lies 47 characters before its statement.
    expect(scoreAttributionDirs(gold, pred, { window: 40 }).source.correct).toBe(2);
    const noText = scoreAttributionDirs(gold, pred, { corpus: join(tmp, 'no-such-corpus') });
    expect([noText.source.correct, noText.source.textUnavailable]).toEqual([2, 2]);
    expect(noText.warnings).toContain(`${BUDGET}: corpus text unavailable; speakerText substring rule (T2) not applied`);
  });

  it.skipIf(!sharedAvailable(POLNEAR_MJS))('agrees with polnear.mjs score', async () => {
    expect(scoreAttributionDirs(gold, pred)).toEqual(await referenceScore(gold, pred));
    expect(scoreAttributionDirs(gold, pred, { covering: true, window: 40 })).toEqual(
      await referenceScore(gold, pred, ['--covering', '--window', '40']),
    );
  });

  it('reads predictions leniently but stops on a gold folder that is missing or not PolNeAR gold', async () => {
    const empty = scoreAttributionDirs(gold, join(tmp, 'no-predictions'));
    expect(empty.documents).toMatchObject({ predFound: 0, predMissing: 2 });
    expect(empty.detection).toMatchObject({ tp: 0, fn: 8, precision: null, recall: 0 });
    expect(() => scoreAttributionDirs(join(tmp, 'no-gold'), pred)).toThrow(FatalError);
    const wrong = join(tmp, 'wrong-gold');
    await mkdir(wrong, { recursive: true });
    await writeFile(join(wrong, 'a.json'), JSON.stringify({ docId: 'a', entities: [], statements: [] }));
    expect(() => scoreAttributionDirs(wrong, pred)).toThrow(/field "attributions"/);
    expect(() => scoreAttributionDirs(gold, pred, { window: -1 })).toThrow(FatalError);
  });

  it('formats a table for people', () => {
    const table = formatAttributionReport(scoreAttributionDirs(gold, pred));
    expect(table).toContain('documents: 2 gold, 2 predicted, 0 without prediction');
    expect(table).toMatch(/statements vs attributions\s+85\.7\s+75\.0\s+80\.0\s+6\s+1\s+2/);
    expect(table).toMatch(/ all\s+60\.0 {2}3\/5/);
    expect(table).toMatch(/lenient \(CoreNLP chain, relative pronouns\)\s+80\.0 {2}4\/5/);
    expect(table).toContain('warnings (1):');
  });
});

const DEV = join(DATA_ROOT, 'polnear', 'dev');

describe.skipIf(!sharedAvailable(join(DEV, 'gold'), join(DEV, 'corpus'), POLNEAR_MJS))(
  'scoreAttributionDirs agrees with polnear.mjs score on the shared dev gold',
  () => {
    const goldDir = join(DEV, 'gold');
    const dir = (name: string): string => join(tmp, 'shared', name);
    const RULES: Variant[] = ['entityMention', 'entityName', 'alias', 'textEqual', 'textInside', 'chainHead', 'chainText', 'relative'];
    /** Scored by both (each polnear.mjs run costs about a CPU-second); the mixed predictions hold every variant, so each rule is compared here. */
    const CASES: Array<{ name: string; pred: string; args: string[] }> = [
      { name: 'mixed', pred: 'mixed', args: [] },
      { name: 'mixed --window 0', pred: 'mixed', args: ['--window', '0'] },
      { name: 'mixed --window 30 --covering', pred: 'mixed', args: ['--window', '30', '--covering'] },
      { name: 'mixed without corpus', pred: 'mixed', args: ['--corpus', 'no-corpus'] },
      { name: 'trivial', pred: 'trivial', args: [] },
    ];
    const reference = new Map<string, AttributionReport>();
    const mine = new Map<string, AttributionReport>();

    /** The scorer's options for the reference's command-line arguments. */
    function optionsOf(args: string[]): Parameters<typeof scoreAttributionDirs>[2] {
      const window = args.indexOf('--window');
      const corpus = args.indexOf('--corpus');
      return {
        covering: args.includes('--covering'),
        ...(window >= 0 ? { window: Number(args[window + 1]) } : {}),
        ...(corpus >= 0 ? { corpus: dir(args[corpus + 1]!) } : {}),
      };
    }

    beforeAll(async () => {
      const names = (await readdir(goldDir)).filter((n) => n.endsWith('.json')).sort();
      const golds = names.map((n) => readJsonFile(join(goldDir, n)) as PolnearGold);
      const texts = new Map<string, string>();
      for (const g of golds) texts.set(g.docId, (await readFile(join(DEV, 'corpus', `${g.docId}.txt`), 'utf8')).replace(/^\uFEFF/, ''));
      await Promise.all([
        writePredictions(golds, texts, dir('mixed'), 'mixed'),
        runReference(['trivial', join(DEV, 'corpus'), dir('trivial')]),
      ]);
      const referenceRuns = Promise.all(
        CASES.map((c) =>
          referenceScore(
            goldDir,
            dir(c.pred),
            c.args.map((a) => (a === 'no-corpus' ? dir(a) : a)),
          ),
        ),
      );
      for (const c of CASES) mine.set(c.name, scoreAttributionDirs(goldDir, dir(c.pred), optionsOf(c.args)));
      // Each rule alone, on every third article (with its text beside it) to keep this quick.
      const subset = golds.filter((_, i) => i % 3 === 0);
      for (const g of subset) {
        await cp(join(goldDir, `${g.docId}.json`), join(dir('subset'), 'gold', `${g.docId}.json`));
        await cp(join(DEV, 'corpus', `${g.docId}.txt`), join(dir('subset'), 'corpus', `${g.docId}.txt`));
      }
      for (const rule of RULES) {
        await writePredictions(subset, texts, dir(rule), rule);
        mine.set(rule, scoreAttributionDirs(join(dir('subset'), 'gold'), dir(rule)));
      }
      (await referenceRuns).forEach((report, i) => reference.set(CASES[i]!.name, report));
    }, 60_000);

    it.each(CASES.map((c) => c.name))('%s: every figure and warning is the same', (name) => {
      expect(mine.get(name)).toEqual(reference.get(name));
    });

    it('exercises every file case and every source rule with non-zero counts', () => {
      const mixed = mine.get('mixed')!;
      expect(mixed.documents).toMatchObject({ gold: 84, predMissing: 1, predUnreadable: 3, predExtra: 2 });
      expect(mixed.detection.invalidPredictions).toBeGreaterThan(0);
      const s = mixed.source;
      for (const count of [
        s.viaEntity,
        s.viaTextOnly,
        s.predNullSpeaker,
        s.predNoSource,
        s.predUnresolved,
        s.goldNoSource.pairs,
        s.goldNoSource.predNone,
      ]) {
        expect(count).toBeGreaterThan(0);
      }
      expect(s.lenient.correct).toBeGreaterThan(s.correct);
      expect(s.byGoldKind.pronoun.correct).toBeGreaterThan(0);
      expect(mixed.warnings).toHaveLength(51);
      expect(mixed.warnings[50]).toMatch(/^… and \d+ more warnings$/);
      expect(mine.get('mixed without corpus')!.source.textUnavailable).toBeGreaterThan(0);
      expect(mine.get('mixed --window 0')!.source.viaTextOnly).toBeLessThan(s.viaTextOnly);
      expect(mine.get('mixed --window 30 --covering')!.detection.tp).toBeGreaterThanOrEqual(mixed.detection.tp);
    });

    it.each(RULES)('%s alone makes sources correct', (rule) => {
      const report = mine.get(rule)!;
      const lenientOnly = rule === 'chainHead' || rule === 'chainText' || rule === 'relative';
      expect(lenientOnly ? report.source.lenient.correct : report.source.correct).toBeGreaterThan(0);
      if (lenientOnly) expect(report.source.lenient.correct).toBeGreaterThan(report.source.correct);
      if (rule === 'entityMention' || rule === 'entityName' || rule === 'alias')
        expect(report.source.viaEntity).toBe(report.source.correct);
      if (rule === 'textEqual' || rule === 'textInside') expect(report.source.viaTextOnly).toBe(report.source.correct);
    });
  },
);
