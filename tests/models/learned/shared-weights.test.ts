import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWeightsOnce } from '../../../src/models/learned/shared-weights.js';

function modelFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'stancemap-weights-')), 'model.txt');
  writeFileSync(path, content);
  return path;
}

describe('loadWeightsOnce', () => {
  it('reads a file once and gives the same data to every later load', () => {
    const path = modelFile('one');
    let reads = 0;
    const first = loadWeightsOnce('test', path, () => ({ read: ++reads }));
    const second = loadWeightsOnce('test', path, () => ({ read: ++reads }));
    expect(second).toBe(first);
    expect(reads).toBe(1);
  });

  it('reads the file again once it has changed', () => {
    const path = modelFile('one');
    let reads = 0;
    loadWeightsOnce('test', path, () => ++reads);
    writeFileSync(path, 'a longer content');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(loadWeightsOnce('test', path, () => ++reads)).toBe(2);
  });

  it('lets the loader report a file it cannot read, every time', () => {
    const missing = join(tmpdir(), 'stancemap-no-such-model.txt');
    const fail = (): never => {
      throw new Error('no such model');
    };
    expect(() => loadWeightsOnce('test', missing, fail)).toThrow(/no such model/);
    expect(() => loadWeightsOnce('test', missing, fail)).toThrow(/no such model/);
  });
});
