import { describe, expect, it } from 'vitest';
import { AveragedPerceptron, seededRandom, shuffled, type TrainingExample } from '../../../src/models/learned/perceptron.js';

/** A toy task: "yes" when the word "said" is present, with noise words around it. */
function examples(): TrainingExample[] {
  const out: TrainingExample[] = [];
  const fillers = ['the', 'army', 'crossed', 'river', 'on', 'monday', 'talks', 'ended'];
  for (let i = 0; i < 40; i++) {
    const words = [fillers[i % fillers.length]!, fillers[(i * 3) % fillers.length]!];
    if (i % 2 === 0) words.push('said');
    out.push({ features: ['bias', ...words.map((w) => `w:${w}`)], label: i % 2 === 0 ? 'yes' : 'no' });
  }
  return out;
}

describe('AveragedPerceptron', () => {
  it('learns a separable task', () => {
    const model = AveragedPerceptron.train(['no', 'yes'], examples(), { epochs: 5 });
    expect(model.predict(['bias', 'w:said', 'w:army'])).toBe('yes');
    expect(model.predict(['bias', 'w:army', 'w:river'])).toBe('no');
  });

  it('is deterministic: the same data and seed give the same weights; another seed shuffles differently', () => {
    const a = JSON.stringify(AveragedPerceptron.train(['no', 'yes'], examples(), { epochs: 3, seed: 7 }).toJSON());
    const b = JSON.stringify(AveragedPerceptron.train(['no', 'yes'], examples(), { epochs: 3, seed: 7 }).toJSON());
    expect(a).toBe(b);
    expect(shuffled([1, 2, 3, 4, 5, 6], seededRandom(1))).not.toEqual(shuffled([1, 2, 3, 4, 5, 6], seededRandom(2)));
  });

  it('round-trips through JSON with the same predictions, pruning features that carry no weight', () => {
    const model = AveragedPerceptron.train(['no', 'yes'], examples(), { epochs: 5 });
    const json = model.toJSON();
    const loaded = AveragedPerceptron.fromJSON(json);
    for (const e of examples()) expect(loaded.predict(e.features)).toBe(model.predict(e.features));
    expect(Object.values(json.weights).every((w) => w.some((x) => Math.abs(x) >= 1e-3))).toBe(true);
  });

  it('refuses unknown classes and single-class models', () => {
    expect(() => new AveragedPerceptron(['only'])).toThrow(/two classes/);
    const model = new AveragedPerceptron(['no', 'yes']);
    expect(() => model.update(['w:x'], 'maybe', 'no')).toThrow(/unknown class/);
  });
});
