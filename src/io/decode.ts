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
 * warning; binary content (see `assertNotBinary`) is an error for this document.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  assertNotBinary(bytes);
  return decodeUtf8(bytes);
}

/** UTF-8 to text with a leading BOM removed; invalid sequences become U+FFFD and a W201 warning says how many. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
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

/** Bytes per block of the control-character test: small enough that a binary part inside a long text stands out. */
const BLOCK = 4096;
/** Share of a block's bytes that may be control characters in a text; office and image formats have far more. */
const MAX_CONTROL_SHARE = 0.1;
/** Fewer control bytes than this in a block are never taken for binary: a short text may hold a stray one or two. */
const MIN_CONTROL_BYTES = 8;

/**
 * Throws E102 for content that is not text, looking at every byte once: a
 * NUL byte anywhere, or a block with a high share of C0 control bytes
 * other than tab, line feed, vertical tab, form feed, carriage return and
 * escape. A whole-file share would let a binary tail hide behind a long text.
 */
export function assertNotBinary(bytes: Uint8Array): void {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new DocumentError('E102', `contains NUL bytes (the first at byte ${nul}); not a text document`);
  for (let start = 0; start < bytes.length; start += BLOCK) {
    const end = Math.min(bytes.length, start + BLOCK);
    let controls = 0;
    for (let i = start; i < end; i++) if (isControlByte(bytes[i]!)) controls++;
    if (controls >= MIN_CONTROL_BYTES && controls > (end - start) * MAX_CONTROL_SHARE) {
      throw new DocumentError('E102', `${controls} control bytes in bytes ${start}–${end - 1}; not a text document`);
    }
  }
}

function isControlByte(byte: number): boolean {
  return (byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) || byte === 0x7f;
}

/** Whitespace and the invisible format characters (zero-width space and joiners, word joiner, soft hyphen, BOM, bidi marks). */
const BLANK = /^[\s\p{Cf}]*$/u;

/** Throws E101 for a text with nothing a reader could see: empty, or only whitespace and invisible characters. */
export function assertNotEmpty(text: string): void {
  if (text.length === 0) throw new DocumentError('E101', 'no content');
  if (BLANK.test(text)) {
    const detail = text.trim() === '' ? 'only whitespace' : 'only whitespace and invisible characters (zero-width, format)';
    throw new DocumentError('E101', detail);
  }
}
