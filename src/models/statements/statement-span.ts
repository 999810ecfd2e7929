import { trimSpan } from '../../document/spans.js';
import type { Document, Sentence, Span } from '../../document/types.js';
import { isFootnoteMarker } from '../../text/sentences.js';
import { insideAny, isCreditLine } from '../zones.js';

/**
 * A sentence's statement span: without a leading dateline or date label or a
 * trailing footnote marker; undefined if nothing is left, or if it is a
 * reporting credit (a text that lost its line breaks leaves one inside a paragraph).
 */
export function statementSpan(doc: Document, sentence: Sentence, blocked: readonly Span[]): Span | undefined {
  let start = sentence.start;
  for (const zone of doc.zones) {
    if ((zone.kind === 'dateline' || zone.kind === 'date') && zone.start <= start && start < zone.end) start = zone.end;
  }
  let lastToken = sentence.tokenEnd - 1;
  while (lastToken - 2 >= sentence.tokenStart && isFootnoteMarker(doc.tokens, lastToken - 2)) lastToken -= 3;
  const span = trimSpan(doc.text, { start, end: doc.tokens[lastToken]!.end });
  if (span.end - span.start < 3 || insideAny(blocked, span.start) || isCreditLine(doc.text.slice(span.start, span.end))) return undefined;
  return span;
}
