import nlp from 'compromise';
// Tags only: compromise's second build tags exactly as the full one does (checked on 119,000 terms of the
// bench corpus) without the full one's chunker, a tenth of the parse's time.
import tagger from 'compromise/two';
import type { Document } from '../../document/types.js';
import { lazySentenceTags, type TagLookup } from '../pos/sentence-tags.js';

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

/** compromise's part-of-speech tags by term start offset, each sentence parsed on its own when first asked. */
export function compromiseTags(doc: Document): TagLookup {
  return lazySentenceTags(doc, lookups, (sentence) => {
    const tags = new Map<number, ReadonlySet<string>>();
    const parsed = tagger(doc.text.slice(sentence.start, sentence.end));
    parsed.compute('offset');
    for (const terms of parsed.docs as unknown as ParsedTerm[][])
      for (const term of terms) tags.set(sentence.start + term.offset.start, term.tags);
    return tags;
  });
}
