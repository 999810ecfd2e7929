import type { Sentence, Token } from '../document/types.js';

export interface Quote {
  /** Offset of the opening mark and just after the closing one (or the paragraph's end when left open). */
  start: number;
  end: number;
  paragraph: number;
  closed: boolean;
}

const OPEN_CURLY = '“';
const CLOSE_CURLY = '”';

/**
 * Quotations per paragraph: curly pairs, and straight double quotes (or NYT-style '') read as
 * opening after a space or line start and closing otherwise. A quotation left
 * open runs to the end of its paragraph (news style for quotes that go on in
 * the next paragraph).
 */
export function findQuotes(text: string, tokens: readonly Token[], sentences: readonly Sentence[]): Quote[] {
  const quotes: Quote[] = [];
  let open: { start: number; paragraph: number } | undefined;
  let paragraph = -1;
  let paragraphEnd = 0;
  for (const sentence of sentences) {
    if (sentence.paragraph !== paragraph) {
      if (open) quotes.push({ start: open.start, end: paragraphEnd, paragraph: open.paragraph, closed: false });
      open = undefined;
      paragraph = sentence.paragraph;
    }
    paragraphEnd = sentence.end;
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const token = tokens[i]!;
      const straight = token.text === '"' || token.text === "''";
      const opensHere = token.text === OPEN_CURLY || (straight && (token.start === 0 || /[\s([—–-]/.test(text[token.start - 1]!)) && !open);
      const closesHere = token.text === CLOSE_CURLY || (straight && open !== undefined);
      if (opensHere && !open) open = { start: token.start, paragraph };
      else if (closesHere && open) {
        quotes.push({ start: open.start, end: token.end, paragraph, closed: true });
        open = undefined;
      }
    }
  }
  if (open) quotes.push({ start: open.start, end: paragraphEnd, paragraph: open.paragraph, closed: false });
  return quotes;
}
