import { describe, expect, it } from 'vitest';
import { packedBytes } from '../../src/document/packed-text.js';
import { Utf8Text } from '../../src/document/utf8-text.js';

const fromString = (text: string) => new Utf8Text(packedBytes(new TextEncoder().encode(text)));

describe('Utf8Text', () => {
  it('gives every slice the decoded string would, surrogate pairs cut in two included', () => {
    // One-, two-, three- and four-byte characters, with pairs on both sides of the 64-unit marks.
    const text = 'Tomas “Veller” é 😀'.repeat(9) + '😀'.repeat(70) + 'end';
    const bytes = fromString(text);
    expect(bytes.length).toBe(text.length);
    for (let start = 0; start <= text.length; start += 3) {
      for (const end of [start, start + 1, start + 2, start + 63, start + 64, start + 65, start + 200, text.length]) {
        expect(bytes.slice(start, end)).toBe(text.slice(start, end));
      }
    }
  });

  it('takes the arguments a string slice takes: none, negative, past the end, reversed', () => {
    const text = 'A 😀 and B';
    const bytes = fromString(text);
    expect(bytes.slice()).toBe(text);
    expect(bytes.slice(-3)).toBe(text.slice(-3));
    expect(bytes.slice(2, -2)).toBe(text.slice(2, -2));
    expect(bytes.slice(5, 500)).toBe(text.slice(5, 500));
    expect(bytes.slice(6, 2)).toBe('');
    expect(fromString('').slice(0, 4)).toBe('');
  });

  it('keeps a byte order mark and every other character as content', () => {
    const text = '\uFEFFstart\u2028line';
    expect(fromString(text).slice(0, 3)).toBe(text.slice(0, 3));
  });
});
