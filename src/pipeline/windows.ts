import { createDocument, type Document } from '../document/types.js';
import type { TextSlices } from '../document/utf8-text.js';

/**
 * Long documents (reports, transcripts, books) go through the pipeline in
 * windows, so that time and memory stay proportional to the window and not
 * to the document. A window is cut at a paragraph break and starts with some
 * paragraphs of the one before it as context (pronouns, quotations running on
 * and surnames resolve against them); each window keeps only what lies in its
 * own part, and the parts are merged into one document: entities by
 * knowledge-base id, else by type and name.
 */

export interface WindowSettings {
  /** Documents longer than this (in characters) are processed in windows of about this size. */
  size: number;
  /** Characters of the preceding text each window reads as context (rounded out to a paragraph start). */
  overlap: number;
}

export const DEFAULT_WINDOWS: WindowSettings = { size: 100_000, overlap: 4_000 };

/** A window: the text it reads [contextStart, end), of which it keeps what starts in [start, end). */
export interface Window {
  contextStart: number;
  start: number;
  end: number;
}

/**
 * The next paragraph break ("\n\n" or more) at or after `from` that ends
 * before `limit`, as the offset after it; `limit` when there is none before
 * it, the text's end when the text ends first. Only a break that ends within
 * two window sizes of the window's start is a cut, so nothing past that is read.
 */
function paragraphStartAfter(text: TextSlices, from: number, limit: number): number {
  const stop = Math.min(text.length, limit);
  const found = /\n[ \t]*\n\s*/.exec(text.slice(from, stop));
  if (found) return from + found.index + found[0].length;
  return stop;
}

/**
 * The start of the paragraph holding `offset`, if it starts at most `reach`
 * before it; null if it starts further back.
 */
function paragraphStartWithin(text: TextSlices, offset: number, reach: number): number | null {
  const from = Math.max(0, offset - reach - 2);
  const found = text.slice(from, offset + 2).lastIndexOf('\n\n', offset - from);
  if (found !== -1) return from + found + 2;
  // No break so near: the text's start is the paragraph start when it is itself near enough.
  return offset <= reach ? 0 : null;
}

/** How much a search for one character reads at a time. */
const SEARCH_CHUNK = 1 << 16;

/** The first `char` at or after `from`, or -1. */
function indexOfFrom(text: TextSlices, char: string, from: number): number {
  for (let at = from; at < text.length; at += SEARCH_CHUNK) {
    const found = text.slice(at, at + SEARCH_CHUNK).indexOf(char);
    if (found !== -1) return at + found;
  }
  return -1;
}

/** The last `char` before `before`, or -1. */
function lastIndexBefore(text: TextSlices, char: string, before: number): number {
  for (let at = before; at > 0; at -= SEARCH_CHUNK) {
    const from = Math.max(0, at - SEARCH_CHUNK);
    const found = text.slice(from, at).lastIndexOf(char);
    if (found !== -1) return from + found;
  }
  return -1;
}

/** The windows of `text`, a string or a long text still in bytes; each step reads only about two window sizes of it. */
export function windowsOf(text: TextSlices, settings: WindowSettings): Window[] {
  const windows: Window[] = [];
  let start = 0;
  while (start < text.length) {
    const limit = start + 2 * settings.size + 1;
    let end = paragraphStartAfter(text, start + settings.size, limit);
    // A text with no paragraph break for a whole window is cut at a line break, else anywhere after a space.
    if (end - start > 2 * settings.size) end = cutWithin(text, start + settings.size);
    windows.push({ contextStart: contextStartFor(text, start, settings.overlap), start, end });
    start = end;
  }
  return windows;
}

/**
 * Where a window starting at `start` begins reading: the start of the
 * paragraph holding the point `overlap` back, or, when that paragraph is
 * itself long, the word there.
 */
function contextStartFor(text: TextSlices, start: number, overlap: number): number {
  if (start === 0) return 0;
  const target = Math.max(0, start - overlap);
  return paragraphStartWithin(text, target, overlap) ?? lastIndexBefore(text, ' ', target) + 1;
}

function cutWithin(text: TextSlices, at: number): number {
  const line = text.slice(at, at + 10_000).indexOf('\n');
  if (line !== -1) return at + line + 1;
  const space = indexOfFrom(text, ' ', at);
  return space === -1 ? text.length : space + 1;
}

/** The window's text as a document of its own, with the whole document's id, source and metadata. */
export function windowDocument(doc: Document, text: TextSlices, window: Window): Document {
  return createDocument({
    id: doc.id,
    text: text.slice(window.contextStart, window.end),
    source: doc.source,
    metadata: { ...doc.metadata },
  });
}
