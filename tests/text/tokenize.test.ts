import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/text/tokenize.js';
import { loadLexicons } from '../../src/resources/lexicons.js';

const { titles, acronyms } = loadLexicons().abbreviations.data;
const options = { abbreviations: new Set([...titles, ...acronyms]) };
const words = (text: string) => tokenize(text, options).map((t) => t.text);

describe('tokenize', () => {
  it('keeps offsets exact: every token is text.slice(start, end)', () => {
    const text = 'Kata’ib Hizballah’s drones hit Ain al-Asad on Oct. 19, 2023 [3].';
    for (const token of tokenize(text, options)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('reads a doubled apostrophe as one quotation mark (NYT-style text), and keeps a leading ayn', () => {
    expect(words("''It's a tax,'' he said.")).toEqual(["''", 'It', "'s", 'a', 'tax', ',', "''", 'he', 'said', '.']);
    expect(words("Abu 'Izra'il spoke.")).toContain("'Izra'il");
  });

  it('reads three apostrophes closing a quotation as the inner single mark, then the outer double one', () => {
    expect(words("''They chant, 'go home,''' he said.").slice(8, 11)).toEqual(["'", "''", 'he']);
  });

  it('splits a possessive ’s off the name it follows', () => {
    expect(words("Hezbollah’s fighters and Iran's envoy")).toEqual(['Hezbollah', '’s', 'fighters', 'and', 'Iran', "'s", 'envoy']);
  });

  it('keeps inner apostrophes and hyphens inside one word', () => {
    expect(words("Kata'ib Qa’ani al-Nujaba Iran-backed")).toEqual(["Kata'ib", 'Qa’ani', 'al-Nujaba', 'Iran-backed']);
  });

  it('keeps the period of abbreviations, initials and dotted acronyms', () => {
    expect(words('Brig. Gen. M. S. Qorbani told the U.S. envoy No. 2')).toEqual([
      'Brig.',
      'Gen.',
      'M.',
      'S.',
      'Qorbani',
      'told',
      'the',
      'U.S.',
      'envoy',
      'No.',
      '2',
    ]);
  });

  it('ends a sentence-final word before its period when it is no abbreviation', () => {
    expect(words('They left Baghdad.')).toEqual(['They', 'left', 'Baghdad', '.']);
  });

  it('reads a leading apostrophe as an ʿayn inside a transliterated name', () => {
    expect(words("Abu 'Izra'il said")).toEqual(['Abu', "'Izra'il", 'said']);
    expect(words("'hello' he said")).toEqual(["'", 'hello', "'", 'he', 'said']);
  });

  it('keeps numbers with separators together', () => {
    expect(words('2,000 troops at 14:18')).toEqual(['2,000', 'troops', 'at', '14:18']);
  });

  it('marks tokens joined to the next one', () => {
    const [name, possessive, next] = tokenize('Hamas’s men', options);
    expect(name!.joinedToNext).toBe(true);
    expect(possessive!.joinedToNext).toBe(false);
    expect(next!.text).toBe('men');
  });
});
