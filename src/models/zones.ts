import type { Document, Span, Zone } from '../document/types.js';
import { isTitleCase } from '../text/chunks.js';

/** Zones whose words are never entity mentions: the trailing footnote list, share/print boilerplate and Markdown front matter. */
export function noEntityZones(doc: Document): Zone[] {
  return doc.zones.filter((z) => z.kind === 'footnotes' || z.kind === 'boilerplate' || z.kind === 'frontmatter');
}

/** Zones that are never statements: headlines and headings, bylines, date lines, definitions, footnotes, boilerplate, front matter. */
export function noStatementZones(doc: Document): Zone[] {
  return doc.zones.filter((z) => z.kind !== 'dateline');
}

/**
 * A headline or heading in Title Case, where capitalisation says nothing about
 * where names end. A byline is never one: its capitals are names.
 */
export function isTitleCaseHeading(doc: Document, sentence: { start: number; tokenStart: number; tokenEnd: number }): boolean {
  if (doc.zones.some((z) => z.kind === 'byline' && z.start <= sentence.start && sentence.start < z.end)) return false;
  return isTitleCase(doc.tokens, sentence);
}

export function insideAny(spans: readonly Span[], offset: number): boolean {
  return spans.some((s) => s.start <= offset && offset < s.end);
}
