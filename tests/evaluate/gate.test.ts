import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLimits, figureAt, type SetLimits } from '../../src/evaluate/gate.js';
import { evaluate } from '../../src/evaluate/scorer.js';
import { makeArticle, makeGold, spanOf } from '../helpers/articles.js';

describe('checkLimits', () => {
  const text = 'Hamas praised Hezbollah.';
  const gold = makeGold(
    'd',
    {
      entities: [
        { type: 'ORGANIZATION', name: 'Hamas', mentions: [spanOf(text, 'Hamas')] },
        { type: 'ORGANIZATION', name: 'Hezbollah', mentions: [spanOf(text, 'Hezbollah')] },
      ],
      statements: [],
    },
    text,
  );
  const perfect = evaluate([
    {
      docId: 'd',
      gold,
      pred: makeArticle(text, {
        docId: 'd',
        entities: [
          { type: 'ORGANIZATION', mentions: [spanOf(text, 'Hamas')] },
          { type: 'ORGANIZATION', mentions: [spanOf(text, 'Hezbollah')] },
        ],
      }),
    },
  ]);
  const half = evaluate([
    { docId: 'd', gold, pred: makeArticle(text, { docId: 'd', entities: [{ type: 'ORGANIZATION', mentions: [spanOf(text, 'Hamas')] }] }) },
  ]);

  it('passes when every figure reaches its floor and fails when one drops below', () => {
    const floors = { 'mentions.micro.f1': 0.9 };
    expect(checkLimits(perfect, { floors }).passed).toBe(true);
    const result = checkLimits(half, { floors });
    expect(result.passed).toBe(false);
    expect(result.checked).toEqual([{ figure: 'mentions.micro.f1', kind: 'floor', limit: 0.9, value: 2 / 3, ok: false }]);
  });

  it('a ceiling fails when the figure rises above it', () => {
    const report = { statements: { speaker: { unnamed: { rate: 0.2 } } } };
    expect(checkLimits(report, { ceilings: { 'statements.speaker.unnamed.rate': 0.25 } }).passed).toBe(true);
    expect(checkLimits(report, { ceilings: { 'statements.speaker.unnamed.rate': 0.15 } }).passed).toBe(false);
  });

  it('an undefined figure (null) never passes, floor or ceiling', () => {
    const report = { a: null };
    expect(checkLimits(report, { floors: { a: 0 } }).passed).toBe(false);
    expect(checkLimits(report, { ceilings: { a: 1 } }).passed).toBe(false);
  });

  it('refuses a limit that names no figure, instead of passing it', () => {
    expect(() => checkLimits(perfect, { floors: { 'mentions.perType.PLACE.f1': 0.5 } })).toThrow(/not a figure/);
    expect(() => figureAt(perfect, 'mentions.perType')).toThrow(/not a number/);
  });

  it('the committed limits name real figures of every set, and the real sets have per-type, per-label, speaker and false-attribution limits', () => {
    const { sets } = JSON.parse(readFileSync('eval/floors.json', 'utf8')) as { sets: Record<string, SetLimits> };
    expect(Object.keys(sets).sort()).toEqual(['conll-valid', 'polnear-dev', 'sample', 'voa-dev', 'voa-dev-cv']);
    for (const name of ['voa-dev', 'sample']) {
      const limits = sets[name]!;
      expect(() => checkLimits(perfect, limits)).not.toThrow();
      for (const figure of [
        'mentions.perType.PERSON.f1',
        'mentions.perType.ORGANIZATION.f1',
        'mentions.perType.LOCATION.f1',
        'statements.perLabel.support.f1',
        'statements.perLabel.threat.f1',
        'statements.perLabel.claim.f1',
        'statements.speaker.accuracy',
      ]) {
        expect(limits.floors?.[figure], `${name} ${figure}`).toBeGreaterThan(0);
      }
      expect(limits.ceilings?.['statements.speaker.unnamed.rate'], name).toBeLessThan(1);
    }
    expect(() => checkLimits(perfect, sets['conll-valid']!)).not.toThrow();
    // The cross-validated VOA set holds the tagger's honest entity and speaker figures.
    const cv = sets['voa-dev-cv']!;
    expect(() => checkLimits(perfect, cv)).not.toThrow();
    for (const figure of ['mentions.micro.f1', 'mentions.perType.ORGANIZATION.f1', 'statements.speaker.accuracy'])
      expect(cv.floors?.[figure], figure).toBeGreaterThan(0);
    expect(cv.ceilings?.['statements.speaker.unnamed.rate']).toBeLessThan(1);
    expect(Object.keys(sets['polnear-dev']!.floors ?? {})).toEqual(expect.arrayContaining(['detection.f1', 'source.accuracy']));
  });
});
