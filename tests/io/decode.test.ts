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

  it('rejects empty and whitespace-only documents', () => {
    expect(() => assertNotEmpty('')).toThrow(/E101 empty document: no content/);
    expect(() => assertNotEmpty(' \n\t')).toThrow(/only whitespace/);
    expect(() => assertNotEmpty('x')).not.toThrow();
  });
});
