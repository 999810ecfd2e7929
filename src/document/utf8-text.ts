import type { PackedText } from './packed-text.js';

/**
 * What the windowed processing of a long text reads from it: its length and
 * slices, both in UTF-16 code units. A string is one; so is a Utf8Text.
 */
export interface TextSlices {
  readonly length: number;
  slice(start?: number, end?: number): string;
}

/** Code units between two recorded positions: a slice walks at most this far through the bytes to find its ends. */
const STEP = 64;

/**
 * A long text kept as its UTF-8 bytes and decoded a slice at a time. A
 * string with one curly quote in it is stored with two bytes a character:
 * a 50 MB book would be 100 MB of heap in the worker for the whole run,
 * where its bytes are 50 MB outside the heap. Each STEP-th code unit's place
 * in the bytes is recorded, so a slice costs its own length plus at most
 * STEP code units, and gives exactly what the decoded string's slice would
 * (a surrogate pair cut in two included).
 */
export class Utf8Text implements TextSlices {
  readonly length: number;
  private readonly bytes: Uint8Array;
  /** For every k, the byte offset and first code unit of the character holding code unit k·STEP. */
  private readonly byteAt: Int32Array;
  private readonly unitAt: Int32Array;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(packed: PackedText) {
    this.bytes = packed.utf8;
    this.length = packed.chars;
    const marks = Math.floor(this.length / STEP) + 1;
    this.byteAt = new Int32Array(marks);
    this.unitAt = new Int32Array(marks);
    let unit = 0;
    let next = 0;
    for (let b = 0; b < this.bytes.length; b++) {
      const byte = this.bytes[b]!;
      if ((byte & 0xc0) === 0x80) continue;
      const width = byte >= 0xf0 ? 2 : 1;
      // The character covers units [unit, unit + width): every mark in it points here.
      while (next < marks && next * STEP < unit + width) {
        this.byteAt[next] = b;
        this.unitAt[next++] = unit;
      }
      unit += width;
    }
    for (; next < marks; next++) {
      this.byteAt[next] = this.bytes.length;
      this.unitAt[next] = this.length;
    }
  }

  slice(start = 0, end = this.length): string {
    const from = clamp(start < 0 ? this.length + start : start, this.length);
    const to = clamp(end < 0 ? this.length + end : end, this.length);
    if (to <= from) return '';
    const [fromByte, fromUnit] = this.locate(from);
    const [toByte, toUnit] = this.locate(to);
    // A cut inside a surrogate pair: decode the whole character, then keep only the half the slice holds.
    const endByte = toUnit < to ? this.characterEnd(toByte) : toByte;
    const decoded = this.decoder.decode(this.bytes.subarray(fromByte, endByte));
    return decoded.slice(from - fromUnit, decoded.length - (toUnit < to ? toUnit + 2 - to : 0));
  }

  /** The byte offset and first code unit of the character holding code unit `unit` (the text's end for its length). */
  private locate(unit: number): [number, number] {
    const mark = Math.floor(unit / STEP);
    let byte = this.byteAt[mark]!;
    let at = this.unitAt[mark]!;
    while (at < unit && byte < this.bytes.length) {
      const width = this.bytes[byte]! >= 0xf0 ? 2 : 1;
      if (at + width > unit) break;
      at += width;
      byte = this.characterEnd(byte);
    }
    return [byte, at];
  }

  private characterEnd(byte: number): number {
    let end = byte + 1;
    while (end < this.bytes.length && (this.bytes[end]! & 0xc0) === 0x80) end++;
    return end;
  }
}

function clamp(value: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(value) || 0));
}
