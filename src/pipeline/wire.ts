import type { PackedText, WireDocument } from '../document/packed-text.js';

export { textLength, unpackText, type WireDocument } from '../document/packed-text.js';

/**
 * How documents cross into a worker thread. A long text goes as UTF-8 bytes
 * instead of a string: a string with one curly quote in it is stored with
 * two bytes a character, so a 50 MB book would be 100 MB in the main thread
 * and another 100 MB cloned into the worker. The main thread gives the text
 * up (the document it loaded keeps an empty one) and the bytes are moved,
 * not copied, into the worker, so they can cross only once.
 */

/** Texts of at least this many characters cross as bytes; shorter ones are not worth the encoding. */
export const PACK_FROM_CHARS = 1 << 20;

/**
 * The document as it crosses: a long text packed, and taken out of `doc`.
 * A text with a lone surrogate (possible from a `.jsonl` escape) stays a
 * string, since UTF-8 cannot carry it unchanged.
 */
export function packText(doc: WireDocument, fromChars = PACK_FROM_CHARS): WireDocument {
  if (doc.packed || doc.text.length < fromChars || !isWellFormed(doc.text)) return doc;
  // TextEncoder gives the bytes an ArrayBuffer of their own: a small Buffer shares Node's pool, which cannot be moved.
  const packed: PackedText = { utf8: new TextEncoder().encode(doc.text), chars: doc.text.length };
  doc.text = '';
  return { ...doc, packed };
}

/** The buffers to move rather than copy when `docs` cross into a worker. */
export function transferables(docs: readonly WireDocument[]): ArrayBuffer[] {
  return docs.flatMap((doc) => (doc.packed ? [doc.packed.utf8.buffer as ArrayBuffer] : []));
}

/** A packed text that has already crossed: its bytes now belong to a worker (that may have died with them). */
export function hasCrossed(doc: WireDocument): boolean {
  return doc.packed !== undefined && doc.packed.utf8.byteLength === 0 && doc.packed.chars > 0;
}

/** String.prototype.isWellFormed (Node 20), which TypeScript's ES2023 library does not declare. */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}
