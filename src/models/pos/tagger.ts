import { argmax, type AveragedPerceptron } from '../learned/perceptron.js';
import { contextFeatures, ownFeatures, sentenceView } from './features.js';

/** The tag history before a sentence's first token. */
const START = '<s>';

/** Word features kept per distinct token text; cleared when full, so memory stays bounded over a long run. */
const WORD_CACHE_LIMIT = 50_000;

/**
 * Greedy left-to-right Penn Treebank tagging with an averaged perceptron:
 * each token is scored on its own features and on the two tags chosen
 * before it. `observe` (training) sees each token's features and the guess,
 * and returns the tag to carry on with; tagging without it takes the weights
 * as final, and caches each word's own part of the scores.
 */
export class PosTagger {
  private readonly wordCache = new Map<string, string[]>();
  /** A word's own features' summed scores, by its text: only for a trained model, whose weights no longer move. */
  private readonly wordScores = new Map<string, Float64Array>();

  constructor(readonly model: AveragedPerceptron) {}

  tag(texts: readonly string[], observe?: (i: number, features: string[], guess: string) => string): string[] {
    const sentence = sentenceView(texts);
    const tags: string[] = [];
    let previous = START;
    let beforePrevious = START;
    for (let i = 0; i < texts.length; i++) {
      const context = contextFeatures(sentence, i, previous, beforePrevious);
      let chosen: string;
      if (observe) {
        const features = [...this.ownFeaturesOf(texts[i]!), ...context];
        chosen = observe(i, features, this.model.predict(features));
      } else chosen = this.model.classes[argmax(this.scoresOf(texts[i]!, context))]!;
      tags.push(chosen);
      beforePrevious = previous;
      previous = chosen;
    }
    return tags;
  }

  /** Scores of a word in context when tagging: its own features' part is summed once per distinct word. */
  private scoresOf(text: string, context: readonly string[]): Float64Array {
    let own = this.wordScores.get(text);
    if (!own) {
      if (this.wordScores.size >= WORD_CACHE_LIMIT) this.wordScores.clear();
      own = this.model.scores(this.ownFeaturesOf(text));
      this.wordScores.set(text, own);
    }
    const scores = this.model.scores(context);
    for (let c = 0; c < scores.length; c++) scores[c]! += own[c]!;
    return scores;
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
