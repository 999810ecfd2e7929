// natural's submodules, imported one by one: the package root loads every
// storage backend it ships (half a second, and console noise) for two functions.
declare module 'natural/lib/natural/phonetics/metaphone.js' {
  export default class Metaphone {
    process(token: string, maxLength?: number): string;
  }
}

declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  export default function jaroWinklerDistance(s1: string, s2: string, options?: { ignoreCase?: boolean }): number;
}

declare module 'natural/lib/natural/classifiers/logistic_regression_classifier.js' {
  export default class LogisticRegressionClassifier {
    addDocument(tokens: string[], label: string): void;
    train(): void;
    classify(tokens: string[]): string;
    getClassifications(tokens: string[]): Array<{ label: string; value: number }>;
    static restore(data: unknown): LogisticRegressionClassifier;
  }
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
