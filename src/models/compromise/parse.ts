import nlp from 'compromise';
// Tags only: compromise's second build tags exactly as the full one does (checked on 119,000 terms of the
// bench corpus) without the full one's chunker, a tenth of the parse's time.
import tagger from 'compromise/two';
import type { Document } from '../../document/types.js';
import { firstEndingAfter } from '../../document/spans.js';
import type { TagLookup } from '../pos/tag-lookup.js';

type View = ReturnType<typeof nlp>;

interface ParsedTerm {
  tags: Set<string>;
  offset: { start: number };
}

const views = new WeakMap<Document, View>();

/** compromise's parse of a whole document, made once and shared (the compromise recognizer's input). */
export function compromiseView(doc: Document): View {
  let view = views.get(doc);
  if (!view) {
    view = nlp(doc.text);
    views.set(doc, view);
  }
  return view;
}

const lookups = new WeakMap<Document, TagLookup>();

/**
 * compromise's part-of-speech tags by term start offset. Each sentence is
 * parsed on its own, the first time a tag in it is asked for, so a document
 * pays only for the sentences the statement rules look into (those with a cue
 * word), and cost stays linear in its length.
 */
export function compromiseTags(doc: Document): TagLookup {
  let lookup = lookups.get(doc);
  if (!lookup) {
    const bySentence = new Map<number, Map<number, ReadonlySet<string>>>();
    const tagsOf = (index: number): Map<number, ReadonlySet<string>> => {
      let tags = bySentence.get(index);
      if (!tags) {
        tags = new Map();
        const sentence = doc.sentences[index]!;
        const parsed = tagger(doc.text.slice(sentence.start, sentence.end));
        parsed.compute('offset');
        for (const terms of parsed.docs as unknown as ParsedTerm[][])
          for (const term of terms) tags.set(sentence.start + term.offset.start, term.tags);
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
    lookups.set(doc, lookup);
  }
  return lookup;
}
