import type { Document, Sentence } from '../../document/types.js';
import { firstEndingAfter } from '../../document/spans.js';

/** Part-of-speech tags by token start offset, by compromise's names ("said" → Verb, PastTense). */
export interface TagLookup {
  get(offset: number): ReadonlySet<string> | undefined;
}

/** Tags one sentence: its tokens' start offsets → their tags. */
export type SentenceTagger = (sentence: Sentence) => Map<number, ReadonlySet<string>>;

/**
 * A document's tags, each sentence tagged on its own the first time a tag in
 * it is asked for: a document pays only for the sentences the statement rules
 * look into (those with a cue word), and cost stays linear in its length. One
 * lookup per document and tagger (`cache`).
 */
export function lazySentenceTags(doc: Document, cache: WeakMap<Document, TagLookup>, tagSentence: SentenceTagger): TagLookup {
  let lookup = cache.get(doc);
  if (!lookup) {
    const bySentence = new Map<number, Map<number, ReadonlySet<string>>>();
    const tagsOf = (index: number): Map<number, ReadonlySet<string>> => {
      let tags = bySentence.get(index);
      if (!tags) {
        tags = tagSentence(doc.sentences[index]!);
        bySentence.set(index, tags);
      }
      return tags;
    };
    lookup = {
      get: (offset) => {
        const index = firstEndingAfter(doc.sentences, offset);
        const sentence = doc.sentences[index];
        return sentence && sentence.start <= offset ? tagsOf(index).get(offset) : undefined;
      },
    };
    cache.set(doc, lookup);
  }
  return lookup;
}
