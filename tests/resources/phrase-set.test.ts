import { describe, expect, it } from 'vitest';
import { PhraseSet } from '../../src/resources/phrase-set.js';

const words = 'they vowed to strike back at the army'.split(' ');

describe('PhraseSet', () => {
  const set = new PhraseSet([['strike', 'back'], ['vowed'], ['strike'], ['at', 'the', 'army']]);

  it('finds the first phrase of the list that stands at a word, in the list order', () => {
    expect(set.at(words, 3)).toEqual(['strike', 'back']);
    expect(set.at(words, 1)).toEqual(['vowed']);
    expect(set.at(words, 5)).toEqual(['at', 'the', 'army']);
  });

  it('finds nothing where no phrase starts, or where a phrase starts but does not go on', () => {
    expect(set.at(words, 0)).toBeUndefined();
    expect(set.at(words, 99)).toBeUndefined();
    expect(new PhraseSet([['at', 'the', 'navy']]).at(words, 5)).toBeUndefined();
  });

  it('lists the phrases that start with a word, in the list order', () => {
    expect(set.startingWith('strike')).toEqual([['strike', 'back'], ['strike']]);
    expect(set.startingWith('peace')).toEqual([]);
    expect(set.startingWith(undefined)).toEqual([]);
  });
});
