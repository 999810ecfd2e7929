import type { Token } from '../document/types.js';

export interface TokenizerOptions {
  /** Words that keep their trailing period ("Gen.", "Oct.", "No."). */
  abbreviations: ReadonlySet<string>;
}

const LETTER = String.raw`\p{L}\p{M}\p{N}ʿʾ`;
/**
 * One alternation, tried left to right at each position:
 * dotted acronyms (U.S., a.m.), numbers with separators (2,000 / 14:18 / 3.5),
 * words with inner apostrophes or hyphens (Kata'ib, al-Nujaba, Iran-backed),
 * ellipses, a doubled apostrophe (the quotation mark of NYT-style text:
 * ''…''), and any other single non-space character. Three apostrophes that
 * close a quotation are the inner single mark, then the outer double one
 * (''They say, 'go home,''' he said).
 */
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(?:\p{L}\.){2,}`,
    String.raw`\p{N}+(?:[.,:]\p{N}+)*(?:\p{L}+)?`,
    String.raw`[${LETTER}]+(?:['’\-‐][${LETTER}]+)*`,
    String.raw`\.\.\.|…`,
    String.raw`'(?=''(?![${LETTER}]))`,
    "''",
    String.raw`\S`,
  ].join('|'),
  'gu',
);

const POSSESSIVE = /^(.+?)(['’][sS])$/u;
const LEADING_AYN = /^['’‘][\p{Lu}]/u;

/**
 * Splits text into tokens with exact offsets. A possessive ’s is its own
 * token, so "Hezbollah’s" yields the name "Hezbollah" (ANNOTATION.md).
 */
export function tokenize(text: string, options: TokenizerOptions, base = 0): Token[] {
  const tokens: Token[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN_PATTERN.exec(text)) !== null) {
    let start = match.index;
    let end = start + match[0].length;
    let value = match[0];

    // A transliterated ʿayn written as a leading apostrophe: Abu 'Izra'il.
    if ((value === "'" || value === '’' || value === '‘') && LEADING_AYN.test(text.slice(start, start + 2))) {
      const rest = /^[\p{L}\p{M}ʿʾ]+(?:['’-][\p{L}\p{M}ʿʾ]+)+/u.exec(text.slice(start + 1));
      if (rest) {
        end = start + 1 + rest[0].length;
        value = text.slice(start, end);
        TOKEN_PATTERN.lastIndex = end;
      }
    }

    if (/\p{L}/u.test(value[0] ?? '') && text[end] === '.') {
      const withPeriod = value + '.';
      if (options.abbreviations.has(withPeriod) || /^\p{Lu}$/u.test(value)) {
        value = withPeriod;
        end += 1;
        TOKEN_PATTERN.lastIndex = end;
      }
    }

    const possessive = POSSESSIVE.exec(value);
    if (possessive && /\p{L}/u.test(possessive[1]!)) {
      const split = start + possessive[1]!.length;
      tokens.push({ start: base + start, end: base + split, text: possessive[1]!, joinedToNext: true });
      start = split;
      value = possessive[2]!;
    }
    tokens.push({ start: base + start, end: base + end, text: value, joinedToNext: false });
  }
  for (let i = 0; i < tokens.length - 1; i++) tokens[i]!.joinedToNext = tokens[i]!.end === tokens[i + 1]!.start;
  return tokens;
}
