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
 * the next paragraph), or up to a sentence that `endsOpenQuote` says is the
 * narration again: text that lost its line breaks or a closing mark must not
 * quote the rest of the article.
 */
export function findQuotes(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  endsOpenQuote: (sentence: Sentence) => boolean = () => false,
): Quote[] {
  const quotes: Quote[] = [];
  let open: { start: number; sentence: number } | undefined;
  for (let s = 0; s <= sentences.length; s++) {
    const sentence = sentences[s];
    if (open && (!sentence || sentence.paragraph !== sentences[open.sentence]!.paragraph)) {
      const paragraph = sentences[open.sentence]!.paragraph;
      // Cut before the first sentence that ends it, and read that sentence again for quotations of its own.
      let cut = open.sentence + 1;
      while (cut < s && !endsOpenQuote(sentences[cut]!)) cut++;
      quotes.push({ start: open.start, end: sentences[cut - 1]!.end, paragraph, closed: false });
      open = undefined;
      if (cut < s) {
        s = cut - 1;
        continue;
      }
    }
    if (!sentence) break;
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const token = tokens[i]!;
      const straight = token.text === '"' || token.text === "''";
      const opensHere = token.text === OPEN_CURLY || (straight && (token.start === 0 || /[\s([—–-]/.test(text[token.start - 1]!)) && !open);
      const closesHere = token.text === CLOSE_CURLY || (straight && open !== undefined);
      if (opensHere && !open) open = { start: token.start, sentence: s };
      else if (open && (closesHere || token.text === OPEN_CURLY)) {
        // A mark that could open a quotation, after narration that ended the open one: that one was never closed.
        const couldOpen = token.text === OPEN_CURLY || (straight && /[\s([—–-]/.test(text[token.start - 1] ?? ' '));
        let cut = open.sentence + 1;
        while (couldOpen && cut <= s && !endsOpenQuote(sentences[cut]!)) cut++;
        if (couldOpen && cut <= s) {
          quotes.push({ start: open.start, end: sentences[cut - 1]!.end, paragraph: sentence.paragraph, closed: false });
          open = { start: token.start, sentence: s };
        } else if (closesHere) {
          quotes.push({ start: open.start, end: token.end, paragraph: sentence.paragraph, closed: true });
          open = undefined;
        }
      }
    }
  }
  return quotes;
}
