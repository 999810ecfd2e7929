import { createRequire } from 'node:module';
import type { LogisticRegressionClassifier as NaturalLogisticRegression } from 'natural/lib/natural/classifiers/index.js';
import type { JaroWinklerDistance } from 'natural/lib/natural/distance/index.js';
import type { Metaphone } from 'natural/lib/natural/phonetics/index.js';
import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';

/**
 * Every use of the `natural` library goes through this module (a test in
 * tests/architecture checks it): Metaphone keys and Jaro-Winkler similarity
 * for transliterated names, the Porter stemmer and logistic regression for
 * the learned stance classifier. Their behaviour is pinned in
 * tests/text/natural.test.ts.
 *
 * natural's package root loads every part it ships, storage backends included
 * (mongoose, pg, redis: about three seconds, and console noise), so each part
 * is required from its own file, and only on first use: importing the
 * pipeline costs nothing here, and the classifier (with apparatus and
 * sylvester) loads only when a stance model is trained or used. Those file
 * paths are natural's layout, not its public API; natural's own published
 * typings describe what each file exports (taken from each part's index.d.ts:
 * the root one reaches a .ts source that does not compile under our settings).
 */
const require = createRequire(import.meta.url);
const NATURAL = 'natural/lib/natural';

let metaphone: Metaphone | undefined;
let jaroWinklerDistance: typeof JaroWinklerDistance | undefined;
let porterStemmer: Stemmer | undefined;
let LogisticRegressionClassifier: typeof NaturalLogisticRegression | undefined;

/** The Metaphone key of one word: "hezbollah" → "HSBL" ("" for a word with no consonant sound). */
export function metaphoneKey(word: string): string {
  metaphone ??= new (require(`${NATURAL}/phonetics/metaphone.js`) as typeof Metaphone)();
  return metaphone.process(word);
}

/** Jaro-Winkler similarity of two strings, 0 (nothing alike) to 1 (equal); case matters. */
export function jaroWinkler(a: string, b: string): number {
  jaroWinklerDistance ??= require(`${NATURAL}/distance/jaro-winkler_distance.js`) as typeof JaroWinklerDistance;
  return jaroWinklerDistance(a, b);
}

/** The Porter stem of one lower-case word: "supporters" → "support". */
export function porterStem(word: string): string {
  porterStemmer ??= require(`${NATURAL}/stemmers/porter_stemmer.js`) as Stemmer;
  return porterStemmer.stem(word);
}

function logisticRegressionClass(): typeof NaturalLogisticRegression {
  LogisticRegressionClassifier ??= require(`${NATURAL}/classifiers/logistic_regression_classifier.js`) as typeof NaturalLogisticRegression;
  return LogisticRegressionClassifier;
}

/**
 * natural's logistic regression over lists of string features (used as
 * given: no tokenizing or stemming of its own). Saved with `toJSON` in
 * natural's own format and read back with `restore`.
 */
export class LogisticRegression {
  private constructor(private readonly classifier: NaturalLogisticRegression) {}

  static create(): LogisticRegression {
    return new LogisticRegression(new (logisticRegressionClass())());
  }

  /** A classifier from what `toJSON` gave (natural checks none of it). */
  static restore(saved: unknown): LogisticRegression {
    return new LogisticRegression(logisticRegressionClass().restore(saved as Record<string, unknown>));
  }

  addExample(features: string[], label: string): void {
    this.classifier.addDocument(features, label);
  }

  train(): void {
    this.classifier.train();
  }

  /** Every label with its score, best first. */
  classifications(features: string[]): Array<{ label: string; value: number }> {
    return this.classifier.getClassifications(features);
  }

  /** natural's serialized classifier, as plain JSON data. */
  toJSON(): unknown {
    return JSON.parse(JSON.stringify(this.classifier)) as unknown;
  }
}
