import { describe, expect, it } from 'vitest';
import { FeatureIndex } from '../../../src/models/learned/feature-index.js';

describe('FeatureIndex', () => {
  it('gives each key its row and nothing for a key it does not hold', () => {
    const index = FeatureIndex.build(['w=said', 'suffix=aid', 'w=Hamas', '']);
    expect(['w=said', 'suffix=aid', 'w=Hamas', ''].map((k) => index.get(k))).toEqual([0, 1, 2, 3]);
    expect(index.get('w=sai')).toBeUndefined();
    expect(index.get('w=saidx')).toBeUndefined();
    expect(index.get('W=said')).toBeUndefined();
    expect(index.size).toBe(4);
  });

  it('keeps keys in any script, including characters outside the basic plane, and gives them back in row order', () => {
    const keys = ['w=Ḥamās', 'w=حماس', 'w=—', 'emoji=🙂', 'w=naïve'];
    const index = FeatureIndex.build(keys);
    expect(keys.map((k) => index.get(k))).toEqual([0, 1, 2, 3, 4]);
    expect([...index.keys()]).toEqual(keys);
    expect(index.get('emoji=🙃')).toBeUndefined();
  });

  it('finds every one of many keys whose hashes collide in a small table', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `f${i}|${(i * 7919) % 104729}`);
    const index = FeatureIndex.build(keys);
    for (const [row, key] of keys.entries()) expect(index.get(key)).toBe(row);
    expect(index.get('f5000|0')).toBeUndefined();
  });

  it('refuses a key listed twice, and answers nothing when empty', () => {
    expect(() => FeatureIndex.build(['a', 'b', 'a'])).toThrow(/"a" is listed twice/);
    const empty = FeatureIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.get('a')).toBeUndefined();
  });

  it('lives in shared memory, and a second index over the same data reads the same rows', () => {
    const index = FeatureIndex.build(['x', 'y', 'z']);
    for (const array of [index.data.units, index.data.starts, index.data.slots]) expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    const structured = structuredClone(index.data);
    expect(structured.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    const other = new FeatureIndex(structured);
    expect(['x', 'y', 'z', 'w'].map((k) => other.get(k))).toEqual([0, 1, 2, undefined]);
  });
});
