import { FatalError } from '../../errors.js';
import { parseBrat, type BratDocument, type BratEvent } from './brat.js';
import { mentionMatchesText, parseCoreNlpChains, type ChainMention } from './corenlp.js';
import { CodePointOffsets } from './offsets.js';
import {
  POLNEAR_GOLD_FORMAT,
  emptyStats,
  type ConversionStats,
  type CorefMention,
  type GoldSpan,
  type PolnearAttribution,
  type PolnearGold,
  type TextPiece,
} from './types.js';

/** One article with the annotation chosen for it, as read from the PolNeAR folder. */
export interface ArticleInput {
  docId: string;
  split: string;
  annotator: string;
  annotators: string[];
  /** The decoded article file, BOM kept (BRAT counts it). */
  rawText: string;
  annText: string;
  /** Paths used in error messages. */
  annFile: string;
  /** CoreNLP XML, or null when the article has none or coreference is not wanted. */
  xml: string | null;
  xmlFile: string | null;
}

interface Range {
  start: number;
  end: number;
}

/** T annotations placed on the text: UTF-16 ranges without the zero-length ones. */
type PlacedSpans = Map<string, { label: string; ranges: Range[] }>;

/**
 * Checks each T text against the article (its fragments' code-point slices
 * joined by one space, which is what BRAT records) and converts its offsets.
 * A mismatch means the .ann does not belong to this text: stop, naming it.
 */
function placeTextBounds(brat: BratDocument, offsets: CodePointOffsets, annFile: string, stats: ConversionStats): PlacedSpans {
  const placed: PlacedSpans = new Map();
  for (const [id, bound] of brat.textBounds) {
    if (bound.label === 'Discuss') stats.discuss++;
    if (bound.label === 'Discard') stats.discard++;
    const expected = bound.fragments.map(([s, e]) => offsets.slice(s, e)).join(' ');
    const where = bound.fragments.map((f) => f.join(' ')).join(';');
    if (expected !== bound.text) {
      throw new FatalError(
        'E005',
        `${annFile}: ${id}: BRAT text "${bound.text.slice(0, 60)}" differs from the article text at ${where}: "${expected.slice(0, 60)}"`,
      );
    }
    const ranges = bound.fragments.map(([s, e]) => ({ start: offsets.toUtf16(s), end: offsets.toUtf16(e) }));
    if (ranges.some((r) => r.start === null || r.end === null))
      throw new FatalError('E005', `${annFile}: ${id}: offsets ${where} lie outside the text`);
    placed.set(id, { label: bound.label, ranges: (ranges as Range[]).filter((r) => r.end > r.start) });
  }
  return placed;
}

/** A span over ranges (in any order): fragments sorted by position, `start`/`end` covering them all. */
function buildSpan(ranges: readonly Range[], text: string): GoldSpan {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const start = sorted[0]!.start;
  const end = Math.max(...sorted.map((r) => r.end));
  return {
    start,
    end,
    text: text.slice(start, end),
    fragments: sorted.map((r) => ({ start: r.start, end: r.end, text: text.slice(r.start, r.end) })),
  };
}

interface EventRoles {
  content: Range[];
  cue: Range[];
  source: Range[];
}

/** Gathers an event's argument ranges by role; `Content2`, `Cue2` … count as their base role. */
function collectRoles(event: BratEvent, spans: PlacedSpans, annFile: string, stats: ConversionStats): EventRoles {
  const roles: EventRoles = { content: [], cue: [], source: [] };
  for (const { role, target } of event.args) {
    const span = spans.get(target);
    if (!span) throw new FatalError('E005', `${annFile}:${event.line}: ${event.id}: argument ${role}:${target} names no T annotation`);
    const base = role.replace(/\d+$/, '');
    if (base === 'Content') roles.content.push(...span.ranges);
    else if (base === 'Cue') roles.cue.push(...span.ranges);
    else if (base === 'Source') roles.source.push(...span.ranges);
    if (base === 'Content' && role !== 'Content') stats.multiContentArgs++;
  }
  return roles;
}

/**
 * The chain holding a source: among chain mentions whose head token lies
 * inside a source fragment, the one overlapping the source most, then the
 * longest; on a tie the first in file order.
 */
function chainOfSource(source: GoldSpan, chains: readonly ChainMention[][]): ChainMention[] | null {
  let best: { chain: ChainMention[]; overlap: number; length: number } | null = null;
  for (const chain of chains) {
    for (const m of chain) {
      if (!source.fragments.some((f) => m.head.start >= f.start && m.head.end <= f.end)) continue;
      const overlap = source.fragments.reduce((sum, f) => sum + Math.max(0, Math.min(m.end, f.end) - Math.max(m.start, f.start)), 0);
      const length = m.end - m.start;
      if (!best || overlap > best.overlap || (overlap === best.overlap && length > best.length)) best = { chain, overlap, length };
    }
  }
  return best?.chain ?? null;
}

/** A chain as written into the gold: each span once, in text order. */
function corefMentions(chain: readonly ChainMention[], text: string): CorefMention[] {
  const seen = new Set<string>();
  return chain
    .filter((m) => {
      const key = `${m.start}:${m.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((m) => ({
      start: m.start,
      end: m.end,
      text: text.slice(m.start, m.end),
      head: { start: m.head.start, end: m.head.end, text: text.slice(m.head.start, m.head.end) },
    }));
}

/** CoreNLP offsets count the BOM too; shift them onto the text without it. */
function readChains(input: ArticleInput, offsets: CodePointOffsets, stats: ConversionStats): ChainMention[][] | null {
  if (input.xml === null) return null;
  const shift = (r: Range): Range => ({ start: r.start - offsets.bom, end: r.end - offsets.bom });
  const chains = parseCoreNlpChains(input.xml).map((chain) => chain.map((m) => ({ ...m, ...shift(m), head: shift(m.head) })));
  for (const m of chains.flat()) {
    stats.corefMentions++;
    if (!mentionMatchesText(m.tokenText, offsets.text.slice(m.start, m.end))) stats.corefMentionMismatch++;
  }
  return chains;
}

function buildAttribution(event: BratEvent, roles: EventRoles, text: string, chains: ChainMention[][] | null): PolnearAttribution {
  const content = buildSpan(roles.content, text);
  const cue = roles.cue.length > 0 ? buildSpan(roles.cue, text) : null;
  const source = roles.source.length > 0 ? buildSpan(roles.source, text) : null;
  const chain = source && chains ? chainOfSource(source, chains) : null;
  if (source && chain) source.coref = corefMentions(chain, text);
  return { id: event.id, content, cue, source, noSourceMarked: event.trigger === 'Attribution-no-source' };
}

function countAttribution(a: PolnearAttribution, stats: ConversionStats): void {
  stats.attributions++;
  if (a.content.fragments.length > 1) stats.discontinuousContent++;
  if (a.source) stats.withSource++;
  if (a.cue) stats.withCue++;
  if (a.noSourceMarked) stats.noSourceMarked++;
  if (a.source?.coref) stats.corefLinked++;
}

/**
 * Builds the gold of one article: one attribution per event with content
 * (events without are counted and skipped), sorted by content start then end,
 * and checks every span against the text. Throws `FatalError('E005')` naming
 * the file and the annotation at fault.
 */
export function buildPolnearGold(input: ArticleInput): { gold: PolnearGold; stats: ConversionStats } {
  const stats = emptyStats();
  const offsets = new CodePointOffsets(input.rawText);
  const brat = parseBrat(input.annText, input.annFile);
  const spans = placeTextBounds(brat, offsets, input.annFile, stats);
  const chains = readChains(input, offsets, stats);
  const attributions: PolnearAttribution[] = [];
  for (const event of brat.events) {
    const roles = collectRoles(event, spans, input.annFile, stats);
    if (roles.content.length === 0) {
      stats.noContent++;
      continue;
    }
    const attribution = buildAttribution(event, roles, offsets.text, chains);
    countAttribution(attribution, stats);
    attributions.push(attribution);
  }
  attributions.sort((a, b) => a.content.start - b.content.start || a.content.end - b.content.end);
  const gold: PolnearGold = {
    docId: input.docId,
    format: POLNEAR_GOLD_FORMAT,
    split: input.split,
    annotator: input.annotator,
    annotators: input.annotators,
    attributions,
  };
  verifyGold(gold, offsets.text, input);
  return { gold, stats };
}

/** Whether a written piece is exactly `text.slice(start, end)`, with 0 <= start < end <= text.length. */
function matchesText(piece: TextPiece, text: string): boolean {
  const { start, end } = piece;
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    start < end &&
    end <= text.length &&
    text.slice(start, end) === piece.text
  );
}

/**
 * The last check before anything is written: every span of the gold equals
 * the text at its offsets. Content, cue and source come from the .ann, the
 * coreference from the CoreNLP file, so the message names the right one.
 */
export function verifyGold(gold: PolnearGold, text: string, files: Pick<ArticleInput, 'annFile' | 'xmlFile'>): void {
  const check = (piece: TextPiece, where: string, file: string | null): void => {
    if (matchesText(piece, text)) return;
    throw new FatalError(
      'E005',
      `${file ?? gold.docId}: ${where} [${piece.start}, ${piece.end}) "${piece.text.slice(0, 60)}" does not match the article text`,
    );
  };
  for (const a of gold.attributions) {
    for (const role of ['content', 'cue', 'source'] as const) {
      const span = a[role];
      if (!span) continue;
      check(span, `${a.id}.${role}`, files.annFile);
      span.fragments.forEach((f, i) => check(f, `${a.id}.${role}.fragments[${i}]`, files.annFile));
      span.coref?.forEach((m, i) => {
        check(m, `${a.id}.${role}.coref[${i}]`, files.xmlFile);
        check(m.head, `${a.id}.${role}.coref[${i}].head`, files.xmlFile);
      });
    }
  }
}
