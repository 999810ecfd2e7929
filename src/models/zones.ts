import type { Document, Span, Zone } from '../document/types.js';

/** Zones whose words are never entity mentions: the trailing footnote list and share/print boilerplate. */
export function noEntityZones(doc: Document): Zone[] {
  return doc.zones.filter((z) => z.kind === 'footnotes' || z.kind === 'boilerplate');
}

/** Zones that are never statements: headlines, bylines, date lines, definitions, footnotes, boilerplate. */
export function noStatementZones(doc: Document): Zone[] {
  return doc.zones.filter((z) => z.kind !== 'dateline');
}

export function insideAny(spans: readonly Span[], offset: number): boolean {
  return spans.some((s) => s.start <= offset && offset < s.end);
}
