import type { TinyNerSpec, TinyNliSpec } from './tiny-models.js';

/**
 * The tiny models the tests, the benchmark and `npm run tiny-models` write.
 * Their answers are fixed by construction: the NER model knows a handful of
 * names piece by piece ("##bollah" makes "Hezbollah" two pieces); the NLI
 * model's words point along three axes (threat, support, claim), and a
 * premise entails a hypothesis as far as their axes agree.
 */
export const TINY_NER_SPEC: TinyNerSpec = {
  labels: ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'],
  pieces: {
    hassan: 'B-PER',
    nasrallah: 'I-PER',
    hez: 'B-ORG',
    '##bollah': 'I-ORG',
    hamas: 'B-ORG',
    beirut: 'B-LOC',
    gaza: 'B-LOC',
    strip: 'I-LOC',
    eurovision: 'B-MISC',
  },
  maxLength: 64,
};

export const TINY_NLI_SPEC: TinyNliSpec = {
  vectors: {
    destroy: [2, 0, 0],
    attack: [2, 0, 0],
    threatens: [1, 0, 0],
    harm: [1, 0, 0],
    praised: [0, 2, 0],
    solidarity: [0, 2, 0],
    support: [0, 1, 0],
    backs: [0, 1, 0],
    announced: [0, 0, 2],
    fact: [0, 0, 1],
    reports: [0, 0, 1],
  },
  maxLength: 128,
};
