import nlp from 'compromise';

/** compromise's word → tag lexicon (about 14,000 English words and names), read once. */
export const englishLexicon: Readonly<Record<string, string>> = (
  nlp as unknown as { model(): { one: { lexicon: Record<string, string> } } }
).model().one.lexicon;
