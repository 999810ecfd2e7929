/**
 * PolNeAR's BRAT offsets count code points (Python string indices) of the file
 * as read, BOM included; our gold counts UTF-16 units (JavaScript string
 * indices) of the text without its BOM (ANNOTATION.md "Offsets"). The two
 * agree on text without astral characters and without a BOM.
 */
export class CodePointOffsets {
  /** The text without its BOM: what gold offsets index. */
  readonly text: string;
  /** 1 when the file starts with a BOM, which BRAT counts and we do not. */
  readonly bom: number;
  /** UTF-16 index of every code point of the raw text (plus its end); null when they are all one unit. */
  private readonly utf16: number[] | null;
  private readonly raw: string;

  constructor(rawText: string) {
    this.raw = rawText;
    this.bom = rawText.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.text = rawText.slice(this.bom);
    this.utf16 = /[\uD800-\uDFFF]/.test(rawText) ? codePointStarts(rawText) : null;
  }

  /** Number of code points in the raw text. */
  get length(): number {
    return this.utf16 ? this.utf16.length - 1 : this.raw.length;
  }

  /** The raw text between two code-point offsets (what BRAT's T text must equal). */
  slice(start: number, end: number): string {
    if (!this.utf16) return this.raw.slice(start, end);
    const last = this.utf16.length - 1;
    return this.raw.slice(this.utf16[Math.min(start, last)], this.utf16[Math.min(end, last)]);
  }

  /** A code-point offset into the raw text as a UTF-16 offset into `text`; null when outside the text. */
  toUtf16(offset: number): number | null {
    if (offset > this.length) return null;
    const index = (this.utf16 ? this.utf16[offset]! : offset) - this.bom;
    return index < 0 ? null : index;
  }
}

function codePointStarts(text: string): number[] {
  const starts: number[] = [];
  let unit = 0;
  for (const char of text) {
    starts.push(unit);
    unit += char.length;
  }
  starts.push(unit);
  return starts;
}
