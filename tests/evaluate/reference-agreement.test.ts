import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { loadPairs } from '../../src/evaluate/load.js';
import { evaluate } from '../../src/evaluate/scorer.js';
import { DATA_ROOT, TOOLS_DIR, sharedAvailable } from '../helpers/shared-data.js';

/**
 * `stancemap evaluate` must give every figure `../shared/tools/score.mjs`
 * gives (ANNOTATION.md "How evaluate scores"). Each test scores one gold and
 * prediction folder with both and compares every key the reference prints.
 */

const SCORE_MJS = join(TOOLS_DIR, 'score.mjs');

async function ours(gold: string, pred: string): Promise<Record<string, unknown>> {
  const { pairs, documents } = await loadPairs(gold, pred);
  return evaluate(pairs, documents) as unknown as Record<string, unknown>;
}

function reference(gold: string, pred: string): Record<string, unknown> {
  return JSON.parse(
    execFileSync(process.execPath, [SCORE_MJS, '--gold', gold, '--pred', pred, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as Record<string, unknown>;
}

/** Our report restricted to the reference's keys (recursively), without the scorer's own name. */
function sharedKeys(ourValue: unknown, refValue: unknown): unknown {
  if (typeof refValue !== 'object' || refValue === null || Array.isArray(refValue)) return ourValue;
  if (typeof ourValue !== 'object' || ourValue === null) return ourValue;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(refValue))
    if (key !== 'scorer') out[key] = sharedKeys((ourValue as Record<string, unknown>)[key], (refValue as Record<string, unknown>)[key]);
  return out;
}

async function expectAgreement(gold: string, pred: string): Promise<Record<string, unknown>> {
  const ref = reference(gold, pred);
  const mine = await ours(gold, pred);
  const { scorer: _ignored, ...refFigures } = ref;
  expect(sharedKeys(mine, ref)).toEqual(refFigures);
  return mine;
}

const writeJson = (path: string, value: unknown) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
};

// ---------------------------------------------------------------- a gold set built for the tie-breaks

const span = (start: number, end: number) => ({ start, end });
const statement = (label: string, start: number, end: number, speaker: string | null = null) => ({ label, start, end, speaker });

/** Gold "a": statement pairs that tie on share, on characters and on order; speakers matched every way the rules allow. */
const goldA = {
  docId: 'a',
  entities: [
    { type: 'PERSON', name: 'Abū Qāsim al-Ḥusaynī', mentions: [span(700, 720)] },
    { type: 'ORGANIZATION', name: 'Kata′ib Example', mentions: [span(730, 745), span(900, 910)] },
    { type: 'ORGANIZATION', name: 'Overlap Front', mentions: [span(750, 765)] },
    { type: 'LOCATION', name: 'Somewhere', mentions: [span(770, 779), span(780, 789)] },
    { type: 'PERSON', name: 'Nobody Listed', mentions: [] },
    { type: 'LOCATION', name: 'Ignored Place', mentions: [span(950, 960)] },
  ],
  statements: [
    statement('claim', 0, 20, 'Abū Qāsim al-Ḥusaynī'), // G0: P0 ties with G1 on share and characters; gold order decides
    statement('claim', 20, 40, 'Kata′ib Example'), // G1
    statement('support', 50, 70, 'Overlap Front'), // G2: the labelled pass beats a wrong label with more overlap
    statement('threat', 100, 140, null), // G3: same share, more characters wins
    statement('claim', 200, 220, null), // G4: prediction order decides
    statement('support', 300, 340, 'Not An Entity'), // G5: only an unlabelled pair; gold speaker unresolved
    statement('claim', 400, 410, 'Somewhere'), // G6: a full overlap beats one of exactly half
    statement('claim', 600, 610, null), // G7: under half: no pair
    statement('claim', 500, 510, 'Somewhere'), // G8: overlap exactly half the shorter span
    statement('claim', 640, 640, null), // invalid gold span: skipped with a warning
    statement('claim', 1000, 1010, 'Somewhere'), // G9: share 0.5 with P13 over 5 characters …
    statement('claim', 1055, 1255, null), // G10: … and share 0.5 over 50: characters decide before gold order
    statement('claim', 1300, 1400, 'Somewhere'), // G11: P14 (share 1, 10 characters) beats P15 (share 0.5, 50 characters)
  ],
  ignore: [span(950, 965)],
};

const entity = (id: string, type: string, name: string, mentions: Array<{ start: number; end: number }>, aliases: string[] = []) => ({
  id,
  type,
  name,
  aliases,
  mentions,
});
const predStatement = (label: string, start: number, end: number, speaker: string | null = null, confidence = 0.7) => ({
  label,
  start,
  end,
  speaker,
  confidence,
});

const predA = {
  docId: 'a',
  entities: [
    entity('e1', 'PERSON', 'Abu Qasim al-Husayni', [span(600, 605)]), // right by name only (accents folded)
    entity('e2', 'ORGANIZATION', 'Kataib', [span(10, 15)], ['Kataib Example']), // right by alias, apostrophe-like prime dropped
    entity('e3', 'ORGANIZATION', 'Front', [span(755, 770)]), // right by an overlapping, not identical, mention
    entity('e4', 'LOCATION', 'Somewhere', [span(770, 779), span(780, 789), span(780, 789)]), // a repeated mention
    entity('e5', 'PERSON', 'Somewhere', [span(770, 779)]), // same span, other type
    entity('e6', 'MISC', 'Unknown Type', [span(1, 2), span(3, 4)]),
    entity('e7', 'LOCATION', 'Empty', []),
    entity('e8', 'LOCATION', 'Bad Spans', [span(5, 5), { start: 'x', end: 9 } as unknown as { start: number; end: number }]),
    entity('e9', 'LOCATION', 'In Ignore', [span(955, 958)]),
    null,
    entity('e10', 'ORGANIZATION', 'Kata′ib Example', [span(900, 910)]),
  ],
  statements: [
    predStatement('claim', 10, 30, 'e1'), // P0 → G0 (share 0.5 with both G0 and G1)
    predStatement('claim', 10, 30, 'e2'), // P1 → G1
    predStatement('claim', 50, 70, 'e3'), // P2: full overlap with G2, wrong label
    predStatement('support', 52, 70, 'e3', 0.95), // P3 → G2 in the labelled pass
    predStatement('threat', 100, 120, 'e1'), // P4: share 1, fewer characters
    predStatement('threat', 100, 140, 'e1', 0.2), // P5 → G3: false attribution (gold source unnamed)
    predStatement('claim', 200, 220, ''), // P6 → G4: '' is not null, so also a false attribution
    predStatement('claim', 200, 220, null), // P7: loses on prediction order
    predStatement('threat', 300, 340, 'e99'), // P8: unlabelled pair with G5
    predStatement('claim', 405, 430, 'e4'), // P9: exactly half of G6, but P11 covers all of it
    predStatement('claim', 606, 630, null), // P10: 4 of 10 characters: no pair
    predStatement('claim', 401, 409, 'e99', 0.55), // P11 → G6 (share 1); its speaker id is unknown
    predStatement('claim', 505, 530, 'e4'), // P12 → G8: exactly half
    predStatement('claim', 1005, 1105, null), // P13 → G10
    predStatement('claim', 1250, 1350, null), // P15
    predStatement('claim', 1300, 1310, 'e4'), // P14 → G11
    predStatement('opinion', 1, 5, null), // invalid label
    { start: 3, end: 2, label: 'claim' }, // invalid span
  ],
};

/** Gold "sub/b" lives in a subfolder; predictions at the same path. Gold "c" has no prediction; "d" and "e" unreadable ones. */
const goldSmall = (docId: string) => ({
  docId,
  entities: [{ type: 'PERSON', name: 'Solo Person', mentions: [span(0, 11)] }],
  statements: [statement('claim', 0, 30, 'Solo Person')],
});
const predSmall = (docId: string, speakerMention: { start: number; end: number }) => ({
  docId,
  entities: [entity('e1', 'PERSON', 'Solo', [speakerMention])],
  statements: [predStatement('claim', 0, 30, 'e1')],
});

/** Gold "g": enough invalid predictions to overflow the 50-warning list. */
const predManyWarnings = { statements: Array.from({ length: 60 }, (_, i) => ({ start: i, end: i, label: 'claim' })) };

function writeTieBreakSet(root: string): { gold: string; pred: string } {
  const gold = join(root, 'gold');
  const pred = join(root, 'pred');
  writeJson(join(gold, 'a.json'), goldA);
  writeJson(join(pred, 'a.json'), predA);
  writeJson(join(gold, 'sub/b.json'), goldSmall('sub/b'));
  writeJson(join(pred, 'sub/b.json'), predSmall('sub/b', span(5, 11)));
  writeJson(join(gold, 'c.json'), goldSmall('c'));
  writeJson(join(gold, 'd.json'), goldSmall('d'));
  writeJson(join(pred, 'd.json'), '{ not json');
  writeJson(join(gold, 'e.json'), goldSmall('e'));
  writeJson(join(pred, 'e.json'), '[1, 2]');
  writeJson(join(gold, 'f.json'), goldSmall('f'));
  writeJson(join(pred, 'f.json'), { ...predSmall('f', span(0, 4)), docId: 'other' });
  writeJson(join(gold, 'g.json'), { docId: 'g', entities: [], statements: [] });
  writeJson(join(pred, 'g.json'), predManyWarnings);
  writeJson(join(pred, 'extra.json'), predSmall('extra', span(0, 3)));
  writeJson(join(pred, 'manifest.json'), { not: 'an article' });
  return { gold, pred };
}

const available = sharedAvailable(SCORE_MJS);

describe.skipIf(!available)('evaluate agrees with ../shared/tools/score.mjs', () => {
  it('on a hand-built gold set for the tie-breaks and edge cases', async () => {
    const { gold, pred } = writeTieBreakSet(mkdtempSync(join(tmpdir(), 'stancemap-ties-')));
    const report = (await expectAgreement(gold, pred)) as {
      statements: { perLabel: Record<string, { tp: number }>; speaker: { unnamed: { falseAttribution: number } } };
      warnings: string[];
    };
    // The set must exercise what it was built for, or agreement would prove little.
    expect(report.statements.perLabel.claim!.tp).toBeGreaterThanOrEqual(3);
    expect(report.statements.speaker.unnamed.falseAttribution).toBe(2);
    expect(report.warnings.length).toBe(51);
    expect(report.warnings.at(-1)).toMatch(/more warnings$/);
  });

  it('on a gold subfolder (docIds are paths under the gold root)', async () => {
    const { gold, pred } = writeTieBreakSet(mkdtempSync(join(tmpdir(), 'stancemap-ties-')));
    await expectAgreement(join(gold, 'sub'), join(pred, 'sub'));
  });
});

describe.skipIf(!available || !sharedAvailable(join(DATA_ROOT, 'voa/dev.jsonl')))('evaluate agrees with score.mjs on real output', () => {
  let voaPred: string;
  let samplePred: string;
  beforeAll(async () => {
    voaPred = mkdtempSync(join(tmpdir(), 'stancemap-voa-'));
    samplePred = mkdtempSync(join(tmpdir(), 'stancemap-sample-'));
    expect(await run(['extract', join(DATA_ROOT, 'voa/dev.jsonl'), '--out', voaPred, '--quiet'])).toBe(0);
    expect(await run(['extract', 'corpus', '--out', samplePred, '--quiet'])).toBe(0);
  }, 120_000);

  it('on VOA dev', async () => {
    const report = (await expectAgreement(join(DATA_ROOT, 'voa/dev-gold'), voaPred)) as { documents: { predFound: number } };
    expect(report.documents.predFound).toBeGreaterThan(20);
  });

  it('on the sample gold', async () => {
    await expectAgreement('gold', samplePred);
  });
});
