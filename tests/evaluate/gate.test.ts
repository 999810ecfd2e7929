import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFloors } from '../../src/evaluate/gate.js';
import { evaluate } from '../../src/evaluate/scorer.js';
import { makeArticle, makeGold, spanOf } from '../helpers/articles.js';

describe('checkFloors', () => {
  const text = 'Hamas praised Hezbollah.';
  const gold = makeGold('d', { entities: [{ type: 'ORGANIZATION', name: 'Hamas', mentions: [spanOf(text, 'Hamas')] }, { type: 'ORGANIZATION', name: 'Hezbollah', mentions: [spanOf(text, 'Hezbollah')] }], statements: [] }, text);
  const perfect = evaluate([{ docId: 'd', gold, pred: makeArticle(text, { docId: 'd', entities: [{ type: 'ORGANIZATION', mentions: [spanOf(text, 'Hamas')] }, { type: 'ORGANIZATION', mentions: [spanOf(text, 'Hezbollah')] }] }) }]);
  const half = evaluate([{ docId: 'd', gold, pred: makeArticle(text, { docId: 'd', entities: [{ type: 'ORGANIZATION', mentions: [spanOf(text, 'Hamas')] }] }) }]);

  it('passes when every figure reaches its floor and fails when one drops below', () => {
    const floors = { 'mentions.strict.micro.f1': 0.9 };
    expect(checkFloors(perfect, floors).passed).toBe(true);
    const result = checkFloors(half, floors);
    expect(result.passed).toBe(false);
    expect(result.checked).toEqual([{ figure: 'mentions.strict.micro.f1', floor: 0.9, value: 0.6667, ok: false }]);
  });

  it('refuses a floor that names no figure, instead of passing it', () => {
    expect(() => checkFloors(perfect, { 'mentions.strict.PLACE.f1': 0.5 })).toThrow(/not a figure/);
  });

  it('accepts the committed floors file', () => {
    const { floors } = JSON.parse(readFileSync('eval/floors.json', 'utf8')) as { floors: Record<string, number> };
    expect(Object.keys(floors).length).toBeGreaterThan(5);
    expect(() => checkFloors(perfect, floors)).not.toThrow();
  });
});
