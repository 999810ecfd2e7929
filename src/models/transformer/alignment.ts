import type { Span } from '../../document/types.js';

/**
 * How a tokenizer marks word pieces. WordPiece (BERT) marks pieces that
 * continue a word ("##bollah"); byte-level BPE (RoBERTa, GPT-2) and
 * SentencePiece (XLM-R, DeBERTa-v3) mark pieces that start one ("Ġword",
 * "▁word"), and byte-level BPE also spells non-ASCII text as bytes.
 */
export interface PieceStyle {
  continuationPrefix: string | null;
  wordStartMarker: string | null;
  byteLevel: boolean;
}

export const WORDPIECE_STYLE: PieceStyle = { continuationPrefix: '##', wordStartMarker: null, byteLevel: false };

export interface AlignedPiece {
  /** Characters of the original text the piece stands for; null when it could not be placed (an [UNK] between unplaceable neighbours). */
  span: Span | null;
  /** True when the piece continues the word of the piece before it. */
  continuesWord: boolean;
}

/**
 * Places each sub-word token on the characters it came from. transformers.js
 * gives no reliable offsets, so the pieces' own strings are matched against
 * the text in order, after folding both the way BERT-style normalizers do
 * (lower case, accents stripped). A piece that cannot be matched ([UNK], a
 * byte fragment) gets the gap between its placed neighbours.
 */
export function alignPieces(text: string, pieces: readonly string[], style: PieceStyle): AlignedPiece[] {
  const folded = foldWithOffsets(text);
  const spans: Array<Span | null> = [];
  let cursor = 0;
  for (const piece of pieces) {
    const needle = fold(pieceText(piece, style));
    if (needle.length === 0) {
      spans.push(null);
      continue;
    }
    while (cursor < folded.chars.length && /\s/u.test(folded.chars[cursor]!)) cursor++;
    let at = folded.text.startsWith(needle, folded.offsetOfChar[cursor] ?? folded.text.length) ? cursor : -1;
    if (at < 0) at = searchAhead(folded, needle, cursor);
    if (at < 0) {
      spans.push(null);
      continue;
    }
    const endChar = at + [...needle].length;
    spans.push({ start: folded.source[at]!.start, end: folded.source[endChar - 1]!.end });
    cursor = endChar;
  }
  fillGaps(text, spans);
  return spans.map((span, i) => {
    const previous = i > 0 ? spans[i - 1] : null;
    const contiguous = span !== null && previous != null && previous.end === span.start;
    const piece = pieces[i]!;
    const marked =
      style.continuationPrefix !== null
        ? piece.startsWith(style.continuationPrefix)
        : style.wordStartMarker !== null
          ? !piece.startsWith(style.wordStartMarker)
          : true;
    return { span, continuesWord: contiguous && marked };
  });
}

/** How far past an unplaceable piece the next one is looked for: beyond a long [UNK] word, not into the next paragraph. */
const SEARCH_WINDOW = 64;

function searchAhead(folded: FoldedText, needle: string, cursor: number): number {
  const from = folded.offsetOfChar[cursor] ?? folded.text.length;
  // Only the next SEARCH_WINDOW characters are searched, so pieces that match nowhere cost no scan of the rest of the text.
  const to = (folded.offsetOfChar[cursor + SEARCH_WINDOW] ?? folded.text.length) + needle.length;
  const found = folded.text.slice(from, to).indexOf(needle);
  if (found < 0) return -1;
  return folded.charAtOffset.get(from + found) ?? -1;
}

/** An unplaced piece covers the text between its placed neighbours, whitespace trimmed, if that text is one word. */
function fillGaps(text: string, spans: Array<Span | null>): void {
  for (let i = 0; i < spans.length; i++) {
    if (spans[i] !== null) continue;
    let j = i;
    while (j < spans.length && spans[j] === null) j++;
    // Several unplaced pieces in a row (the bytes of one character, an [UNK] word) share one gap: the first takes it.
    {
      let start = i > 0 ? spans[i - 1]!.end : 0;
      let end = j < spans.length ? spans[j]!.start : text.length;
      while (start < end && /\s/u.test(text[start]!)) start++;
      while (end > start && /\s/u.test(text[end - 1]!)) end--;
      if (end > start && !/\s/u.test(text.slice(start, end))) spans[i] = { start, end };
    }
    i = j;
  }
}

function pieceText(piece: string, style: PieceStyle): string {
  let text = piece;
  if (style.continuationPrefix && text.startsWith(style.continuationPrefix)) text = text.slice(style.continuationPrefix.length);
  if (style.wordStartMarker && text.startsWith(style.wordStartMarker)) text = text.slice(style.wordStartMarker.length);
  return style.byteLevel ? fromByteLevel(text) : text;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

interface FoldedText {
  /** The folded text, one entry per folded character (code point). */
  chars: string[];
  text: string;
  /** For each folded character, the original characters it came from. */
  source: Span[];
  /** UTF-16 offset in `text` of each folded character, and back. */
  offsetOfChar: number[];
  charAtOffset: Map<number, number>;
}

function foldWithOffsets(text: string): FoldedText {
  const chars: string[] = [];
  const source: Span[] = [];
  let offset = 0;
  for (const original of text) {
    for (const char of fold(original)) {
      chars.push(char);
      source.push({ start: offset, end: offset + original.length });
    }
    offset += original.length;
  }
  const offsetOfChar: number[] = [];
  const charAtOffset = new Map<number, number>();
  let position = 0;
  chars.forEach((char, i) => {
    offsetOfChar.push(position);
    charAtOffset.set(position, i);
    position += char.length;
  });
  return { chars, text: chars.join(''), source, offsetOfChar, charAtOffset };
}

let byteDecoder: Map<string, number> | undefined;

/** Byte-level BPE spells each byte as a printable character (GPT-2's table); this undoes it. */
function fromByteLevel(piece: string): string {
  if (!byteDecoder) {
    byteDecoder = new Map();
    const printable = (b: number): boolean => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    let next = 0;
    for (let b = 0; b < 256; b++) byteDecoder.set(String.fromCodePoint(printable(b) ? b : 256 + next++), b);
  }
  const bytes: number[] = [];
  for (const char of piece) {
    const byte = byteDecoder.get(char);
    if (byte === undefined) return piece;
    bytes.push(byte);
  }
  // A piece that ends inside a multi-byte character decodes to U+FFFD and will not match: its neighbours place it.
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
}
