import { describe, expect, it } from 'vitest';
import { assertNotEmpty, decodeText } from '../../src/io/decode.js';
import { DocumentError } from '../../src/errors.js';

describe('decodeText', () => {
  it('removes a leading BOM and changes nothing else', () => {
    const text = 'Line one\r\n“Quoted”  double  spaces\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeText(bytes)).toEqual({ text, warnings: [] });
  });

  it('replaces invalid UTF-8 with U+FFFD and warns instead of failing', () => {
    const result = decodeText(Buffer.from([0x48, 0x69, 0xff, 0xfe, 0x21]));
    expect(result.text).toBe('Hi\uFFFD\uFFFD!');
    expect(result.warnings).toEqual([{ code: 'W201', message: expect.stringContaining('2 invalid byte sequence(s)') }]);
  });

  it('rejects binary content', () => {
    expect(() => decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(DocumentError);
    expect(() => decodeText(Buffer.from([0x50, 0x00]))).toThrow(/E102/);
  });

  it('finds a NUL byte anywhere in the file, not only in its first 8 KiB', () => {
    const text = Buffer.from('A plain line of text.\n'.repeat(2000));
    const nulLate = Buffer.concat([text, Buffer.from([0x00]), text]);
    expect(() => decodeText(nulLate)).toThrow(/E102 binary file: contains NUL bytes \(the first at byte 44000\)/);
  });

  it('takes a block dense with control bytes for binary wherever it is, but not a stray control byte', () => {
    const text = Buffer.from('A plain line of text.\n'.repeat(2000));
    const controls = Buffer.from(Array.from({ length: 4096 }, (_, i) => [0x01, 0x41, 0x02, 0x42, 0x7f][i % 5]!));
    expect(() => decodeText(Buffer.concat([text, controls]))).toThrow(/E102 binary file: \d+ control bytes in bytes/);
    const strays = Buffer.concat([text, Buffer.from('page\fbreak, bell\u0007, escape \u001b[1m'), text]);
    expect(decodeText(strays).warnings).toEqual([]);
  });

  it('rejects text of only no-break spaces and zero-width characters as empty', () => {
    expect(() => assertNotEmpty('\u00a0\u200b\u00a0\u200d\n\u2060\ufeff\u200c')).toThrow(
      /E101 empty document: only whitespace and invisible/,
    );
    expect(() => assertNotEmpty('\u00a0 \u00a0')).toThrow(/E101 empty document: only whitespace$/);
    expect(() => assertNotEmpty('\u200bx\u200b')).not.toThrow();
  });

  it('rejects empty and whitespace-only documents', () => {
    expect(() => assertNotEmpty('')).toThrow(/E101 empty document: no content/);
    expect(() => assertNotEmpty(' \n\t')).toThrow(/only whitespace/);
    expect(() => assertNotEmpty('x')).not.toThrow();
  });
});
