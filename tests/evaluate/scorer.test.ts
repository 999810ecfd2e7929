import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FatalError } from '../../src/errors.js';
import { formatReport } from '../../src/evaluate/format.js';
import { loadPairs } from '../../src/evaluate/load.js';
import type { Prf } from '../../src/evaluate/metrics.js';
import { evaluate, type EvaluationPair, type EvaluationReport } from '../../src/evaluate/scorer.js';
import type { Article, Gold } from '../../src/schema/article.js';
import { makeArticle, makeGold, spanOf } from '../helpers/articles.js';

/** The expected Prf, numbers worked out by hand (P/R/F1 rounded to 4 places). */
const prf = (tp: number, fp: number, fn: number, precision: number, recall: number, f1: number): Prf => ({ tp, fp, fn, precision, recall, f1 });
const ZERO = prf(0, 0, 0, 0, 0, 0);
const ONE = (tp: number) => prf(tp, 0, 0, 1, 1, 1);

const score = (gold: Gold, pred: Article | null, docId = gold.docId): EvaluationReport => evaluate([{ docId, gold, pred }]);

/** Every confusion cell 0 except the ones given as "gold>pred". */
function confusion(cells: Record<string, number>): EvaluationReport['statements']['confusion'] {
  const keys = ['support', 'threat', 'claim', 'none'] as const;
  const out = Object.fromEntries(keys.map((g) => [g, Object.fromEntries(keys.map((p) => [p, cells[`${g}>${p}`] ?? 0]))]));
  return out as EvaluationReport['statements']['confusion'];
}

// One document used by several cases: 7 mentions in 4 entities, 2 statements.
const T = 'Ismail Qaani met Hezbollah in Beirut. Qaani praised Hezbollah. Hezbollah warned Israel.';
const IQ = spanOf(T, 'Ismail Qaani');
const Q2 = spanOf(T, 'Qaani', 2);
const H = [1, 2, 3].map((n) => spanOf(T, 'Hezbollah', n));
const BEIRUT = spanOf(T, 'Beirut');
const ISRAEL = spanOf(T, 'Israel');
const S_SUPPORT = spanOf(T, 'Qaani praised Hezbollah.');
const S_THREAT = spanOf(T, 'Hezbollah warned Israel.');

const goldT = makeGold(
  'doc',
  {
    entities: [
      { type: 'PERSON', name: 'Ismail Qaani', mentions: [IQ, Q2] },
      { type: 'ORGANIZATION', name: 'Hezbollah', mentions: H },
      { type: 'LOCATION', name: 'Beirut', mentions: [BEIRUT] },
      { type: 'LOCATION', name: 'Israel', mentions: [ISRAEL] },
    ],
    statements: [
      { label: 'support', ...S_SUPPORT, speaker: 'Ismail Qaani' },
      { label: 'threat', ...S_THREAT, speaker: 'Hezbollah' },
    ],
  },
  T,
);

const perfectPred = makeArticle(T, {
  entities: [
    { type: 'PERSON', name: 'Ismail Qaani', aliases: ['Qaani'], mentions: [IQ, Q2] },
    { type: 'ORGANIZATION', mentions: H },
    { type: 'LOCATION', mentions: [BEIRUT] },
    { type: 'LOCATION', mentions: [ISRAEL] },
  ],
  statements: [
    { label: 'support', ...S_SUPPORT, speaker: 'e1', targets: ['e2'] },
    { label: 'threat', ...S_THREAT, speaker: 'e2', targets: ['e4'] },
  ],
});

describe('test helpers', () => {
  it('builds articles whose spans and sentences line up with the text', () => {
    expect(perfectPred.sentences).toEqual([
      { index: 0, start: 0, end: 37 },
      { index: 1, start: 38, end: 62 },
      { index: 2, start: 63, end: 87 },
    ]);
    expect(perfectPred.stats.chars).toBe(T.length);
    expect(perfectPred.entities.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(perfectPred.entities[0]!.mentions.map((m) => [m.text, m.sentence])).toEqual([['Ismail Qaani', 0], ['Qaani', 1]]);
    expect(perfectPred.statements.map((s) => [s.id, s.sentence, s.text])).toEqual([
      ['s1', 1, 'Qaani praised Hezbollah.'],
      ['s2', 2, 'Hezbollah warned Israel.'],
    ]);
  });
});

describe('evaluate: mentions', () => {
  it('a perfect prediction scores 1 everywhere', () => {
    const r = score(goldT, perfectPred);
    expect(r.documents).toBe(1);
    for (const table of [r.mentions.strict, r.mentions.exactSpan, r.mentions.partial]) {
      expect(table).toEqual({ PERSON: ONE(2), ORGANIZATION: ONE(3), LOCATION: ONE(2), micro: ONE(7) });
    }
    expect(r.entities.byType).toEqual({ PERSON: ONE(1), ORGANIZATION: ONE(1), LOCATION: ONE(2), micro: ONE(4) });
    expect(r.entities.bCubed).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(r.statements.byLabel).toEqual({ support: ONE(1), threat: ONE(1), claim: ZERO });
    expect(r.statements.unlabelled).toEqual(ONE(2));
    expect(r.statements.macroF1).toBe(1);
    expect(r.statements.confusion).toEqual(confusion({ 'support>support': 1, 'threat>threat': 1 }));
    expect(r.statements.speaker).toEqual({ correct: 2, total: 2, accuracy: 1 });
    expect(r.errors).toEqual([]);
  });

  it('a missed mention is a false negative in every scheme; its entity is still found', () => {
    const pred = makeArticle(T, {
      entities: [
        { type: 'PERSON', mentions: [IQ] },
        { type: 'ORGANIZATION', mentions: H },
        { type: 'LOCATION', mentions: [BEIRUT] },
        { type: 'LOCATION', mentions: [ISRAEL] },
      ],
    });
    const r = score(goldT, pred);
    for (const table of [r.mentions.strict, r.mentions.exactSpan, r.mentions.partial]) {
      // PERSON: 1 of 2 found; micro 6 of 7: R 0.8571, F1 12/13.
      expect(table.PERSON).toEqual(prf(1, 0, 1, 1, 0.5, 0.6667));
      expect(table.micro).toEqual(prf(6, 0, 1, 1, 0.8571, 0.9231));
    }
    expect(r.entities.byType.PERSON).toEqual(ONE(1));
    expect(r.entities.bCubed).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(r.errors.filter((e) => e.kind === 'mention')).toEqual([
      {
        docId: 'doc',
        kind: 'mention',
        error: 'false-negative',
        start: Q2.start,
        end: Q2.end,
        tag: 'PERSON',
        text: 'Qaani',
        context: 'Ismail Qaani met Hezbollah in Beirut. [Qaani] praised Hezbollah. Hezbollah warned Isr',
      },
    ]);
  });

  it('a wrong type: strict and partial miss it, exact span counts it', () => {
    const text = 'Hezbollah struck Haifa.';
    const gold = makeGold('doc', {
      entities: [
        { type: 'ORGANIZATION', name: 'Hezbollah', mentions: [spanOf(text, 'Hezbollah')] },
        { type: 'LOCATION', name: 'Haifa', mentions: [spanOf(text, 'Haifa')] },
      ],
    });
    const pred = makeArticle(text, {
      entities: [
        { type: 'LOCATION', mentions: [spanOf(text, 'Hezbollah')] },
        { type: 'LOCATION', mentions: [spanOf(text, 'Haifa')] },
      ],
    });
    const r = score(gold, pred);
    expect(r.mentions.strict).toEqual({ PERSON: ZERO, ORGANIZATION: prf(0, 0, 1, 0, 0, 0), LOCATION: prf(1, 1, 0, 0.5, 1, 0.6667), micro: prf(1, 1, 1, 0.5, 0.5, 0.5) });
    // Exact span ignores the type; the true positive is counted under the predicted type.
    expect(r.mentions.exactSpan).toEqual({ PERSON: ZERO, ORGANIZATION: ZERO, LOCATION: ONE(2), micro: ONE(2) });
    expect(r.mentions.partial).toEqual(r.mentions.strict);
    // Entities need the same type: gold Hezbollah not found, predicted LOCATION Hezbollah not correct.
    expect(r.entities.byType).toEqual({
      PERSON: ZERO,
      ORGANIZATION: prf(0, 0, 1, 0, 0, 0),
      LOCATION: prf(1, 1, 0, 0.5, 1, 0.6667),
      micro: prf(1, 1, 1, 0.5, 0.5, 0.5),
    });
    // B-cubed is over exact-span matches whatever the type.
    expect(r.entities.bCubed).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(r.errors.map((e) => [e.error, e.tag, e.text])).toEqual([
      ['false-positive', 'LOCATION', 'Hezbollah'],
      ['false-negative', 'ORGANIZATION', 'Hezbollah'],
    ]);
  });

  it('the same span predicted twice with two types: the gold mention is found once, whatever the entity order', () => {
    const text = 'Hezbollah struck Haifa.';
    const h = spanOf(text, 'Hezbollah');
    const gold = makeGold('doc', { entities: [{ type: 'ORGANIZATION', name: 'Hezbollah', mentions: [h] }] });
    for (const order of [['LOCATION', 'ORGANIZATION'], ['ORGANIZATION', 'LOCATION']] as const) {
      const r = score(gold, makeArticle(text, { entities: order.map((type) => ({ type, mentions: [h] })) }));
      expect(r.mentions.strict.ORGANIZATION).toEqual(ONE(1));
      expect(r.mentions.strict.LOCATION).toEqual(prf(0, 1, 0, 0, 0, 0));
      expect(r.mentions.strict.micro).toEqual(prf(1, 1, 0, 0.5, 1, 0.6667));
      expect(r.errors.map((e) => [e.error, e.tag])).toEqual([['false-positive', 'LOCATION']]);
    }
  });

  it('a partial overlap counts only in the partial scheme, and one-to-one', () => {
    const text = 'Ismail Qaani spoke.';
    const gold = makeGold('doc', { entities: [{ type: 'PERSON', name: 'Ismail Qaani', mentions: [spanOf(text, 'Ismail Qaani')] }] });
    const one = score(gold, makeArticle(text, { entities: [{ type: 'PERSON', mentions: [spanOf(text, 'Qaani')] }] }));
    expect(one.mentions.strict.micro).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(one.mentions.exactSpan.micro).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(one.mentions.partial.PERSON).toEqual(ONE(1));
    expect(one.mentions.partial.micro).toEqual(ONE(1));
    expect(one.entities.byType.PERSON).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(one.entities.bCubed).toEqual({ precision: 0, recall: 0, f1: 0 });

    // Two predictions inside one gold mention: one partial match, one false positive.
    const two = score(gold, makeArticle(text, { entities: [{ type: 'PERSON', mentions: [spanOf(text, 'Ismail'), spanOf(text, 'Qaani')] }] }));
    expect(two.mentions.partial.PERSON).toEqual(prf(1, 1, 0, 0.5, 1, 0.6667));
    expect(two.mentions.strict.PERSON).toEqual(prf(0, 2, 1, 0, 0, 0));

    // An overlap of another type is no partial match.
    const typed = score(gold, makeArticle(text, { entities: [{ type: 'ORGANIZATION', mentions: [spanOf(text, 'Qaani')] }] }));
    expect(typed.mentions.partial.micro).toEqual(prf(0, 1, 1, 0, 0, 0));
  });

  it('a predicted mention over an ignore span counts neither way; gold is unaffected', () => {
    const text = 'Iran-backed Kataib Hezbollah struck Erbil.';
    const KH = spanOf(text, 'Kataib Hezbollah');
    const ERBIL = spanOf(text, 'Erbil');
    const entities = [
      { type: 'ORGANIZATION' as const, name: 'Kataib Hezbollah', mentions: [KH] },
      { type: 'LOCATION' as const, name: 'Erbil', mentions: [ERBIL] },
    ];
    const gold = makeGold('doc', { entities, ignore: [spanOf(text, 'Iran-backed')] });
    const pred = makeArticle(text, {
      entities: [
        { type: 'LOCATION', mentions: [spanOf(text, 'Iran')] },
        { type: 'ORGANIZATION', mentions: [KH] },
        { type: 'LOCATION', mentions: [ERBIL] },
      ],
    });
    const r = score(gold, pred);
    for (const table of [r.mentions.strict, r.mentions.exactSpan, r.mentions.partial]) {
      expect(table).toEqual({ PERSON: ZERO, ORGANIZATION: ONE(1), LOCATION: ONE(1), micro: ONE(2) });
    }
    // The entity whose only mention is ignored is not counted either.
    expect(r.entities.byType).toEqual({ PERSON: ZERO, ORGANIZATION: ONE(1), LOCATION: ONE(1), micro: ONE(2) });
    expect(r.errors).toEqual([]);

    // Without the ignore span, "Iran" is a false positive.
    const unignored = score(makeGold('doc', { entities }), pred);
    expect(unignored.mentions.strict.LOCATION).toEqual(prf(1, 1, 0, 0.5, 1, 0.6667));
    expect(unignored.mentions.strict.micro).toEqual(prf(2, 1, 0, 0.6667, 1, 0.8));
    expect(unignored.entities.byType.LOCATION).toEqual(prf(1, 1, 0, 0.5, 1, 0.6667));

    // Gold mentions outside the ignore span still count as missed when nothing else is predicted.
    const onlyIgnored = score(gold, makeArticle(text, { entities: [{ type: 'LOCATION', mentions: [spanOf(text, 'Iran')] }] }));
    expect(onlyIgnored.mentions.strict.micro).toEqual(prf(0, 0, 2, 0, 0, 0));
    expect(onlyIgnored.entities.byType.micro).toEqual(prf(0, 0, 2, 0, 0, 0));
  });
});

describe('evaluate: entities', () => {
  it('found / correct by a shared exact mention, B-cubed below 1 for a split cluster', () => {
    const text = 'Qaani met Nasrallah. Qaani left. Ismail Qaani returned.';
    const Q1 = spanOf(text, 'Qaani', 1);
    const Q2b = spanOf(text, 'Qaani', 2);
    const IQb = spanOf(text, 'Ismail Qaani');
    const N = spanOf(text, 'Nasrallah');
    const gold = makeGold('doc', {
      entities: [
        { type: 'PERSON', name: 'Ismail Qaani', mentions: [Q1, Q2b, IQb] },
        { type: 'PERSON', name: 'Hassan Nasrallah', mentions: [N] },
      ],
    });
    const pred = makeArticle(text, {
      entities: [
        { type: 'PERSON', mentions: [Q1, Q2b] },
        { type: 'PERSON', mentions: [IQb] },
        { type: 'ORGANIZATION', mentions: [N] },
      ],
    });
    const r = score(gold, pred);
    expect(r.mentions.strict.micro).toEqual(prf(3, 1, 1, 0.75, 0.75, 0.75));
    // PERSON: gold Qaani found, gold Nasrallah not (predicted as ORGANIZATION); both predicted PERSON entities correct.
    expect(r.entities.byType.PERSON).toEqual(prf(1, 0, 1, 1, 0.5, 0.6667));
    expect(r.entities.byType.ORGANIZATION).toEqual(prf(0, 1, 0, 0, 0, 0));
    // micro: P = 2 correct / 3 predicted, R = 1 found / 2 gold, F1 = 4/7.
    expect(r.entities.byType.micro).toEqual(prf(1, 1, 1, 0.6667, 0.5, 0.5714));
    // B-cubed over the 4 exact matches: P 1; R (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3; F1 0.8.
    expect(r.entities.bCubed).toEqual({ precision: 1, recall: 0.6667, f1: 0.8 });
  });
});

describe('evaluate: statements', () => {
  const text = 'Qaani praised Hezbollah. Hezbollah warned Israel. Reuters said ten people died.';
  const S1 = spanOf(text, 'Qaani praised Hezbollah.');
  const S2 = spanOf(text, 'Hezbollah warned Israel.');
  const S3 = spanOf(text, 'Reuters said ten people died.');
  const entities = [
    { type: 'PERSON' as const, name: 'Qaani', mentions: [spanOf(text, 'Qaani')] },
    { type: 'ORGANIZATION' as const, name: 'Hezbollah', mentions: [spanOf(text, 'Hezbollah', 1), spanOf(text, 'Hezbollah', 2)] },
    { type: 'LOCATION' as const, name: 'Israel', mentions: [spanOf(text, 'Israel')] },
    { type: 'ORGANIZATION' as const, name: 'Reuters', mentions: [spanOf(text, 'Reuters')] },
  ];
  const predEntities = entities.map(({ type, mentions }) => ({ type, mentions }));

  it('a label swap: confusion cell, FN for the gold label, FP for the predicted one, unlabelled still matched', () => {
    const gold = makeGold('doc', { entities, statements: [{ label: 'support', ...S1, speaker: 'Qaani' }] });
    const r = score(gold, makeArticle(text, { entities: predEntities, statements: [{ label: 'claim', ...S1, speaker: 'e1' }] }));
    expect(r.statements.byLabel).toEqual({ support: prf(0, 0, 1, 0, 0, 0), threat: ZERO, claim: prf(0, 1, 0, 0, 0, 0) });
    expect(r.statements.unlabelled).toEqual(ONE(1));
    expect(r.statements.confusion).toEqual(confusion({ 'support>claim': 1 }));
    expect(r.statements.macroF1).toBe(0);
    // Speaker accuracy only counts label-matched pairs.
    expect(r.statements.speaker).toEqual({ correct: 0, total: 0, accuracy: 0 });
    expect(r.errors.map((e) => [e.kind, e.error, e.tag])).toEqual([
      ['statement', 'false-negative', 'support→claim'],
      ['statement', 'false-positive', 'support→claim'],
    ]);
  });

  it('matches spans overlapping by at least half of the shorter one', () => {
    const long = 'The ministry said the strikes hit a depot near the port and that two guards died in the fire.';
    const run = (g: [number, number], p: [number, number]) =>
      score(
        makeGold('doc', { statements: [{ label: 'claim', start: g[0], end: g[1], speaker: null }] }),
        makeArticle(long, { statements: [{ label: 'claim', start: p[0], end: p[1] }] }),
      ).statements;
    // 20 and 20 characters overlapping by 9: 9 < 10, no match.
    const below = run([0, 20], [11, 31]);
    expect(below.byLabel.claim).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(below.unlabelled).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(below.confusion).toEqual(confusion({ 'claim>none': 1, 'none>claim': 1 }));
    // Overlapping by exactly 10, half of 20: a match.
    expect(run([0, 20], [10, 30]).byLabel.claim).toEqual(ONE(1));
    // Half of the shorter span, not of the longer: 10 of a 40-char gold inside a 10-char prediction.
    expect(run([0, 40], [30, 40]).byLabel.claim).toEqual(ONE(1));
    // 5 characters of a 20-char prediction: below half of the shorter (10).
    expect(run([0, 40], [35, 55]).unlabelled).toEqual(prf(0, 1, 1, 0, 0, 0));
  });

  it('matches one-to-one: two predictions over one gold are one TP and one FP', () => {
    const long = 'The ministry said the strikes hit a depot near the port and that two guards died in the fire.';
    const gold = makeGold('doc', { statements: [{ label: 'claim', start: 0, end: 40, speaker: null }] });
    const pred = makeArticle(long, {
      statements: [
        { label: 'claim', start: 0, end: 20 },
        { label: 'claim', start: 20, end: 40 },
      ],
    });
    const r = score(gold, pred);
    expect(r.statements.byLabel.claim).toEqual(prf(1, 1, 0, 0.5, 1, 0.6667));
    expect(r.statements.unlabelled).toEqual(prf(1, 1, 0, 0.5, 1, 0.6667));
    expect(r.statements.confusion).toEqual(confusion({ 'claim>claim': 1, 'none>claim': 1 }));
    // A null gold speaker is not counted in speaker accuracy.
    expect(r.statements.speaker).toEqual({ correct: 0, total: 0, accuracy: 0 });
  });

  it('speaker accuracy: a wrong or missing speaker is wrong, a shared mention is right', () => {
    const gold = makeGold('doc', { entities, statements: [{ label: 'threat', ...S2, speaker: 'Hezbollah' }] });
    const withSpeaker = (speaker: string | null) => makeArticle(text, { entities: predEntities, statements: [{ label: 'threat', ...S2, speaker }] });
    expect(score(gold, withSpeaker('e3')).statements.speaker).toEqual({ correct: 0, total: 1, accuracy: 0 });
    expect(score(gold, withSpeaker(null)).statements.speaker).toEqual({ correct: 0, total: 1, accuracy: 0 });
    expect(score(gold, withSpeaker('e2')).statements.speaker).toEqual({ correct: 1, total: 1, accuracy: 1 });
    const three: EvaluationPair[] = ['e3', null, 'e2'].map((s, i) => ({ docId: `d${i}`, gold, pred: withSpeaker(s) }));
    expect(evaluate(three).statements.speaker).toEqual({ correct: 1, total: 3, accuracy: 0.3333 });
    // The wrong speaker does not touch the label scores.
    expect(score(gold, withSpeaker('e3')).statements.byLabel.threat).toEqual(ONE(1));
  });

  it('speaker accuracy: a right speaker matched by name or alias only (nameKey)', () => {
    const t = 'Kata’ib Hizballah vowed revenge.';
    const gold = makeGold('doc', {
      entities: [{ type: 'ORGANIZATION', name: 'Kata’ib Hizballah', mentions: [spanOf(t, 'Kata’ib Hizballah')] }],
      statements: [{ label: 'threat', start: 0, end: t.length, speaker: 'Kata’ib Hizballah' }],
    });
    // The predicted entity's only mention is "Hizballah": no mention is shared with the gold speaker.
    const pred = (name: string, aliases: string[]) =>
      makeArticle(t, {
        entities: [{ type: 'ORGANIZATION', name, aliases, mentions: [spanOf(t, 'Hizballah')] }],
        statements: [{ label: 'threat', start: 0, end: t.length, speaker: 'e1' }],
      });
    expect(score(gold, pred('Kataib Hizballah', [])).statements.speaker).toEqual({ correct: 1, total: 1, accuracy: 1 });
    expect(score(gold, pred('Hizballah', ["Kata'ib Hizballah"])).statements.speaker).toEqual({ correct: 1, total: 1, accuracy: 1 });
    expect(score(gold, pred('Hizballah', ['Kataib Hezbollah'])).statements.speaker).toEqual({ correct: 0, total: 1, accuracy: 0 });
  });

  it('macro-F1 averages only the labels present in gold or prediction', () => {
    const gold = makeGold('doc', {
      entities,
      statements: [
        { label: 'support', ...S1, speaker: 'Qaani' },
        { label: 'claim', ...S3, speaker: 'Reuters' },
      ],
    });
    const pred = makeArticle(text, {
      entities: predEntities,
      statements: [
        { label: 'support', ...S1, speaker: 'e1' },
        { label: 'support', ...S2, speaker: 'e2' },
        { label: 'claim', ...S3, speaker: 'e4' },
      ],
    });
    const r = score(gold, pred);
    expect(r.statements.byLabel).toEqual({ support: prf(1, 1, 0, 0.5, 1, 0.6667), threat: ZERO, claim: ONE(1) });
    // (2/3 + 1) / 2 = 5/6; threat (absent) is not averaged in, which would give 5/9.
    expect(r.statements.macroF1).toBe(0.8333);
    expect(r.statements.unlabelled).toEqual(prf(2, 1, 0, 0.6667, 1, 0.8));
    expect(r.statements.confusion).toEqual(confusion({ 'support>support': 1, 'claim>claim': 1, 'none>support': 1 }));
    expect(r.statements.speaker).toEqual({ correct: 2, total: 2, accuracy: 1 });

    // Three present labels, F1 1, 0 and 0: 1/3.
    const swapped = makeArticle(text, {
      entities: predEntities,
      statements: [
        { label: 'support', ...S1, speaker: 'e1' },
        { label: 'threat', ...S3, speaker: 'e4' },
      ],
    });
    expect(score(gold, swapped).statements.macroF1).toBe(0.3333);
  });
});

describe('evaluate: missing prediction', () => {
  it('scores pred null as empty: recall 0, nothing predicted, no crash', () => {
    const r = score(goldT, null);
    expect(r.documents).toBe(1);
    expect(r.mentions.strict).toEqual({
      PERSON: prf(0, 0, 2, 0, 0, 0),
      ORGANIZATION: prf(0, 0, 3, 0, 0, 0),
      LOCATION: prf(0, 0, 2, 0, 0, 0),
      micro: prf(0, 0, 7, 0, 0, 0),
    });
    expect(r.mentions.exactSpan).toEqual(r.mentions.strict);
    expect(r.mentions.partial).toEqual(r.mentions.strict);
    expect(r.entities.byType.micro).toEqual(prf(0, 0, 4, 0, 0, 0));
    expect(r.entities.bCubed).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(r.statements.byLabel).toEqual({ support: prf(0, 0, 1, 0, 0, 0), threat: prf(0, 0, 1, 0, 0, 0), claim: ZERO });
    expect(r.statements.unlabelled).toEqual(prf(0, 0, 2, 0, 0, 0));
    expect(r.statements.macroF1).toBe(0);
    expect(r.statements.confusion).toEqual(confusion({ 'support>none': 1, 'threat>none': 1 }));
    expect(r.statements.speaker).toEqual({ correct: 0, total: 0, accuracy: 0 });
    expect(r.errors).toHaveLength(9);
    expect(r.errors.every((e) => e.error === 'false-negative' && e.text === '' && e.context === '')).toBe(true);
  });

  it('pools counts over documents (micro)', () => {
    const r = evaluate([
      { docId: 'doc', gold: goldT, pred: perfectPred },
      { docId: 'doc2', gold: { ...goldT, docId: 'doc2' }, pred: null },
    ]);
    expect(r.documents).toBe(2);
    expect(r.mentions.strict.micro).toEqual(prf(7, 0, 7, 1, 0.5, 0.6667));
    expect(r.entities.byType.micro).toEqual(prf(4, 0, 4, 1, 0.5, 0.6667));
    expect(r.statements.unlabelled).toEqual(prf(2, 0, 2, 1, 0.5, 0.6667));
    expect(r.statements.speaker).toEqual({ correct: 2, total: 2, accuracy: 1 });
  });
});

describe('loadPairs', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancemap-eval-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'gold'));
    mkdirSync(join(dir, 'pred'));
    return dir;
  };
  const write = (path: string, value: unknown) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  };
  const failure = async (promise: Promise<unknown>): Promise<FatalError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(FatalError);
      return error as FatalError;
    }
    throw new Error('expected a FatalError');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('pairs gold files with predictions; a missing prediction is null', async () => {
    const dir = tempDir();
    const predA = makeArticle(T, { docId: 'a', entities: [{ type: 'PERSON', mentions: [IQ] }] });
    write(join(dir, 'gold', 'a.json'), { ...goldT, docId: 'a' });
    write(join(dir, 'gold', 'sub', 'b.json'), { ...goldT, docId: 'sub/b' });
    write(join(dir, 'pred', 'a.json'), predA);
    write(join(dir, 'pred', 'manifest.json'), { not: 'a document' });
    const pairs = await loadPairs(join(dir, 'gold'), join(dir, 'pred'));
    expect(pairs.map((p) => p.docId)).toEqual(['a', 'sub/b']);
    expect(pairs[0]!.gold).toEqual({ ...goldT, docId: 'a' });
    expect(pairs[0]!.pred).toEqual(predA);
    expect(pairs[1]!.pred).toBeNull();
    // And the scorer takes them as they are.
    expect(evaluate(pairs).mentions.strict.micro).toEqual(prf(1, 0, 13, 1, 0.0714, 0.1333));
  });

  it('a malformed gold file is fatal, naming the file and the field', async () => {
    const dir = tempDir();
    const path = join(dir, 'gold', 'bad.json');
    write(path, { docId: 'bad', entities: [{ type: 'PERSON', name: 'X', mentions: [{ start: '0', end: 1 }] }], statements: [] });
    const error = await failure(loadPairs(join(dir, 'gold'), join(dir, 'pred')));
    expect(error.code).toBe('E005');
    expect(error.message).toContain(path);
    expect(error.message).toContain('field "entities.0.mentions.0.start"');
  });

  it('a gold file with an unknown label or invalid JSON is fatal, naming the file', async () => {
    const dir = tempDir();
    const path = join(dir, 'gold', 'bad.json');
    write(path, { docId: 'bad', entities: [], statements: [{ label: 'praise', start: 0, end: 4, speaker: null }] });
    const label = await failure(loadPairs(join(dir, 'gold'), join(dir, 'pred')));
    expect(label.message).toContain(path);
    expect(label.message).toContain('field "statements.0.label"');
    write(path, '{"docId": "bad",');
    const json = await failure(loadPairs(join(dir, 'gold'), join(dir, 'pred')));
    expect(json.code).toBe('E005');
    expect(json.message).toContain(path);
  });

  it('a gold docId that disagrees with its path is fatal', async () => {
    const dir = tempDir();
    const path = join(dir, 'gold', 'x.json');
    write(path, { ...goldT, docId: 'y' });
    const error = await failure(loadPairs(join(dir, 'gold'), join(dir, 'pred')));
    expect(error.message).toContain(path);
    expect(error.message).toContain('field "docId"');
  });

  it('a prediction failing ArticleChecked is fatal, naming the file and the field', async () => {
    const dir = tempDir();
    write(join(dir, 'gold', 'a.json'), { ...goldT, docId: 'a' });
    const pred = makeArticle(T, { docId: 'a', entities: [{ type: 'PERSON', mentions: [IQ] }] });
    pred.entities[0]!.mentions[0]!.text = 'Qaani';
    const path = join(dir, 'pred', 'a.json');
    write(path, pred);
    const error = await failure(loadPairs(join(dir, 'gold'), join(dir, 'pred')));
    expect(error.message).toContain(path);
    expect(error.message).toContain('field "entities.0.mentions.0.text"');
  });

  it('missing folders and an empty gold folder are fatal', async () => {
    const dir = tempDir();
    expect((await failure(loadPairs(join(dir, 'nope'), join(dir, 'pred')))).code).toBe('E002');
    expect((await failure(loadPairs(join(dir, 'gold'), join(dir, 'nope')))).code).toBe('E002');
    const empty = await failure(loadPairs(join(dir, 'gold'), join(dir, 'pred')));
    expect(empty.code).toBe('E005');
    expect(empty.message).toContain('no gold files');
  });
});

describe('formatReport', () => {
  it('prints the key lines of the table', () => {
    const out = formatReport(score(goldT, perfectPred));
    const lines = out.split('\n');
    expect(out.endsWith('\n')).toBe(true);
    expect(lines[0]).toBe('stancemap evaluate: 1 documents');
    for (const title of [
      'Mentions, strict (exact span and type)',
      'Mentions, exact span (any type)',
      'Mentions, partial overlap (same type)',
      'Entities (share an exact mention, same type)',
      'Statements (overlap ≥ half the shorter span, one-to-one)',
      'Label confusion (rows gold, columns predicted)',
    ]) {
      expect(lines).toContain(title);
    }
    expect(lines).toContain('                     P      R     F1      tp   fp   fn');
    expect(lines.filter((l) => l === '  micro          100.0 100.0 100.0       7    0    0')).toHaveLength(3);
    expect(lines).toContain('  micro          100.0 100.0 100.0       4    0    0');
    expect(lines).toContain('  ORGANIZATION   100.0 100.0 100.0       3    0    0');
    expect(lines).toContain('  claim            0.0   0.0   0.0       0    0    0');
    expect(lines).toContain('  unlabelled     100.0 100.0 100.0       2    0    0');
    expect(lines).toContain('  macro-F1  100.0');
    expect(lines).toContain('Entity clustering, B-cubed over matched mentions: P  100.0  R  100.0  F1  100.0');
    expect(lines).toContain('              support   threat    claim     none');
    expect(lines).toContain('  support           1        0        0        0');
    expect(lines).toContain('  none              0        0        0        0');
    expect(lines).toContain('Speaker accuracy (label-matched, named gold speaker):  100.0  (2/2)');
    expect(out).not.toContain('Errors');
  });

  it('lists the errors on request', () => {
    const pred = makeArticle(T, {
      entities: [
        { type: 'PERSON', mentions: [IQ] },
        { type: 'ORGANIZATION', mentions: H },
        { type: 'LOCATION', mentions: [BEIRUT] },
        { type: 'LOCATION', mentions: [ISRAEL] },
      ],
      statements: [
        { label: 'support', ...S_SUPPORT, speaker: 'e1' },
        { label: 'threat', ...S_THREAT, speaker: 'e2' },
      ],
    });
    const out = formatReport(score(goldT, pred), { errors: true });
    const lines = out.split('\n');
    expect(lines).toContain('  micro          100.0  85.7  92.3       6    0    1');
    expect(lines).toContain('Errors (1)');
    expect(lines).toContain(`  FN mention   doc ${Q2.start}-${Q2.end} PERSON: Ismail Qaani met Hezbollah in Beirut. [Qaani] praised Hezbollah. Hezbollah warned Isr`);
  });
});

describe('confidence calibration', () => {
  it('counts predicted statements per confidence band and how many are right', async () => {
    const { evaluate } = await import('../../src/evaluate/scorer.js');
    const { makeArticle, makeGold, spanOf } = await import('../helpers/articles.js');
    const text = 'Hamas praised Hezbollah. Israel threatened Hamas. Iran said nothing.';
    const gold = makeGold('d', {
      entities: [],
      statements: [
        { ...spanOf(text, 'Hamas praised Hezbollah.'), label: 'support', speaker: null },
        { ...spanOf(text, 'Israel threatened Hamas.'), label: 'threat', speaker: null },
      ],
    }, text);
    const pred = makeArticle(text, {
      docId: 'd',
      statements: [
        { ...spanOf(text, 'Hamas praised Hezbollah.'), label: 'support' },
        { ...spanOf(text, 'Israel threatened Hamas.'), label: 'claim' },
        { ...spanOf(text, 'Iran said nothing.'), label: 'claim' },
      ],
    });
    pred.statements[0]!.confidence = 0.95;
    pred.statements[1]!.confidence = 0.55;
    pred.statements[2]!.confidence = 0.52;
    const bands = evaluate([{ docId: 'd', gold, pred }]).statements.calibration;
    expect(bands.find((b) => b.from === 0.9)).toEqual({ from: 0.9, to: 1, count: 1, correct: 1, accuracy: 1 });
    expect(bands.find((b) => b.from === 0.5)).toEqual({ from: 0.5, to: 0.6, count: 2, correct: 0, accuracy: 0 });
    expect(bands.reduce((n, b) => n + b.count, 0)).toBe(3);
  });
});
