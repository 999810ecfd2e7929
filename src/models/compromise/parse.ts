import nlp from 'compromise';
import type { Document } from '../../document/types.js';

type View = ReturnType<typeof nlp>;

interface TermJson {
  tags: string[];
  offset: { start: number; length: number };
}

const views = new WeakMap<Document, View>();
const termTags = new WeakMap<Document, Map<number, ReadonlySet<string>>>();

/** compromise's parse of a document, made once and shared by every model that needs it. */
export function compromiseView(doc: Document): View {
  let view = views.get(doc);
  if (!view) {
    view = nlp(doc.text);
    views.set(doc, view);
  }
  return view;
}

/** compromise's part-of-speech tags by term start offset ("said" → Verb, PastTense). */
export function compromiseTags(doc: Document): Map<number, ReadonlySet<string>> {
  let tags = termTags.get(doc);
  if (!tags) {
    tags = new Map();
    const sentences = compromiseView(doc).json({ offset: true, terms: { offset: true } }) as Array<{ terms: TermJson[] }>;
    for (const sentence of sentences) for (const term of sentence.terms) tags.set(term.offset.start, new Set(term.tags));
    termTags.set(doc, tags);
  }
  return tags;
}
