import type { Document, Span, Zone } from '../../document/types.js';
import { splitLines, type Line } from '../../text/lines.js';
import { parseDate } from '../../text/dates.js';
import { frontMatter, markdownHeadings } from '../../text/markdown.js';
import { splitSentences } from '../../text/sentences.js';
import { tokenize } from '../../text/tokenize.js';
import { layoutPatterns, type LayoutPatterns } from '../../resources/layout.js';
import { loadLexicons, type Lexicons } from '../../resources/lexicons.js';
import type { Stage } from '../stage.js';
import { isCreditLine } from '../../models/zones.js';
import { segmentation, type Segmentation } from './segment.js';

/** How far into a document the header (headline, byline, date) may reach. */
const HEADER_LINES = 12;
/** Lines that are page furniture, not prose: an embed's markup, a reporting credit, a transcript's stage direction. */
const MARKUP_LINE = /^\s*<([a-z][\w-]*)(?:\s[^>]*)?>.*<\/\1>\s*$|^\s*<[a-z][\w-]*(?:\s[^>]*)?\/?>\s*$/i;
const DATELINE =
  /^([\p{Lu}][\p{Lu}'’.\- ]{2,40}(?:,\s*[\p{Lu}][\p{L}.]*(?:\s[\p{Lu}][\p{L}.]*)?)?(?:,\s*[\p{Lu}][\p{L}]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([\p{L} .]+\))?)\s*(?:—|–|--|-)\s+/u;
const FOOTNOTE_LINE = /^\s*(?:\[\d{1,3}\]|\d{1,3}\.\s|\^\d{1,3})/;
/** A numbered line ("1. …") is a note only under a Notes heading or when it cites a link; otherwise it is a list of content. */
const MARKED_NOTE = /^\s*(?:\[\d{1,3}\]|\^\d{1,3})/;
const CITES_LINK = /https?:\/\/|www\.|\b[\w-]+\.(?:com|org|net|gov|me|int)\b|t\.me\//i;

/** What tells a headline from a sentence of prose. */
interface HeadlineRules {
  layout: LayoutPatterns;
  segmentation: Segmentation;
}

/**
 * Finds the parts of a document that are not running prose: headline, byline,
 * date line, dateline, share/print boilerplate (with embed markup, reporting
 * credits and transcript stage directions), a "Definitions:" section and
 * the trailing footnote list; in Markdown also the front matter and the
 * headings. Fills in metadata the reader did not already have.
 */
export class ZoneStage implements Stage {
  readonly name = 'zones';
  readonly requires = ['text'] as const;
  readonly assigns = ['zones', 'metadata'] as const;
  private readonly rules: HeadlineRules;

  constructor(lexicons: Lexicons = loadLexicons()) {
    this.rules = { layout: layoutPatterns(lexicons), segmentation: segmentation(lexicons) };
  }

  run(docs: readonly Document[]): void {
    for (const doc of docs) this.annotate(doc);
  }

  annotate(doc: Document): void {
    const allLines = splitLines(doc.text);
    const markdown = doc.source.format === 'md' ? markdownStructure(doc, allLines) : { zones: [], headings: [], bodyFrom: 0 };
    const lines = allLines.slice(markdown.bodyFrom);
    const layout = this.rules.layout;
    const zones: Zone[] = [...markdown.zones];
    const nonEmpty = lines.filter((l) => l.text.trim() !== '');
    const header = nonEmpty.slice(0, HEADER_LINES);

    const first = header[0];
    if (first && isHeadline(first, doc, this.rules)) {
      const headline = contentSpan(first);
      // A Setext headline's underline is part of it.
      const end = markdown.headings.find((h) => h.start === headline.start)?.end ?? headline.end;
      zones.push({ kind: 'headline', start: headline.start, end });
      if (doc.metadata.title === null) doc.metadata.title = cleanInline(first.text.replace(/^#+\s*/, ''));
    }
    zones.push(
      ...markdown.headings.filter((h) => !zones.some((z) => z.start === h.start)).map((h) => ({ kind: 'heading' as const, ...h })),
    );
    let bodyStarted = false;
    let datelineEnded = false;
    for (const line of header) {
      if (zones.some((z) => z.start === contentSpan(line).start)) continue;
      const byline = layout.byline.exec(line.text);
      if (byline && line.text.length <= 140 && !bodyStarted) {
        zones.push({ kind: 'byline', ...contentSpan(line) });
        if (doc.metadata.author === null) doc.metadata.author = cleanInline(byline[1]!).replace(/[.,;]+$/, '');
        continue;
      }
      const date = parseDate(line.text);
      if (date && !bodyStarted && (layout.dateLabel.test(line.text) || date.coverage > 0.6)) {
        doc.metadata.date ??= date.iso;
        // "Published 12 March 2024 The ministry said …": a date label opening the lead paragraph zones only itself.
        const leadFollows = date.coverage <= 0.6 && line.text.slice(date.end).trim().split(/\s+/).length > 6;
        zones.push({ kind: 'date', start: contentSpan(line).start, end: leadFollows ? line.start + date.end : contentSpan(line).end });
        if (!leadFollows) continue;
      }
      if (layout.boilerplate.test(line.text)) {
        zones.push({ kind: 'boilerplate', ...contentSpan(line) });
        continue;
      }
      const dateline = DATELINE.exec(line.text);
      if (dateline && !datelineEnded) {
        const start = contentSpan(line).start;
        zones.push({ kind: 'dateline', start, end: line.start + dateline[0].trimEnd().length });
        doc.metadata.date ??= parseDate(dateline[1]!)?.iso ?? null;
      }
      const long = line.text.trim().split(/\s+/).length > 12;
      if (long) bodyStarted = true;
      // A dateline opens the first paragraph after the title, and a title may read like prose (a long headline
      // ending in a period): only a long line after the first ends the place for one.
      if (long && line !== first) datelineEnded = true;
    }
    for (const line of lines) {
      if (isFurniture(line.text, layout) && line.text.trim() && !zones.some((z) => z.start === contentSpan(line).start)) {
        zones.push({ kind: 'boilerplate', ...contentSpan(line) });
      }
    }
    zones.push(...definitionSections(lines, layout), ...footnoteList(lines, layout));
    doc.zones = zones.sort((a, b) => a.start - b.start);
  }
}

function isFurniture(text: string, layout: LayoutPatterns): boolean {
  return layout.boilerplate.test(text) || MARKUP_LINE.test(text) || isCreditLine(text) || layout.stageDirection.test(text);
}

function contentSpan(line: Line): { start: number; end: number } {
  const lead = line.text.length - line.text.trimStart().length;
  return { start: line.start + lead, end: line.start + line.text.trimEnd().length };
}

function cleanInline(text: string): string {
  return text
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isHeadline(line: Line, doc: Document, { layout, segmentation }: HeadlineRules): boolean {
  const text = line.text.trim();
  if (doc.source.format === 'md' && /^#\s/.test(text)) return true;
  if (text.length > 200 || text.split(/\s+/).length > 30) return false;
  if (layout.byline.test(text) || layout.boilerplate.test(text) || DATELINE.test(text)) return false;
  // Where sentences end is the segmenter's call, which knows that the period of "U.S." or "Gen." ends none.
  const tokens = tokenize(text, segmentation.tokenizer);
  const last = tokens.findLast((t) => !/^["”’']$/.test(t.text));
  if (last && /^[.:;,]$/.test(last.text)) return false;
  if (splitSentences(text, tokens, segmentation.rules).length > 1) return false;
  return /\p{Lu}/u.test(text[0] ?? '') || /^#/.test(text) || /^["“‘']/.test(text);
}

/**
 * A Markdown file's front matter (zoned, and its title, date and author taken
 * as metadata) and headings; `bodyFrom` is the first line after the front matter.
 */
function markdownStructure(doc: Document, lines: readonly Line[]): { zones: Zone[]; headings: Span[]; bodyFrom: number } {
  const front = frontMatter(lines);
  const bodyFrom = front ? lines.findIndex((l) => l.start > front.end) : 0;
  const headings = markdownHeadings(lines, bodyFrom === -1 ? lines.length : bodyFrom).map((h) => trimmedSpan(doc.text, h));
  if (!front) return { zones: [], headings, bodyFrom };
  const { title, date, author } = front.fields;
  if (doc.metadata.title === null && title) doc.metadata.title = cleanInline(title);
  if (doc.metadata.date === null && date) doc.metadata.date = parseDate(date)?.iso ?? null;
  if (doc.metadata.author === null && author) doc.metadata.author = cleanInline(author);
  return {
    zones: [{ kind: 'frontmatter', start: front.start, end: front.end }],
    headings,
    bodyFrom: bodyFrom === -1 ? lines.length : bodyFrom,
  };
}

function trimmedSpan(text: string, span: Span): Span {
  const content = text.slice(span.start, span.end);
  return { start: span.start + content.length - content.trimStart().length, end: span.start + content.trimEnd().length };
}

/** A "Definitions:" heading and the lines after it, up to the first blank line after some definitions. */
function definitionSections(lines: Line[], layout: LayoutPatterns): Zone[] {
  const zones: Zone[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!layout.definitionsHeading.test(lines[i]!.text)) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.text.trim() === '') j++;
    let last = i;
    while (j < lines.length && lines[j]!.text.trim() !== '' && lines[j]!.text.length < 300) last = j++;
    if (last > i) zones.push({ kind: 'definitions', start: contentSpan(lines[i]!).start, end: contentSpan(lines[last]!).end });
    i = last;
  }
  return zones;
}

/** The trailing run of footnote lines ("[1] Telegram/…"), with a "Notes" heading before it if any. */
function footnoteList(lines: Line[], layout: LayoutPatterns): Zone[] {
  let firstNote = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = lines[i]!.text;
    if (text.trim() === '') continue;
    if (FOOTNOTE_LINE.test(text)) firstNote = i;
    else break;
  }
  if (firstNote === -1) return [];
  let start = firstNote;
  for (let i = firstNote - 1; i >= 0; i--) {
    if (lines[i]!.text.trim() === '') continue;
    if (layout.notesHeading.test(lines[i]!.text)) start = i;
    break;
  }
  const notes = lines.slice(firstNote).filter((l) => l.text.trim() !== '');
  if (start === firstNote && !notes.some((l) => MARKED_NOTE.test(l.text) || CITES_LINK.test(l.text))) return [];
  const last = [...lines].reverse().find((l) => l.text.trim() !== '')!;
  return [{ kind: 'footnotes', start: contentSpan(lines[start]!).start, end: contentSpan(last).end }];
}
