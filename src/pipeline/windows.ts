import { createDocument, type Document } from '../document/types.js';

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

/** The next paragraph break ("\n\n" or more) at or after `from`, as the offset after it; the text's end if none. */
function paragraphStartAfter(text: string, from: number): number {
  const match = /\n[ \t]*\n\s*/g;
  match.lastIndex = from;
  const found = match.exec(text);
  return found ? found.index + found[0].length : text.length;
}

/** The start of the paragraph holding `offset`. */
function paragraphStartBefore(text: string, offset: number): number {
  const found = text.lastIndexOf('\n\n', offset);
  return found === -1 ? 0 : found + 2;
}

export function windowsOf(text: string, settings: WindowSettings): Window[] {
  const windows: Window[] = [];
  let start = 0;
  while (start < text.length) {
    let end = paragraphStartAfter(text, start + settings.size);
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
function contextStartFor(text: string, start: number, overlap: number): number {
  if (start === 0) return 0;
  const target = Math.max(0, start - overlap);
  const paragraph = paragraphStartBefore(text, target);
  if (target - paragraph <= overlap) return paragraph;
  return text.lastIndexOf(' ', target - 1) + 1;
}

function cutWithin(text: string, at: number): number {
  const line = text.indexOf('\n', at);
  if (line !== -1 && line < at + 10_000) return line + 1;
  const space = text.indexOf(' ', at);
  return space === -1 ? text.length : space + 1;
}

/** The window's text as a document of its own, with the whole document's id, source and metadata. */
export function windowDocument(doc: Document, window: Window): Document {
  return createDocument({
    id: doc.id,
    text: doc.text.slice(window.contextStart, window.end),
    source: doc.source,
    metadata: { ...doc.metadata },
  });
}
