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

// Names, maybe with their roles ("VOA White House correspondent Anita Powell contributed to this report"); a name ends the subject.
const CREDIT_LINE =
  /^\W*\p{Lu}(?:[^.!?\n]{0,150}?\s)?\p{Lu}[\p{L}.'’-]*\s+contributed (?:reporting|research|to this (?:report|article|story))(?:\s+from\s+[^.!?]+)?\W*$/u;

/** A reporting credit: "Amira Haddad contributed reporting.", "Gulf correspondent Dana Saleh contributed to this report." */
export function isCreditLine(text: string): boolean {
  return CREDIT_LINE.test(text);
}
