import { describe, expect, it } from 'vitest';
import type { Sentence, Token } from '../../src/document/types.js';
import { isNameWord, isTitleCase, nameChunks } from '../../src/text/chunks.js';
import { isTitleCaseHeading } from '../../src/models/zones.js';
import { makeDocument, segmented } from '../helpers/documents.js';

const CONNECTORS = new Set(['of', 'the', 'al', 'bin']);

/** A bare token: only its text matters to isNameWord. */
const token = (text: string): Token => ({ start: 0, end: text.length, text, joinedToNext: false });

/** The name chunks of every sentence of `text`, as the words they cover. */
function chunks(text: string, connectors: ReadonlySet<string> = CONNECTORS): string[][] {
  const doc = segmented(text);
  return doc.sentences.map((sentence) =>
    nameChunks(doc.text, doc.tokens, sentence, connectors).map((c) =>
      doc.text.slice(doc.tokens[c.first]!.start, doc.tokens[c.last - 1]!.end),
    ),
  );
}

describe('isNameWord', () => {
  it('takes capitalised and all-caps words, article-prefixed names and abbreviated titles', () => {
    expect(['Oruba', 'Kelvane', 'al-Marenko', 'el-Suwadi', 'ASKARI', 'Dr.'].map((w) => isNameWord(token(w)))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('refuses lower-case words, punctuation and hyphenated modifiers', () => {
    expect(['water', 'of', ',', '—', 'Orsk-backed', 'Kelvane-led'].map((w) => isNameWord(token(w)))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('nameChunks', () => {
  it('joins capitalised runs across connectors, but never starts or ends on one', () => {
    expect(chunks('Oruba Tesfanet of the Kelvane Water Authority met Dr. Idris al-Marenko in Port Halvey.')).toEqual([
      ['Oruba Tesfanet of the Kelvane Water Authority', 'Dr. Idris al-Marenko', 'Port Halvey'],
    ]);
    // "of the" after the last name word is not part of the chunk.
    expect(chunks('The talks in Port Halvey of the north ended.')).toEqual([['The', 'Port Halvey']]);
  });

  it('only joins across the connectors it is given', () => {
    expect(chunks('Oruba Tesfanet of the Kelvane Water Authority spoke.', new Set())).toEqual([
      ['Oruba Tesfanet', 'Kelvane Water Authority'],
    ]);
  });

  it('keeps "&" inside a name but never opens a chunk with it', () => {
    expect(chunks('The deal went to Tana & Brill Partners on Monday.')).toEqual([['The', 'Tana & Brill Partners', 'Monday']]);
  });

  it('stops at punctuation and at hyphenated modifiers', () => {
    expect(chunks('Orsk-backed crews, said Sefu Daranel, Kelvane Water Authority engineers agreed.')).toEqual([
      ['Sefu Daranel', 'Kelvane Water Authority'],
    ]);
  });

  it('never crosses a line break, even inside one sentence', () => {
    const doc = segmented('Mayor Sefu\nDaranel spoke.');
    // One sentence over the whole text, so only the line break can split the name.
    const whole: Sentence = { index: 0, start: 0, end: doc.text.length, tokenStart: 0, tokenEnd: doc.tokens.length, paragraph: 0 };
    const found = nameChunks(doc.text, doc.tokens, whole, CONNECTORS).map((c) =>
      doc.tokens
        .slice(c.first, c.last)
        .map((t) => t.text)
        .join(' '),
    );
    expect(found).toEqual(['Mayor Sefu', 'Daranel']);
  });

  it('gives token ranges of the sentence it is asked about, end exclusive', () => {
    const doc = segmented('Rain fell. Then Oruba Tesfanet left.');
    expect(doc.sentences).toHaveLength(2);
    // Tokens: Rain fell . | Then Oruba Tesfanet left .
    expect(nameChunks(doc.text, doc.tokens, doc.sentences[1]!, CONNECTORS)).toEqual([{ first: 3, last: 6 }]);
  });
});

describe('isTitleCase', () => {
  const sentenceOf = (text: string) => {
    const doc = segmented(text);
    return { doc, sentence: doc.sentences[0]! };
  };

  it('is true for a headline whose longer words are capitalised', () => {
    const { doc, sentence } = sentenceOf('Kelvane Water Authority Delays Northern Pipeline Again');
    expect(isTitleCase(doc.tokens, sentence)).toBe(true);
  });

  it('is false for prose, a capitalised line ending in a full stop, or a short line', () => {
    const prose = sentenceOf('The Kelvane Water Authority delayed the northern pipeline again');
    expect(isTitleCase(prose.doc.tokens, prose.sentence)).toBe(false);
    const stopped = sentenceOf('Kelvane Water Authority Delays Northern Pipeline Again.');
    expect(isTitleCase(stopped.doc.tokens, stopped.sentence)).toBe(false);
    // Only three words longer than three letters.
    const short = sentenceOf('Oruba Tesfanet Speaks Up');
    expect(isTitleCase(short.doc.tokens, short.sentence)).toBe(false);
  });

  it('a heading only outside a byline, where every word is a name (models/zones isTitleCaseHeading)', () => {
    const text = 'Reporting Oruba Tesfanet Kelvane Bureau Staff';
    const doc = makeDocument(text);
    const plain = segmented(text);
    doc.tokens = plain.tokens;
    doc.sentences = plain.sentences;
    expect(isTitleCaseHeading(doc, doc.sentences[0]!)).toBe(true);
    doc.zones = [{ kind: 'byline', start: 0, end: text.length }];
    expect(isTitleCaseHeading(doc, doc.sentences[0]!)).toBe(false);
    expect(isTitleCase(doc.tokens, doc.sentences[0]!)).toBe(true);
  });
});
