/**
 * A list of phrases (folded words) looked up by their first word, so that
 * reading a sentence word by word costs one map look-up per word, not one
 * comparison per phrase of the list.
 */
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();

  constructor(readonly phrases: readonly string[][]) {
    for (const phrase of phrases) {
      const list = this.byFirst.get(phrase[0]!);
      if (list) list.push(phrase);
      else this.byFirst.set(phrase[0]!, [phrase]);
    }
  }

  /** The phrases that start with `word`, in the list's order. */
  startingWith(word: string | undefined): readonly string[][] {
    return (word !== undefined && this.byFirst.get(word)) || NONE;
  }

  /** The first phrase of the list (in its order) that stands at `i`. */
  at(words: readonly string[], i: number): readonly string[] | undefined {
    return this.startingWith(words[i]).find((phrase) => phraseAt(words, phrase, i));
  }
}

const NONE: readonly string[][] = [];

/** Whether `phrase` stands at `i`. */
export function phraseAt(words: readonly string[], phrase: readonly string[], i: number): boolean {
  return phrase.every((w, k) => words[i + k] === w);
}
