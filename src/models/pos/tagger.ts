import { AveragedPerceptron } from '../learned/perceptron.js';
import { contextFeatures, ownFeatures, sentenceView } from './features.js';

/** The tag history before a sentence's first token. */
const START = '<s>';

/** Word features kept per distinct token text; cleared when full, so memory stays bounded over a long run. */
const WORD_CACHE_LIMIT = 50_000;

/**
 * Greedy left-to-right Penn Treebank tagging with an averaged perceptron:
 * each token is scored on its own features and on the two tags chosen
 * before it. `observe` (training) sees each token's features and the guess,
 * and returns the tag to carry on with.
 */
export class PosTagger {
  private readonly wordCache = new Map<string, string[]>();

  constructor(readonly model: AveragedPerceptron) {}

  tag(texts: readonly string[], observe?: (i: number, features: string[], guess: string) => string): string[] {
    const sentence = sentenceView(texts);
    const tags: string[] = [];
    let previous = START;
    let beforePrevious = START;
    for (let i = 0; i < texts.length; i++) {
      const features = [...this.ownFeaturesOf(texts[i]!), ...contextFeatures(sentence, i, previous, beforePrevious)];
      const guess = this.model.predict(features);
      const chosen = observe ? observe(i, features, guess) : guess;
      tags.push(chosen);
      beforePrevious = previous;
      previous = chosen;
    }
    return tags;
  }

  private ownFeaturesOf(text: string): string[] {
    let f = this.wordCache.get(text);
    if (!f) {
      if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
      f = ownFeatures(text);
      this.wordCache.set(text, f);
    }
    return f;
  }
}
