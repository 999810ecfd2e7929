import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeTags, loadLabelMap, parseTag, type LabelledWord } from '../../../src/models/transformer/labels.js';
import { tempFolder } from '../../helpers/tiny-models.js';

const words = (...labels: string[]): LabelledWord[] => labels.map((label, i) => ({ tag: parseTag(label), score: 0.5 + i / 100 }));
const runs = (...labels: string[]) => decodeTags(words(...labels)).map((r) => `${r.type}:${r.first}-${r.end}`);

describe('parseTag', () => {
  it('reads prefix, suffix and plain label schemes', () => {
    expect(parseTag('B-PER')).toEqual({ position: 'B', type: 'PER' });
    expect(parseTag('i_org')).toEqual({ position: 'I', type: 'ORG' });
    expect(parseTag('L-LOC')).toEqual({ position: 'E', type: 'LOC' });
    expect(parseTag('U-GPE')).toEqual({ position: 'S', type: 'GPE' });
    expect(parseTag('PER-B')).toEqual({ position: 'B', type: 'PER' });
    expect(parseTag('PERSON')).toEqual({ position: 'I', type: 'PERSON' });
    expect(parseTag('O')).toEqual({ position: 'O', type: '' });
    expect(parseTag('B-WORK_OF_ART')).toEqual({ position: 'B', type: 'WORK_OF_ART' });
  });
});

describe('decodeTags', () => {
  it('joins IOB2 runs and splits at B', () => {
    expect(runs('B-PER', 'I-PER', 'O', 'B-ORG', 'B-ORG', 'I-ORG')).toEqual(['PER:0-2', 'ORG:3-4', 'ORG:4-6']);
  });

  it('starts a run at an I after O or after another type (IOB1)', () => {
    expect(runs('I-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG')).toEqual(['PER:0-2', 'LOC:3-4', 'ORG:4-5']);
  });

  it('closes runs after E and S (BIOES, BILOU)', () => {
    expect(runs('B-LOC', 'E-LOC', 'I-LOC', 'S-PER', 'S-PER', 'U-ORG')).toEqual(['LOC:0-2', 'LOC:2-3', 'PER:3-4', 'PER:4-5', 'ORG:5-6']);
  });

  it('scores a run by the mean of its words', () => {
    const [run] = decodeTags([
      { tag: parseTag('B-PER'), score: 0.9 },
      { tag: parseTag('I-PER'), score: 0.5 },
    ]);
    expect(run!.score).toBeCloseTo(0.7);
  });
});

describe('loadLabelMap', () => {
  it('maps the common label sets to our three types and leaves the rest out', () => {
    const { map } = loadLabelMap();
    expect(map.get('PER')).toBe('PERSON');
    expect(map.get('GPE')).toBe('LOCATION');
    expect(map.get('FAC')).toBe('LOCATION');
    expect(map.get('ORG')).toBe('ORGANIZATION');
    expect(map.get('MISC')).toBeNull();
    expect(map.get('NORP')).toBeNull();
    expect(map.has('MILITIA')).toBe(false);
  });

  it('adds and overrides entries from extra files, upper-casing their keys', () => {
    const file = join(tempFolder(), 'labels.json');
    writeFileSync(file, JSON.stringify({ types: { militia: 'ORGANIZATION', NORP: 'ORGANIZATION' } }));
    const { map, files } = loadLabelMap([file]);
    expect(map.get('MILITIA')).toBe('ORGANIZATION');
    expect(map.get('NORP')).toBe('ORGANIZATION');
    expect(files).toHaveLength(2);
  });

  it('rejects a file with a type we do not have, naming the field', () => {
    const file = join(tempFolder(), 'labels.json');
    writeFileSync(file, JSON.stringify({ types: { EVENT: 'EVENT' } }));
    expect(() => loadLabelMap([file])).toThrow(/E004.*labels\.json: types\.EVENT/);
  });
});
