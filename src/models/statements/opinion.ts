import type { Document, Sentence, Span } from '../../document/types.js';
import { nameKey } from '../../text/normalize.js';
import { insideSorted } from '../../document/spans.js';
import type { Quote } from '../../text/quotes.js';
import type { StatementCandidate } from '../types.js';
import type { StatementGrammar } from '../../resources/statement-lexicon.js';
import type { StanceLabeller } from './stance-labels.js';

/** How far into the text a genre label ("Opinion:", "COMMENTARY") may stand. */
const HEADER_CHARS = 300;

/** Whether the document labels itself an opinion piece: a genre label alone on a header line, or before a separator. */
export function isOpinionPiece(doc: Document, grammar: StatementGrammar): boolean {
  const header = doc.text.slice(0, HEADER_CHARS).split('\n').slice(0, 4);
  return header.some((line) => {
    const label = /^\W*([\p{L}-]+)\s*(?:$|[:|–—-]\s)/u.exec(line.trim())?.[1];
    return label !== undefined && grammar.opinionLabels.has(label.toLowerCase());
  });
}

export interface AuthorInput {
  doc: Document;
  words: readonly string[];
  /** Sentences that no statement covers yet. */
  unattributed: readonly Sentence[];
  quotes: readonly Quote[];
  spanOf: (sentence: Sentence) => Span | undefined;
}

/**
 * ANNOTATION.md: in an opinion piece, narration that is the author's own
 * evaluative stance is a statement of the author (the byline's entity if
 * the text names it, else unnamed). Evaluative means a support or threat
 * stance, or a judgment marker ("should", "I believe").
 */
export function authorStatements(
  input: AuthorInput,
  labeller: StanceLabeller,
  grammar: StatementGrammar,
  modelName: string,
): StatementCandidate[] {
  const { doc, words } = input;
  if (!isOpinionPiece(doc, grammar)) return [];
  const author = doc.metadata.author;
  const authorEntity = author === null ? -1 : doc.entities.findIndex((e) => e.type === 'PERSON' && nameKey(e.name) === nameKey(author));
  const out: StatementCandidate[] = [];
  for (const sentence of input.unattributed) {
    const span = input.spanOf(sentence);
    // Headings and labels end without a full stop; the author's prose does not.
    if (!span || insideSorted(input.quotes, span.start) || !/[.!?]["”’]?$/.test(doc.text.slice(span.start, span.end))) continue;
    const label = labeller.ofContent(words, sentence.tokenStart, sentence.tokenEnd, doc);
    if (label === 'claim' && !hasMarker(words, sentence, grammar.opinionMarkers)) continue;
    const confidence = grammar.confidence.authorOpinion;
    out.push({
      ...span,
      sentence: sentence.index,
      label,
      speakerMention: null,
      speakerEntity: authorEntity === -1 ? null : authorEntity,
      speakerText: author,
      cue: null,
      confidence,
      provenance: { source: 'rule', model: modelName, rule: 'author-opinion', score: confidence },
    });
  }
  return out;
}

function hasMarker(words: readonly string[], sentence: Sentence, markers: readonly string[][]): boolean {
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    if (markers.some((m) => m.every((w, k) => i + k < sentence.tokenEnd && words[i + k] === w))) return true;
  }
  return false;
}
