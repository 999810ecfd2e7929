import type { DocumentWarning } from '../document/types.js';
import { DocumentError, MESSAGES } from '../errors.js';

const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export interface DecodedText {
  text: string;
  warnings: DocumentWarning[];
}

/**
 * Bytes to text as ANNOTATION.md defines offsets: UTF-8, a leading BOM
 * removed, nothing else changed. Invalid sequences become U+FFFD with a
 * warning; NUL bytes mean a binary file, which is an error for this document.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) throw new DocumentError('E102', 'contains NUL bytes; not a text document');
  try {
    return { text: STRICT.decode(bytes), warnings: [] };
  } catch {
    const text = LENIENT.decode(bytes);
    const replaced = [...text.matchAll(/\uFFFD/g)].length;
    return {
      text,
      warnings: [{ code: 'W201', message: `${MESSAGES.W201}: ${replaced} invalid byte sequence(s) replaced by U+FFFD` }],
    };
  }
}

export function assertNotEmpty(text: string): void {
  if (text.trim() === '') throw new DocumentError('E101', text.length === 0 ? 'no content' : 'only whitespace');
}
