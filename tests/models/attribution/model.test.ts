import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FatalError } from '../../../src/errors.js';
import { AttributionModel } from '../../../src/models/attribution/model.js';

function load(content: string): FatalError {
  const path = join(mkdtempSync(join(tmpdir(), 'stancemap-attr-model-')), 'model.json');
  writeFileSync(path, content);
  try {
    AttributionModel.load(path);
  } catch (error) {
    return error as FatalError;
  }
  throw new Error('expected the model to be refused');
}

const valid = {
  format: 'stancemap-attribution/1',
  trainedOn: 'test',
  threshold: 0,
  detector: { classes: ['no', 'yes'], weights: { bias: [1, 0] } },
  sourceTagger: { classes: ['O', 'B', 'I'], weights: { bias: [1, 0, 0] } },
};

describe('AttributionModel.load', () => {
  it('loads a valid file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'stancemap-attr-model-')), 'model.json');
    writeFileSync(path, JSON.stringify(valid));
    expect(AttributionModel.load(path).threshold).toBe(0);
  });

  it('refuses with E007 a file that is not JSON, a missing file, wrong classes, or weights of the wrong length', () => {
    expect(load('{ not json').code).toBe('E007');
    expect(load(JSON.stringify({ ...valid, detector: { classes: ['a', 'b'], weights: { bias: [1, 0] } } })).message).toMatch(
      /classes must be no, yes/,
    );
    expect(load(JSON.stringify({ ...valid, sourceTagger: { classes: ['O', 'B', 'I'], weights: { bias: [1] } } })).message).toMatch(
      /needs 3 weights/,
    );
    expect(load(JSON.stringify({ ...valid, sourceTagger: { classes: ['O', 'B', 'I'], weights: { bias: [1, 'x', 0] } } })).message).toMatch(
      /needs 3 weights, all finite numbers/,
    );
    expect(() => AttributionModel.load('/nonexistent/model.json')).toThrow(/E007|attribution model/);
  });
});
