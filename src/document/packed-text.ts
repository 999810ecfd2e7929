import type { Document } from './types.js';

/**
 * A document whose text is still UTF-8 bytes: a long text crossing into a
 * worker thread (pipeline/wire.ts), or a long file read that way (io/sources.ts),
 * so that the thread that lists documents never holds it as a string.
 */

export interface PackedText {
  utf8: Uint8Array;
  /** The text's length in UTF-16 code units, as its offsets count. */
  chars: number;
}

/** Files of at least this many bytes that are valid UTF-8 are read as bytes, not decoded (io/sources.ts). */
export const PACK_FROM_BYTES = 1 << 20;

/** A document that may carry its text as bytes (`text` is then empty: unpackText decodes it, or a long one is read through a Utf8Text). */
export type WireDocument = Document & { packed?: PackedText };

/**
 * A text that is still the bytes of its file (valid UTF-8, without the BOM):
 * a long file is read into a document this way (sources.ts), so that the
 * main thread never decodes it, only counts the UTF-16 code units it will be.
 */
export function packedBytes(utf8: Uint8Array): PackedText {
  let chars = 0;
  for (let i = 0; i < utf8.length; i++) {
    const byte = utf8[i]!;
    // Every byte that starts a character is one code unit; a four-byte character is two (a surrogate pair).
    if ((byte & 0xc0) !== 0x80) chars += byte >= 0xf0 ? 2 : 1;
  }
  return { utf8, chars };
}

/** The document with its text back, where it is processed: a worker, or this thread with --workers 0 (a text longer than a window stays bytes, see processor.ts). */
export function unpackText(doc: WireDocument): Document {
  if (!doc.packed) return doc;
  const { packed, ...rest } = doc;
  // ignoreBOM: a U+FEFF at the text's start is content by now (the file's own BOM was removed when it was read).
  return { ...rest, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(packed.utf8) };
}

/** The text's length in UTF-16 code units, packed or not. */
export function textLength(doc: WireDocument): number {
  return doc.packed?.chars ?? doc.text.length;
}
