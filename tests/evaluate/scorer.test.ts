import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FatalError } from '../../src/errors.js';
import { formatReport } from '../../src/evaluate/format.js';
import { loadPairs } from '../../src/evaluate/load.js';
import type { EntityPrf, Prf } from '../../src/evaluate/metrics.js';
import type { Prediction } from '../../src/evaluate/prediction.js';
import { EMPTY_COUNTS, evaluate, type EvaluationPair, type EvaluationReport } from '../../src/evaluate/scorer.js';
import type { Gold } from '../../src/schema/article.js';
import { makeArticle, makeGold, spanOf } from '../helpers/articles.js';

/**
 * Expected figures are worked out by hand from ANNOTATION.md "How evaluate
 * scores" and written as fractions. The scorer does not round, so ratios are
 * compared to 10 places; an undefined ratio is null and matches only null.
 */
const ratio = (value: number | null): number | null => (value === null ? null : (expect.closeTo(value, 10) as number));

/** An expected precision/recall row; gold = tp + fn and pred = tp + fp, as the report defines them. */
const prf = (tp: number, fp: number, fn: number, precision: number | null, recall: number | null, f1: number | null): Prf => ({
  tp,
  fp,
  fn,
  gold: tp + fn,
  pred: tp + fp,
  precision: ratio(precision),
  recall: ratio(recall),
  f1: ratio(f1),
});
/** Nothing annotated, nothing predicted: every ratio undefined. */
const ZERO = prf(0, 0, 0, null, null, null);
const ONE = (tp: number) => prf(tp, 0, 0, 1, 1, 1);

/** An expected entity row (gold entities found, predicted entities correct). */
const eprf = (
  gold: number,
  found: number,
  pred: number,
  correct: number,
  precision: number | null,
  recall: number | null,
  f1: number | null,
): EntityPrf => ({
  gold,
  found,
  pred,
  correct,
  precision: ratio(precision),
  recall: ratio(recall),
  f1: ratio(f1),
});
const E_ZERO = eprf(0, 0, 0, 0, null, null, null);
const E_ONE = (n: number) => eprf(n, n, n, n, 1, 1, 1);

const bcubed = (precision: number | null, recall: number | null, f1: number | null, mentions: number) => ({
  precision: ratio(precision),
  recall: ratio(recall),
  f1: ratio(f1),
  mentions,
});

type Speaker = EvaluationReport['statements']['speaker'];
/** Expected speaker figures; counters not given are 0, and the ratios follow from the counts. */
function speaker(
  counts: Partial<Omit<Speaker, 'accuracy' | 'unnamed'>> & { unnamed?: { total: number; falseAttribution: number } } = {},
): Speaker {
  const { correct = 0, total = 0, predNull = 0, predUnresolved = 0, goldUnresolved = 0 } = counts;
  const unnamed = counts.unnamed ?? { total: 0, falseAttribution: 0 };
  return {
    correct,
    total,
    accuracy: total === 0 ? null : ratio(correct / total),
    predNull,
    predUnresolved,
    goldUnresolved,
    unnamed: { ...unnamed, rate: unnamed.total === 0 ? null : ratio(unnamed.falseAttribution / unnamed.total) },
  };
}

const score = (gold: Gold, pred: Prediction | null, docId = gold.docId): EvaluationReport => evaluate([{ docId, gold, pred }]);

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
    expect(perfectPred.entities[0]!.mentions.map((m) => [m.text, m.sentence])).toEqual([
      ['Ismail Qaani', 0],
      ['Qaani', 1],
    ]);
    expect(perfectPred.statements.map((s) => [s.id, s.sentence, s.text])).toEqual([
      ['s1', 1, 'Qaani praised Hezbollah.'],
      ['s2', 2, 'Hezbollah warned Israel.'],
    ]);
  });

  it('the expected-value helpers tell a 0 from an undefined ratio and compare unrounded values', () => {
    expect(prf(1, 0, 1, 1, 1 / 2, 2 / 3)).toEqual({ tp: 1, fp: 0, fn: 1, gold: 2, pred: 1, precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(prf(0, 0, 1, null, 0, 0)).not.toEqual(prf(0, 0, 1, 0, 0, 0));
    expect({ f1: 0.6667 }).not.toEqual({ f1: ratio(2 / 3) });
  });
});

describe('evaluate: mentions', () => {
  it('a perfect prediction scores 1 everywhere', () => {
    const r = score(goldT, perfectPred);
    expect(r.documents.gold).toBe(1);
    expect(r.mentions.perType).toEqual({ PERSON: ONE(2), ORGANIZATION: ONE(3), LOCATION: ONE(2) });
    expect(r.mentions.micro).toEqual(ONE(7));
    expect(r.mentions.macroF1).toBe(1);
    expect([
      r.mentions.ignoredPredictions,
      r.mentions.duplicatePredictions,
      r.mentions.invalidPredictions,
      r.mentions.goldInIgnore,
    ]).toEqual([0, 0, 0, 0]);
    for (const table of [r.mentions.exactSpan, r.mentions.partial]) {
      expect(table).toEqual({ PERSON: ONE(2), ORGANIZATION: ONE(3), LOCATION: ONE(2), micro: ONE(7) });
    }
    expect(r.entities.perType).toEqual({ PERSON: E_ONE(1), ORGANIZATION: E_ONE(1), LOCATION: E_ONE(2) });
    expect(r.entities.micro).toEqual(E_ONE(4));
    expect([r.entities.goldWithoutMentions, r.entities.predWithoutMentions]).toEqual([0, 0]);
    expect(r.entities.bcubed).toEqual(bcubed(1, 1, 1, 7));
    expect(r.statements.perLabel).toEqual({ support: ONE(1), threat: ONE(1), claim: ZERO });
    expect(r.statements.micro).toEqual(ONE(2));
    expect(r.statements.unlabelled).toEqual(ONE(2));
    // claim has no F1 (nothing annotated or predicted) and is left out of the mean.
    expect(r.statements.macroF1).toBe(1);
    expect(r.statements.confusion).toEqual(confusion({ 'support>support': 1, 'threat>threat': 1 }));
    expect(r.statements.speaker).toEqual(speaker({ correct: 2, total: 2 }));
    expect(r.statements.invalidPredictions).toBe(0);
    expect(r.warnings).toEqual([]);
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
    // PERSON: 1 of 2 found, F1 2/3; micro 6 of 7: R 6/7, F1 12/13.
    expect(r.mentions.perType.PERSON).toEqual(prf(1, 0, 1, 1, 1 / 2, 2 / 3));
    expect(r.mentions.micro).toEqual(prf(6, 0, 1, 1, 6 / 7, 12 / 13));
    // Macro: (2/3 + 1 + 1) / 3.
    expect(r.mentions.macroF1).toBeCloseTo(8 / 9, 10);
    for (const table of [r.mentions.exactSpan, r.mentions.partial]) {
      expect(table.PERSON).toEqual(prf(1, 0, 1, 1, 1 / 2, 2 / 3));
      expect(table.micro).toEqual(prf(6, 0, 1, 1, 6 / 7, 12 / 13));
    }
    expect(r.entities.perType.PERSON).toEqual(E_ONE(1));
    // The 6 matched mentions are clustered as in gold.
    expect(r.entities.bcubed).toEqual(bcubed(1, 1, 1, 6));
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
    // Nothing predicted as ORGANIZATION: its precision is undefined, its F1 0.
    const strict = { PERSON: ZERO, ORGANIZATION: prf(0, 0, 1, null, 0, 0), LOCATION: prf(1, 1, 0, 1 / 2, 1, 2 / 3) };
    expect(r.mentions.perType).toEqual(strict);
    expect(r.mentions.micro).toEqual(prf(1, 1, 1, 1 / 2, 1 / 2, 1 / 2));
    // Mean of the defined F1s, 0 and 2/3; PERSON has none.
    expect(r.mentions.macroF1).toBeCloseTo(1 / 3, 10);
    // Exact span ignores the type; the true positive is counted under the predicted type.
    expect(r.mentions.exactSpan).toEqual({ PERSON: ZERO, ORGANIZATION: ZERO, LOCATION: ONE(2), micro: ONE(2) });
    expect(r.mentions.partial).toEqual({ ...strict, micro: prf(1, 1, 1, 1 / 2, 1 / 2, 1 / 2) });
    // Entities need the same type: gold Hezbollah not found, predicted LOCATION Hezbollah not correct.
    // ORGANIZATION: gold 1, nothing predicted: P undefined, R 0, F1 0 (not undefined: one side has entities).
    expect(r.entities.perType).toEqual({
      PERSON: E_ZERO,
      ORGANIZATION: eprf(1, 0, 0, 0, null, 0, 0),
      LOCATION: eprf(1, 1, 2, 1, 1 / 2, 1, 2 / 3),
    });
    expect(r.entities.micro).toEqual(eprf(2, 1, 2, 1, 1 / 2, 1 / 2, 1 / 2));
    // B-cubed is over strict matches (span and type): Haifa only.
    expect(r.entities.bcubed).toEqual(bcubed(1, 1, 1, 1));
    expect(r.errors.map((e) => [e.error, e.tag, e.text])).toEqual([
      ['false-positive', 'LOCATION', 'Hezbollah'],
      ['false-negative', 'ORGANIZATION', 'Hezbollah'],
    ]);
  });

  it('the same span predicted twice with two types: the gold mention is found once, whatever the entity order', () => {
    const text = 'Hezbollah struck Haifa.';
    const h = spanOf(text, 'Hezbollah');
    const gold = makeGold('doc', { entities: [{ type: 'ORGANIZATION', name: 'Hezbollah', mentions: [h] }] });
    for (const order of [
      ['LOCATION', 'ORGANIZATION'],
      ['ORGANIZATION', 'LOCATION'],
    ] as const) {
      const r = score(gold, makeArticle(text, { entities: order.map((type) => ({ type, mentions: [h] })) }));
      expect(r.mentions.perType.ORGANIZATION).toEqual(ONE(1));
      // No LOCATION in gold: recall undefined, precision and F1 0.
      expect(r.mentions.perType.LOCATION).toEqual(prf(0, 1, 0, 0, null, 0));
      expect(r.mentions.micro).toEqual(prf(1, 1, 0, 1 / 2, 1, 2 / 3));
      // Two types make two different mentions: no duplicate.
      expect(r.mentions.duplicatePredictions).toBe(0);
      expect(r.errors.map((e) => [e.error, e.tag])).toEqual([['false-positive', 'LOCATION']]);
    }
  });

  it('the same span and type predicted twice counts once (duplicatePredictions), in mentions and B-cubed', () => {
    const text = 'Hezbollah struck Haifa.';
    const h = spanOf(text, 'Hezbollah');
    const gold = makeGold('doc', { entities: [{ type: 'ORGANIZATION', name: 'Hezbollah', mentions: [h] }] });
    const r = score(
      gold,
      makeArticle(text, {
        entities: [
          { type: 'ORGANIZATION', mentions: [h] },
          { type: 'ORGANIZATION', mentions: [h] },
        ],
      }),
    );
    expect(r.mentions.perType.ORGANIZATION).toEqual(ONE(1));
    expect(r.mentions.duplicatePredictions).toBe(1);
    // Entity level is not one-to-one: both predicted entities share the gold mention and are correct.
    expect(r.entities.perType.ORGANIZATION).toEqual(eprf(1, 1, 2, 2, 1, 1, 1));
    // The first entity listing the mention owns it.
    expect(r.entities.bcubed).toEqual(bcubed(1, 1, 1, 1));
    expect(r.errors).toEqual([]);
  });

  it('a partial overlap counts only in the partial scheme, and one-to-one', () => {
    const text = 'Ismail Qaani spoke.';
    const gold = makeGold('doc', { entities: [{ type: 'PERSON', name: 'Ismail Qaani', mentions: [spanOf(text, 'Ismail Qaani')] }] });
    const one = score(gold, makeArticle(text, { entities: [{ type: 'PERSON', mentions: [spanOf(text, 'Qaani')] }] }));
    expect(one.mentions.micro).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(one.mentions.exactSpan.micro).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(one.mentions.partial.PERSON).toEqual(ONE(1));
    expect(one.mentions.partial.micro).toEqual(ONE(1));
    expect(one.entities.perType.PERSON).toEqual(eprf(1, 0, 1, 0, 0, 0, 0));
    // No mention matched in both: B-cubed is undefined, not 0.
    expect(one.entities.bcubed).toEqual(bcubed(null, null, null, 0));

    // Two predictions inside one gold mention: one partial match, one false positive.
    const two = score(
      gold,
      makeArticle(text, { entities: [{ type: 'PERSON', mentions: [spanOf(text, 'Ismail'), spanOf(text, 'Qaani')] }] }),
    );
    expect(two.mentions.partial.PERSON).toEqual(prf(1, 1, 0, 1 / 2, 1, 2 / 3));
    expect(two.mentions.perType.PERSON).toEqual(prf(0, 2, 1, 0, 0, 0));

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
    expect(r.mentions.perType).toEqual({ PERSON: ZERO, ORGANIZATION: ONE(1), LOCATION: ONE(1) });
    expect(r.mentions.micro).toEqual(ONE(2));
    expect(r.mentions.ignoredPredictions).toBe(1);
    expect(r.mentions.goldInIgnore).toBe(0);
    for (const table of [r.mentions.exactSpan, r.mentions.partial]) {
      expect(table).toEqual({ PERSON: ZERO, ORGANIZATION: ONE(1), LOCATION: ONE(1), micro: ONE(2) });
    }
    // The entity whose only mention is ignored is not counted either (nor as an entity without mentions).
    expect(r.entities.perType).toEqual({ PERSON: E_ZERO, ORGANIZATION: E_ONE(1), LOCATION: E_ONE(1) });
    expect(r.entities.micro).toEqual(E_ONE(2));
    expect(r.entities.predWithoutMentions).toBe(0);
    expect(r.errors).toEqual([]);

    // Without the ignore span, "Iran" is a false positive.
    const unignored = score(makeGold('doc', { entities }), pred);
    expect(unignored.mentions.perType.LOCATION).toEqual(prf(1, 1, 0, 1 / 2, 1, 2 / 3));
    expect(unignored.mentions.micro).toEqual(prf(2, 1, 0, 2 / 3, 1, 4 / 5));
    expect(unignored.mentions.ignoredPredictions).toBe(0);
    expect(unignored.entities.perType.LOCATION).toEqual(eprf(1, 1, 2, 1, 1 / 2, 1, 2 / 3));

    // Gold mentions outside the ignore span still count as missed when nothing else is predicted.
    const onlyIgnored = score(gold, makeArticle(text, { entities: [{ type: 'LOCATION', mentions: [spanOf(text, 'Iran')] }] }));
    expect(onlyIgnored.mentions.micro).toEqual(prf(0, 0, 2, null, 0, 0));
    expect(onlyIgnored.entities.micro).toEqual(eprf(2, 0, 0, 0, null, 0, 0));
  });

  it('a gold mention inside an ignore span is counted in goldInIgnore, with a warning, and still scored', () => {
    const text = 'Iran-backed Kataib Hezbollah struck Erbil.';
    const IRAN = spanOf(text, 'Iran');
    const gold = makeGold('doc', {
      entities: [
        { type: 'LOCATION', name: 'Iran', mentions: [IRAN] },
        { type: 'ORGANIZATION', name: 'Kataib Hezbollah', mentions: [spanOf(text, 'Kataib Hezbollah')] },
      ],
      ignore: [spanOf(text, 'Iran-backed')],
    });
    const r = score(gold, makeArticle(text, { entities: [{ type: 'LOCATION', mentions: [IRAN] }] }));
    expect(r.mentions.goldInIgnore).toBe(1);
    expect(r.warnings).toEqual([`doc: gold mention [${IRAN.start},${IRAN.end}) overlaps an ignore span`]);
    // The prediction of it is dropped like any other over an ignore span, so the gold mention is missed.
    expect(r.mentions.ignoredPredictions).toBe(1);
    expect(r.mentions.perType.LOCATION).toEqual(prf(0, 0, 1, null, 0, 0));
    expect(r.mentions.micro).toEqual(prf(0, 0, 2, null, 0, 0));
    expect(r.entities.perType.LOCATION).toEqual(eprf(1, 0, 0, 0, null, 0, 0));
  });

  it('a predicted entity with an unknown type or invalid mentions is counted, not fatal', () => {
    const pred: Prediction = {
      docId: 'doc',
      entities: [
        { id: 'e1', type: 'PERSON', name: 'Ismail Qaani', mentions: [] },
        { id: 'e2', type: 'GPE', name: 'Israel', mentions: [ISRAEL, BEIRUT] },
        { id: 'e3', type: 'ORGANIZATION', name: 'Hezbollah', mentions: [{ start: 5, end: 5 }, H[0]] },
        { id: 'e4', type: 'LOCATION', name: 'Beirut', mentions: [{ start: '30', end: 36 }] },
        'not an entity',
      ],
      statements: [
        { start: S_SUPPORT.start, end: S_SUPPORT.end, label: 'praise', speaker: null },
        { start: 10, end: 10, label: 'claim', speaker: null },
        null,
        { start: S_THREAT.start, end: S_THREAT.end, label: 'threat', speaker: 'e3' },
      ],
    };
    const r = score(goldT, pred);
    // e2: 2 (its mentions, unknown type); e3: 1 empty span; e4: 1 string offset; the string: 1.
    expect(r.mentions.invalidPredictions).toBe(5);
    // e1 and e4 have a known type and no valid mention; e2 is invalid, not "without mentions".
    expect(r.entities.predWithoutMentions).toBe(2);
    expect(r.entities.goldWithoutMentions).toBe(0);
    // Only e3's valid mention is scored.
    expect(r.mentions.perType).toEqual({
      PERSON: prf(0, 0, 2, null, 0, 0),
      ORGANIZATION: prf(1, 0, 2, 1, 1 / 3, 1 / 2),
      LOCATION: prf(0, 0, 2, null, 0, 0),
    });
    expect(r.entities.perType).toEqual({
      PERSON: eprf(1, 0, 0, 0, null, 0, 0),
      ORGANIZATION: E_ONE(1),
      LOCATION: eprf(2, 0, 0, 0, null, 0, 0),
    });
    // Three invalid statements skipped; the valid one is scored, its speaker e3 resolved.
    expect(r.statements.invalidPredictions).toBe(3);
    expect(r.statements.perLabel.threat).toEqual(ONE(1));
    expect(r.statements.perLabel.support).toEqual(prf(0, 0, 1, null, 0, 0));
    expect(r.statements.speaker).toEqual(speaker({ correct: 1, total: 1 }));
    expect(r.warnings).toEqual([
      'doc: predicted entity "e2" has unknown type "GPE"; skipped',
      'doc: invalid predicted mention {"start":5,"end":5}',
      'doc: invalid predicted mention {"start":"30","end":36}',
      'doc: predicted statement #0 invalid (span or label); skipped',
      'doc: predicted statement #1 invalid (span or label); skipped',
      'doc: predicted statement #2 invalid (span or label); skipped',
    ]);
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
    expect(r.mentions.micro).toEqual(prf(3, 1, 1, 3 / 4, 3 / 4, 3 / 4));
    // PERSON: gold Qaani found, gold Nasrallah not (predicted as ORGANIZATION); both predicted PERSON entities correct.
    expect(r.entities.perType.PERSON).toEqual(eprf(2, 1, 2, 2, 1, 1 / 2, 2 / 3));
    // ORGANIZATION: one predicted, none in gold: P 0, R undefined, F1 0.
    expect(r.entities.perType.ORGANIZATION).toEqual(eprf(0, 0, 1, 0, 0, null, 0));
    expect(r.entities.perType.LOCATION).toEqual(E_ZERO);
    // micro: P = 2 correct / 3 predicted, R = 1 found / 2 gold, F1 = 4/7.
    expect(r.entities.micro).toEqual(eprf(2, 1, 3, 2, 2 / 3, 1 / 2, 4 / 7));
    // B-cubed over the 3 strict matches (Nasrallah's type differs): P 1; R (2/3 + 2/3 + 1/3) / 3 = 5/9; F1 5/7.
    expect(r.entities.bcubed).toEqual(bcubed(1, 5 / 9, 5 / 7, 3));
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
  const long = 'The ministry said the strikes hit a depot near the port and that two guards died in the fire.';

  it('a label swap: confusion cell, FN for the gold label, FP for the predicted one, unlabelled still matched', () => {
    const gold = makeGold('doc', { entities, statements: [{ label: 'support', ...S1, speaker: 'Qaani' }] });
    const r = score(gold, makeArticle(text, { entities: predEntities, statements: [{ label: 'claim', ...S1, speaker: 'e1' }] }));
    expect(r.statements.perLabel).toEqual({ support: prf(0, 0, 1, null, 0, 0), threat: ZERO, claim: prf(0, 1, 0, 0, null, 0) });
    expect(r.statements.micro).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(r.statements.unlabelled).toEqual(ONE(1));
    expect(r.statements.confusion).toEqual(confusion({ 'support>claim': 1 }));
    // Mean of support's 0 and claim's 0; threat's undefined F1 is left out.
    expect(r.statements.macroF1).toBe(0);
    // Speaker accuracy only counts label-matched pairs: none here, so it is undefined.
    expect(r.statements.speaker).toEqual(speaker());
    expect(r.errors.map((e) => [e.kind, e.error, e.tag])).toEqual([
      ['statement', 'false-negative', 'support→claim'],
      ['statement', 'false-positive', 'support→claim'],
    ]);
  });

  it('matches spans overlapping by at least half of the shorter one', () => {
    const run = (g: [number, number], p: [number, number]) =>
      score(
        makeGold('doc', { statements: [{ label: 'claim', start: g[0], end: g[1], speaker: null }] }),
        makeArticle(long, { statements: [{ label: 'claim', start: p[0], end: p[1] }] }),
      ).statements;
    // 20 and 20 characters overlapping by 9: 9 < 10, no match.
    const below = run([0, 20], [11, 31]);
    expect(below.perLabel.claim).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(below.unlabelled).toEqual(prf(0, 1, 1, 0, 0, 0));
    expect(below.confusion).toEqual(confusion({ 'claim>none': 1, 'none>claim': 1 }));
    // Overlapping by exactly 10, half of 20: a match.
    expect(run([0, 20], [10, 30]).perLabel.claim).toEqual(ONE(1));
    // Half of the shorter span, not of the longer: 10 of a 40-char gold inside a 10-char prediction.
    expect(run([0, 40], [30, 40]).perLabel.claim).toEqual(ONE(1));
    // 5 characters of a 20-char prediction: below half of the shorter (10).
    expect(run([0, 40], [35, 55]).unlabelled).toEqual(prf(0, 1, 1, 0, 0, 0));
  });

  it('matches one-to-one: two predictions over one gold are one TP and one FP', () => {
    const gold = makeGold('doc', { statements: [{ label: 'claim', start: 0, end: 40, speaker: null }] });
    const pred = makeArticle(long, {
      statements: [
        { label: 'claim', start: 0, end: 20 },
        { label: 'claim', start: 20, end: 40 },
      ],
    });
    const r = score(gold, pred);
    // Both cover all of themselves (share 1) with 20 characters: the tie goes to the first prediction.
    expect(r.statements.perLabel.claim).toEqual(prf(1, 1, 0, 1 / 2, 1, 2 / 3));
    expect(r.statements.unlabelled).toEqual(prf(1, 1, 0, 1 / 2, 1, 2 / 3));
    expect(r.statements.confusion).toEqual(confusion({ 'claim>claim': 1, 'none>claim': 1 }));
    expect(r.errors.filter((e) => e.kind === 'statement').map((e) => [e.error, e.start, e.end])).toEqual([['false-positive', 20, 40]]);
    // A null gold speaker is not counted in speaker accuracy; it is an unnamed source, and the null prediction no false attribution.
    expect(r.statements.speaker).toEqual(speaker({ unnamed: { total: 1, falseAttribution: 0 } }));
  });

  it('labelled pairs come first: a same-label candidate beats a better-overlapping one of another label', () => {
    const gold = makeGold('doc', { statements: [{ label: 'support', start: 0, end: 40, speaker: null }] });
    const pred = makeArticle(long, {
      statements: [
        // Same span, wrong label: share 1.
        { label: 'claim', start: 0, end: 40 },
        // Right label, 20 of 40 characters: share 1/2, just enough.
        { label: 'support', start: 20, end: 60 },
      ],
    });
    const r = score(gold, pred);
    // Pairing by overlap first would take the claim (a label swap: support FN, claim FP, support P undefined).
    expect(r.statements.perLabel).toEqual({ support: ONE(1), threat: ZERO, claim: prf(0, 1, 0, 0, null, 0) });
    expect(r.statements.micro).toEqual(prf(1, 1, 0, 1 / 2, 1, 2 / 3));
    // The unlabelled pass finds nothing left for the claim.
    expect(r.statements.unlabelled).toEqual(prf(1, 1, 0, 1 / 2, 1, 2 / 3));
    expect(r.statements.confusion).toEqual(confusion({ 'support>support': 1, 'none>claim': 1 }));
    // Mean of support's 1 and claim's 0.
    expect(r.statements.macroF1).toBe(1 / 2);
  });

  it('the unlabelled pass pairs what the labelled pass left, best overlap first', () => {
    const gold = makeGold('doc', {
      statements: [
        { label: 'support', start: 0, end: 40, speaker: null },
        { label: 'threat', start: 50, end: 90, speaker: null },
      ],
    });
    const pred = makeArticle(long, {
      statements: [
        // 25 characters of the first gold (share 5/8); 5 of the second, too few to pair.
        { label: 'claim', start: 15, end: 55 },
        // The second gold, label right.
        { label: 'threat', start: 50, end: 90 },
        // Inside the first gold, wrong label: only 10 characters, but share 1.
        { label: 'claim', start: 0, end: 10 },
      ],
    });
    const r = score(gold, pred);
    expect(r.statements.perLabel).toEqual({ support: prf(0, 0, 1, null, 0, 0), threat: ONE(1), claim: prf(0, 2, 0, 0, null, 0) });
    // Labelled: threat↔threat. Unlabelled over the rest: support↔[0,10) (share 1) before support↔[15,55) (share 5/8), share before characters.
    expect(r.statements.unlabelled).toEqual(prf(2, 1, 0, 2 / 3, 1, 4 / 5));
    expect(r.statements.confusion).toEqual(confusion({ 'threat>threat': 1, 'support>claim': 1, 'none>claim': 1 }));
    expect(r.errors.filter((e) => e.kind === 'statement').map((e) => [e.error, e.start, e.tag])).toEqual([
      ['false-negative', 0, 'support→claim'],
      ['false-positive', 15, 'claim'],
      ['false-positive', 0, 'support→claim'],
    ]);
  });

  it('speaker accuracy: a wrong, missing or unknown speaker is wrong, a shared mention is right', () => {
    const gold = makeGold('doc', { entities, statements: [{ label: 'threat', ...S2, speaker: 'Hezbollah' }] });
    const withSpeaker = (speakerId: string | null) =>
      makeArticle(text, { entities: predEntities, statements: [{ label: 'threat', ...S2, speaker: speakerId }] });
    expect(score(gold, withSpeaker('e3')).statements.speaker).toEqual(speaker({ correct: 0, total: 1 }));
    expect(score(gold, withSpeaker(null)).statements.speaker).toEqual(speaker({ correct: 0, total: 1, predNull: 1 }));
    expect(score(gold, withSpeaker('e2')).statements.speaker).toEqual(speaker({ correct: 1, total: 1 }));
    // An id no predicted entity has.
    const unknown = withSpeaker('e2');
    unknown.statements[0]!.speaker = 'e9';
    const u = score(gold, unknown);
    expect(u.statements.speaker).toEqual(speaker({ correct: 0, total: 1, predUnresolved: 1 }));
    expect(u.warnings).toEqual(['doc: predicted speaker id "e9" not among predicted entities']);
    const three: EvaluationPair[] = ['e3', null, 'e2'].map((s, i) => ({ docId: `d${i}`, gold, pred: withSpeaker(s) }));
    const pooled = evaluate(three).statements.speaker;
    expect(pooled).toEqual(speaker({ correct: 1, total: 3, predNull: 1 }));
    expect(pooled.accuracy).toBeCloseTo(1 / 3, 10);
    // The wrong speaker does not touch the label scores.
    expect(score(gold, withSpeaker('e3')).statements.perLabel.threat).toEqual(ONE(1));
  });

  it('speaker accuracy: a predicted mention overlapping (not identical to) a gold speaker mention is right', () => {
    const t = 'Kata’ib Hizballah vowed revenge, Hizballah said.';
    const KH = spanOf(t, 'Kata’ib Hizballah');
    const gold = makeGold('doc', {
      entities: [{ type: 'ORGANIZATION', name: 'Kata’ib Hizballah', mentions: [KH] }],
      statements: [{ label: 'threat', start: 0, end: t.length, speaker: 'Kata’ib Hizballah' }],
    });
    // The name "Hizballah" does not match the gold name; only the mention can make it right.
    const pred = (mention: { start: number; end: number }) =>
      makeArticle(t, {
        entities: [{ type: 'ORGANIZATION', name: 'Hizballah', mentions: [mention] }],
        statements: [{ label: 'threat', start: 0, end: t.length, speaker: 'e1' }],
      });
    const inside = spanOf(t, 'Hizballah', 1);
    expect(inside.start).toBeGreaterThan(KH.start);
    expect(score(gold, pred(inside)).statements.speaker).toEqual(speaker({ correct: 1, total: 1 }));
    // The same name over the later, separate "Hizballah": no overlap, wrong.
    expect(score(gold, pred(spanOf(t, 'Hizballah', 2))).statements.speaker).toEqual(speaker({ correct: 0, total: 1 }));
    // Strictly the mention is no match (FP and FN), which does not matter to the speaker.
    expect(score(gold, pred(inside)).mentions.micro).toEqual(prf(0, 1, 1, 0, 0, 0));
  });

  it('speaker accuracy: a right speaker matched by name or alias only, after normalisation', () => {
    const t = 'Kata’ib Hizballah vowed revenge, Hizballah said.';
    const gold = (speakerName: string) =>
      makeGold('doc', {
        entities: [{ type: 'ORGANIZATION', name: 'Kata’ib Hizballah', mentions: [spanOf(t, 'Kata’ib Hizballah')] }],
        statements: [{ label: 'threat', start: 0, end: t.length, speaker: speakerName }],
      });
    // The predicted entity's only mention is the second "Hizballah": no mention overlaps the gold speaker's.
    const pred = (name: string, aliases: string[]) =>
      makeArticle(t, {
        entities: [{ type: 'ORGANIZATION', name, aliases, mentions: [spanOf(t, 'Hizballah', 2)] }],
        statements: [{ label: 'threat', start: 0, end: t.length, speaker: 'e1' }],
      });
    const g = gold('Kata’ib Hizballah');
    expect(score(g, pred('Kataib Hizballah', [])).statements.speaker).toEqual(speaker({ correct: 1, total: 1 }));
    expect(score(g, pred('Hizballah', ["Kata'ib Hizballah"])).statements.speaker).toEqual(speaker({ correct: 1, total: 1 }));
    // Accents, case and spacing are normalised away too.
    expect(score(g, pred('Hizballah', ['KATÁ’IB   hizballah'])).statements.speaker).toEqual(speaker({ correct: 1, total: 1 }));
    expect(score(g, pred('Hizballah', ['Kataib Hezbollah'])).statements.speaker).toEqual(speaker({ correct: 0, total: 1 }));
    // A gold speaker name that is no gold entity's name is compared by name only, and counted.
    const unresolved = score(gold('Islamic Resistance'), pred('Hizballah', ['islamic  resistance']));
    expect(unresolved.statements.speaker).toEqual(speaker({ correct: 1, total: 1, goldUnresolved: 1 }));
    expect(unresolved.warnings).toEqual(['doc: gold speaker "Islamic Resistance" is not a gold entity name; name comparison only']);
    // The gold entity is found by the normalised name when no name is equal: not unresolved.
    expect(score(gold('Kataib Hizballah'), pred('Hizballah', [])).statements.speaker).toEqual(speaker({ correct: 0, total: 1 }));
  });

  it('false attribution: a named prediction for an unnamed gold source is counted, a null one is not', () => {
    const gold = makeGold('doc', {
      entities,
      statements: [
        { label: 'claim', ...S3, speaker: null },
        { label: 'support', ...S1, speaker: null },
        { label: 'threat', ...S2, speaker: null },
        { label: 'claim', start: S3.start, end: S3.start + 7, speaker: 'Reuters' },
      ],
    });
    const pred = makeArticle(text, {
      entities: predEntities,
      statements: [
        { label: 'claim', ...S3, speaker: 'e4' },
        { label: 'support', ...S1, speaker: null },
        // A label swap is no labelled pair: its named speaker is not counted.
        { label: 'claim', ...S2, speaker: 'e2' },
      ],
    });
    const r = score(gold, pred);
    expect(r.statements.speaker).toEqual(speaker({ unnamed: { total: 2, falseAttribution: 1 } }));
    expect(r.statements.speaker.unnamed.rate).toBe(1 / 2);
    // The named gold source (over "Reuters") loses the claim prediction to the longer overlap: no named pair, accuracy undefined.
    expect(r.statements.speaker.accuracy).toBeNull();
    expect(r.statements.perLabel.claim).toEqual(prf(1, 1, 1, 1 / 2, 1 / 2, 1 / 2));
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
    expect(r.statements.perLabel).toEqual({ support: prf(1, 1, 0, 1 / 2, 1, 2 / 3), threat: ZERO, claim: ONE(1) });
    expect(r.statements.micro).toEqual(prf(2, 1, 0, 2 / 3, 1, 4 / 5));
    // (2/3 + 1) / 2 = 5/6; threat (absent) is not averaged in, which would give 5/9.
    expect(r.statements.macroF1).toBeCloseTo(5 / 6, 10);
    expect(r.statements.unlabelled).toEqual(prf(2, 1, 0, 2 / 3, 1, 4 / 5));
    expect(r.statements.confusion).toEqual(confusion({ 'support>support': 1, 'claim>claim': 1, 'none>support': 1 }));
    expect(r.statements.speaker).toEqual(speaker({ correct: 2, total: 2 }));

    // Three present labels, F1 1, 0 and 0: 1/3.
    const swapped = makeArticle(text, {
      entities: predEntities,
      statements: [
        { label: 'support', ...S1, speaker: 'e1' },
        { label: 'threat', ...S3, speaker: 'e4' },
      ],
    });
    expect(score(gold, swapped).statements.macroF1).toBeCloseTo(1 / 3, 10);
  });

  it('macro-F1 is undefined when there are no statements at all', () => {
    const gold = makeGold('doc', { entities });
    const r = score(gold, makeArticle(text, { entities: predEntities }));
    expect(r.statements.perLabel).toEqual({ support: ZERO, threat: ZERO, claim: ZERO });
    expect(r.statements.micro).toEqual(ZERO);
    expect(r.statements.unlabelled).toEqual(ZERO);
    expect(r.statements.macroF1).toBeNull();
    expect(r.statements.confusion).toEqual(confusion({}));
    expect(r.statements.speaker).toEqual(speaker());
    // The mentions are all there.
    expect(r.mentions.macroF1).toBe(1);
  });
});

describe('evaluate: missing prediction', () => {
  it('scores pred null as empty: recall 0, precision undefined, no crash', () => {
    const r = score(goldT, null);
    expect(r.documents.gold).toBe(1);
    const perType = {
      PERSON: prf(0, 0, 2, null, 0, 0),
      ORGANIZATION: prf(0, 0, 3, null, 0, 0),
      LOCATION: prf(0, 0, 2, null, 0, 0),
    };
    expect(r.mentions.perType).toEqual(perType);
    expect(r.mentions.micro).toEqual(prf(0, 0, 7, null, 0, 0));
    expect(r.mentions.macroF1).toBe(0);
    expect(r.mentions.exactSpan).toEqual({ ...perType, micro: prf(0, 0, 7, null, 0, 0) });
    expect(r.mentions.partial).toEqual(r.mentions.exactSpan);
    expect(r.entities.micro).toEqual(eprf(4, 0, 0, 0, null, 0, 0));
    expect(r.entities.bcubed).toEqual(bcubed(null, null, null, 0));
    expect(r.statements.perLabel).toEqual({ support: prf(0, 0, 1, null, 0, 0), threat: prf(0, 0, 1, null, 0, 0), claim: ZERO });
    expect(r.statements.unlabelled).toEqual(prf(0, 0, 2, null, 0, 0));
    expect(r.statements.macroF1).toBe(0);
    expect(r.statements.confusion).toEqual(confusion({ 'support>none': 1, 'threat>none': 1 }));
    // No labelled pair: the named gold speakers are not judged.
    expect(r.statements.speaker).toEqual(speaker());
    expect(r.errors).toHaveLength(9);
    expect(r.errors.every((e) => e.error === 'false-negative' && e.text === '' && e.context === '')).toBe(true);
  });

  it('pools counts over documents (micro) and reports the document counts it is given', () => {
    const r = evaluate(
      [
        { docId: 'doc', gold: goldT, pred: perfectPred },
        { docId: 'doc2', gold: { ...goldT, docId: 'doc2' }, pred: null },
      ],
      { predFound: 1, predMissing: 1, matchedByPath: 1 },
    );
    expect(r.documents).toEqual({
      gold: 2,
      predFound: 1,
      predMissing: 1,
      predUnreadable: 0,
      predExtra: 0,
      matchedByPath: 1,
      matchedByName: 0,
    });
    expect(r.mentions.micro).toEqual(prf(7, 0, 7, 1, 1 / 2, 2 / 3));
    expect(r.entities.micro).toEqual(eprf(8, 4, 4, 4, 1, 1 / 2, 2 / 3));
    expect(r.entities.bcubed).toEqual(bcubed(1, 1, 1, 7));
    expect(r.statements.unlabelled).toEqual(prf(2, 0, 2, 1, 1 / 2, 2 / 3));
    expect(r.statements.macroF1).toBeCloseTo(2 / 3, 10);
    expect(r.statements.speaker).toEqual(speaker({ correct: 2, total: 2 }));
  });

  it('puts loading warnings before scoring warnings and cuts the list at 50 plus a count line', () => {
    const pred: Prediction = { statements: Array.from({ length: 60 }, () => ({ start: 3, end: 3, label: 'claim' })) };
    const r = evaluate([{ docId: 'doc', gold: goldT, pred, warnings: ['doc: loaded with a warning'] }]);
    expect(r.statements.invalidPredictions).toBe(60);
    expect(r.warnings).toHaveLength(51);
    expect(r.warnings[0]).toBe('doc: loaded with a warning');
    expect(r.warnings[1]).toBe('doc: predicted statement #0 invalid (span or label); skipped');
    expect(r.warnings[49]).toBe('doc: predicted statement #48 invalid (span or label); skipped');
    expect(r.warnings[50]).toBe('… and 11 more warnings');
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
  const counts = (c: Partial<EvaluationReport['documents']>) => ({ ...EMPTY_COUNTS, ...c });
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
    const { pairs, documents } = await loadPairs(join(dir, 'gold'), join(dir, 'pred'));
    expect(pairs.map((p) => p.docId)).toEqual(['a', 'sub/b']);
    expect(pairs[0]!.gold).toEqual({ ...goldT, docId: 'a' });
    expect(pairs[0]!.pred).toEqual(predA);
    expect(pairs[1]!.pred).toBeNull();
    expect(pairs.map((p) => p.warnings)).toEqual([[], []]);
    // manifest.json is neither a document nor an extra prediction.
    expect(documents).toEqual(counts({ gold: 2, predFound: 1, predMissing: 1, matchedByPath: 1 }));
    // And the scorer takes them as they are: 1 of 14 gold mentions found.
    const r = evaluate(pairs, documents);
    expect(r.mentions.micro).toEqual(prf(1, 0, 13, 1, 1 / 14, 2 / 15));
    expect(r.documents).toEqual(documents);
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

  it('the docId is the gold path: a gold docId field that differs is accepted, a prediction docId that differs is warned about', async () => {
    const dir = tempDir();
    write(join(dir, 'gold', 'x.json'), { ...goldT, docId: 'y' });
    write(join(dir, 'pred', 'x.json'), makeArticle(T, { docId: 'zzz', entities: [{ type: 'PERSON', mentions: [IQ] }] }));
    const { pairs, documents } = await loadPairs(join(dir, 'gold'), join(dir, 'pred'));
    expect(pairs.map((p) => [p.docId, p.gold.docId])).toEqual([['x', 'y']]);
    expect(pairs[0]!.warnings).toEqual(['x: prediction\'s docId is "zzz"']);
    expect(documents).toEqual(counts({ gold: 1, predFound: 1, matchedByPath: 1 }));
    const r = evaluate(pairs, documents);
    expect(r.mentions.micro).toEqual(prf(1, 0, 6, 1, 1 / 7, 2 / 8));
    expect(r.warnings).toEqual(['x: prediction\'s docId is "zzz"']);
  });

  it('an unreadable or non-object prediction is scored as empty, with a warning, and counted', async () => {
    const dir = tempDir();
    for (const id of ['a', 'b', 'c', 'd']) write(join(dir, 'gold', `${id}.json`), { ...goldT, docId: id });
    write(join(dir, 'pred', 'a.json'), '{"docId": "a",');
    write(join(dir, 'pred', 'b.json'), [perfectPred]);
    write(join(dir, 'pred', 'c.json'), 'null');
    // Not an article at all (no required fields, a mention text that does not match): read as it is.
    write(join(dir, 'pred', 'd.json'), { entities: [{ id: 'e1', type: 'PERSON', mentions: [{ ...IQ, text: 'Qaani' }] }] });
    const { pairs, documents } = await loadPairs(join(dir, 'gold'), join(dir, 'pred'));
    expect(pairs.map((p) => p.pred === null)).toEqual([true, true, true, false]);
    expect(documents).toEqual(counts({ gold: 4, predFound: 1, predUnreadable: 3, matchedByPath: 1 }));
    expect(pairs[0]!.warnings).toHaveLength(1);
    expect(pairs[0]!.warnings![0]).toMatch(/^a: prediction unreadable \(.+\); scored as empty$/);
    expect(pairs[1]!.warnings).toEqual(['b: prediction unreadable (not a JSON object); scored as empty']);
    expect(pairs[2]!.warnings).toEqual(['c: prediction unreadable (not a JSON object); scored as empty']);
    expect(pairs[3]!.warnings).toEqual([]);
    const r = evaluate(pairs, documents);
    // 4 × 7 gold mentions; only d's "Ismail Qaani" is found.
    expect(r.mentions.micro).toEqual(prf(1, 0, 27, 1, 1 / 28, 2 / 29));
    expect(r.warnings.slice(0, 3)).toEqual([pairs[0]!.warnings![0], pairs[1]!.warnings![0], pairs[2]!.warnings![0]]);
  });

  it('a gold subfolder finds its predictions by file name; two candidates are ambiguous; unmatched predictions are extra', async () => {
    const dir = tempDir();
    const gold = join(dir, 'gold', 'heldout');
    write(join(gold, 'x.json'), { ...goldT, docId: 'heldout/x' });
    write(join(gold, 'y.json'), { ...goldT, docId: 'heldout/y' });
    const predX = makeArticle(T, { docId: 'heldout/x', entities: [{ type: 'PERSON', mentions: [IQ] }] });
    write(join(dir, 'pred', 'heldout', 'x.json'), predX);
    write(join(dir, 'pred', 'heldout', 'y.json'), perfectPred);
    write(join(dir, 'pred', 'other', 'y.json'), perfectPred);
    write(join(dir, 'pred', 'z.json'), perfectPred);
    const { pairs, documents } = await loadPairs(gold, join(dir, 'pred'));
    // The docId is the path under the gold root given.
    expect(pairs.map((p) => p.docId)).toEqual(['x', 'y']);
    expect(pairs[0]!.pred).toEqual(predX);
    // Found by name: its docId is not compared with the path.
    expect(pairs[0]!.warnings).toEqual([]);
    expect(pairs[1]!.pred).toBeNull();
    // heldout/y, other/y and z are used by no gold document.
    expect(documents).toEqual(counts({ gold: 2, predFound: 1, predMissing: 1, predExtra: 3, matchedByName: 1 }));
    expect(evaluate(pairs, documents).mentions.micro).toEqual(prf(1, 0, 13, 1, 1 / 14, 2 / 15));
  });

  it('a prediction at the gold path wins over one found by name', async () => {
    const dir = tempDir();
    write(join(dir, 'gold', 'sub', 'x.json'), { ...goldT, docId: 'sub/x' });
    write(join(dir, 'pred', 'sub', 'x.json'), perfectPred);
    write(join(dir, 'pred', 'x.json'), { entities: [] });
    const { pairs, documents } = await loadPairs(join(dir, 'gold'), join(dir, 'pred'));
    expect(pairs[0]!.pred).toEqual(perfectPred);
    expect(documents).toEqual(counts({ gold: 1, predFound: 1, predExtra: 1, matchedByPath: 1 }));
  });

  it("a prediction one gold document finds by path is never another one's match by name", async () => {
    const dir = tempDir();
    write(join(dir, 'gold', '2024', 'x.json'), { ...goldT, docId: '2024/x' });
    write(join(dir, 'gold', '2025', 'x.json'), { ...goldT, docId: '2025/x' });
    write(join(dir, 'pred', '2024', 'x.json'), perfectPred);
    const { pairs, documents } = await loadPairs(join(dir, 'gold'), join(dir, 'pred'));
    expect(pairs.map((p) => p.pred === null)).toEqual([false, true]);
    expect(documents).toEqual(counts({ gold: 2, predFound: 1, predMissing: 1, matchedByPath: 1 }));
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
  const found = { predFound: 1, matchedByPath: 1 };

  it('prints the key lines of the table', () => {
    const out = formatReport(evaluate([{ docId: 'doc', gold: goldT, pred: perfectPred }], found));
    const lines = out.split('\n');
    expect(out.endsWith('\n')).toBe(true);
    expect(lines[0]).toBe(
      'stancemap evaluate: 1 gold documents, 1 predictions matched, 0 missing, 0 unreadable, 0 prediction files without gold',
    );
    for (const title of [
      'Mentions, strict (exact span and type)',
      'Mentions, exact span (any type)',
      'Mentions, partial overlap (same type)',
      'Entities (share an exact mention, same type)',
      'Statements (overlap ≥ half the shorter span, one-to-one, labelled pairs first)',
      'Label confusion (rows gold, columns predicted)',
    ]) {
      expect(lines).toContain(title);
    }
    expect(lines).toContain('                     P      R     F1       tp    fp    fn');
    // Strict, exact-span and partial micro rows.
    expect(lines.filter((l) => l === '  micro          100.0 100.0 100.0        7     0     0')).toHaveLength(3);
    expect(lines).toContain('  macro-F1  100.0   ignored predictions 0, duplicates 0, invalid 0');
    expect(lines).toContain('                     P      R     F1     gold found  pred right');
    expect(lines).toContain('  micro          100.0 100.0 100.0        4     4     4     4');
    expect(lines).toContain('  B-cubed over 7 matched mentions: P  100.0  R  100.0  F1  100.0');
    expect(lines).toContain('  ORGANIZATION   100.0 100.0 100.0        3     0     0');
    // An undefined ratio is a dash, not 0.
    expect(lines).toContain('  claim              —     —     —        0     0     0');
    expect(lines).toContain('  unlabelled     100.0 100.0 100.0        2     0     0');
    expect(lines).toContain('  macro-F1  100.0');
    expect(lines).toContain('              support   threat    claim     none');
    expect(lines).toContain('  support           1        0        0        0');
    expect(lines).toContain('  none              0        0        0        0');
    expect(lines).toContain(
      'Speaker accuracy (labelled pairs, named gold speaker):  100.0  (2/2; predicted null 0, unknown id 0, gold name not an entity 0)',
    );
    expect(lines).toContain('False attribution (labelled pairs, unnamed gold source, named prediction):      —  (0/0)');
    expect(lines).toContain('  0.9–1.0   100.0  (2/2)');
    expect(out).not.toContain('Warnings');
    expect(out).not.toContain('Errors');
  });

  it('says how many predictions were found by file name, and lists warnings', () => {
    const pred: Prediction = { entities: [{ id: 'e1', type: 'GPE', mentions: [IQ] }] };
    const out = formatReport(evaluate([{ docId: 'doc', gold: goldT, pred }], { predFound: 1, matchedByName: 1, predExtra: 2 }));
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      'stancemap evaluate: 1 gold documents, 1 predictions matched (1 of them by file name), 0 missing, 0 unreadable, 2 prediction files without gold',
    );
    expect(lines).toContain('  macro-F1    0.0   ignored predictions 0, duplicates 0, invalid 1');
    expect(lines).toContain('Warnings (1; all of them with --json)');
    expect(lines).toContain('  doc: predicted entity "e1" has unknown type "GPE"; skipped');
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
    expect(lines).toContain('  micro          100.0  85.7  92.3        6     0     1');
    expect(lines).toContain('Errors (1)');
    expect(lines).toContain(
      `  FN mention   doc ${Q2.start}-${Q2.end} PERSON: Ismail Qaani met Hezbollah in Beirut. [Qaani] praised Hezbollah. Hezbollah warned Isr`,
    );
  });
});

describe('confidence calibration', () => {
  it('counts predicted statements per confidence band and how many are right', () => {
    const text = 'Hamas praised Hezbollah. Israel threatened Hamas. Iran said nothing.';
    const gold = makeGold(
      'd',
      {
        entities: [],
        statements: [
          { ...spanOf(text, 'Hamas praised Hezbollah.'), label: 'support', speaker: null },
          { ...spanOf(text, 'Israel threatened Hamas.'), label: 'threat', speaker: null },
        ],
      },
      text,
    );
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
