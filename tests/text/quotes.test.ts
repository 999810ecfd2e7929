import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../src/text/quotes.js';
import { segmented } from '../helpers/documents.js';

/** The quotations of `text` as [quoted text, paragraph, closed]. */
function quotes(text: string): Array<[string, number, boolean]> {
  const doc = segmented(text);
  return findQuotes(doc.text, doc.tokens, doc.sentences).map((q) => [doc.text.slice(q.start, q.end), q.paragraph, q.closed]);
}

describe('findQuotes', () => {
  it('pairs curly quotes, from the opening mark to just after the closing one', () => {
    const text = '“We will not yield,” said Oruba Tesfanet.';
    const doc = segmented(text);
    expect(findQuotes(doc.text, doc.tokens, doc.sentences)).toEqual([{ start: 0, end: 20, paragraph: 0, closed: true }]);
    expect(text.slice(0, 20)).toBe('“We will not yield,”');
  });

  it('reads a straight quote after a space or at the start as opening, and the next one as closing', () => {
    expect(quotes('"The pumps stay," she added, and the board said "not this year."')).toEqual([
      ['"The pumps stay,"', 0, true],
      ['"not this year."', 0, true],
    ]);
  });

  it('reads a straight quote after an opening bracket or a dash as opening', () => {
    expect(quotes('Oruba Tesfanet ("a patient engineer") and Sefu Daranel —"never again"— disagreed.')).toEqual([
      ['"a patient engineer"', 0, true],
      ['"never again"', 0, true],
    ]);
  });

  it("reads two single quotes ('') as a double quote", () => {
    expect(quotes("The mayor called it ''a fair price.''")).toEqual([["''a fair price.''", 0, true]]);
  });

  it('ignores a straight quote glued to a word when no quotation is open (inch marks)', () => {
    expect(quotes('The Kelvane Water Authority laid 12" pipes in Port Halvey.')).toEqual([]);
  });

  it('ignores single quotes', () => {
    expect(quotes('Nobody in Port Halvey said ‘no’ to the plan.')).toEqual([]);
  });

  it('runs a quotation left open to the end of its paragraph and closes nothing in the next one', () => {
    const text = 'Sefu Daranel said: "We start in May. The work takes a year.\n\nThe board agreed. Work began on time.';
    expect(quotes(text)).toEqual([['"We start in May. The work takes a year.', 0, false]]);
  });

  it('lets a new paragraph open its own quotation after an unclosed one', () => {
    const text = '"We start in May.\n\n"The pumps stay," she said.';
    expect(quotes(text)).toEqual([
      ['"We start in May.', 0, false],
      ['"The pumps stay,"', 1, true],
    ]);
  });

  it('gives an open quotation at the very end of the text the end of the last paragraph', () => {
    expect(quotes('Oruba Tesfanet wrote: “the reservoir is full')).toEqual([['“the reservoir is full', 0, false]]);
  });

  it('finds nothing in text without quotation marks', () => {
    expect(quotes('The Kelvane Water Authority met on Monday.')).toEqual([]);
  });
});

describe('findQuotes with a sentence that ends an open quotation', () => {
  const endsAtNarration = (text: string) => {
    const doc = segmented(text);
    const ends = (s: { start: number }) => doc.text.startsWith('Ali said', s.start);
    return findQuotes(doc.text, doc.tokens, doc.sentences, ends).map((q) => [doc.text.slice(q.start, q.end), q.closed]);
  };

  it('cuts a quotation left open before that sentence, and reads quotations after it', () => {
    expect(endsAtNarration('"We stay. Nobody leaves. Ali said the talks failed. "Not again," he said.')).toEqual([
      ['"We stay. Nobody leaves.', false],
      ['"Not again,"', true],
    ]);
  });

  it('leaves a quotation that closes later whole', () => {
    expect(endsAtNarration('"We stay. Ali said we stay," he said.')).toEqual([['"We stay. Ali said we stay,"', true]]);
  });
});
