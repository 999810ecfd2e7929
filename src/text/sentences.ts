import type { Sentence, Token } from '../document/types.js';

export interface SentenceRules {
  /** Abbreviations that never end a sentence (Gen., Oct., No.). */
  titles: ReadonlySet<string>;
  /** Dotted acronyms (U.S.) that end a sentence only before a typical sentence opener. */
  acronyms: ReadonlySet<string>;
  sentenceStarters: ReadonlySet<string>;
}

const TERMINALS = new Set(['.', '!', '?', '…', '...']);
const CLOSERS = new Set(['”', '’', '"', "'", "''", ')', ']', '»']);
/** The most words in a frame after a quoted question: "Senator Jane Roe asked her." */
const MAX_FRAME_WORDS = 5;
const OPENERS = /^[“"‘'([«\p{Lu}\p{N}–—-]/u;

/**
 * Splits tokens into sentences. Blank lines always end a sentence (and a
 * paragraph); a single line break ends one unless the next line goes on in
 * lower case; terminal punctuation ends one when what follows opens a new one.
 * Closing quotes, brackets and footnote markers ("bases.[3]") stay with the
 * sentence they close.
 */
export function splitSentences(text: string, tokens: readonly Token[], rules: SentenceRules): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let first = 0;

  const close = (lastExclusive: number, nextParagraph: boolean) => {
    if (lastExclusive > first) {
      sentences.push({
        index: sentences.length,
        start: tokens[first]!.start,
        end: tokens[lastExclusive - 1]!.end,
        tokenStart: first,
        tokenEnd: lastExclusive,
        paragraph,
      });
    }
    first = lastExclusive;
    if (nextParagraph) paragraph++;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;

    const gap = text.slice(token.end, next.start);
    if (gap.includes('\n')) {
      const blankLine = /\n[^\S\n]*\n/.test(gap);
      if (blankLine || !/^\p{Ll}/u.test(next.text)) {
        close(i + 1, blankLine);
        continue;
      }
    }

    if (!endsSentence(token, next, rules)) continue;
    let last = i;
    while (last + 1 < tokens.length) {
      const candidate = tokens[last + 1]!;
      if (text.slice(tokens[last]!.end, candidate.start).includes('\n')) break;
      if (TERMINALS.has(candidate.text)) {
        last++;
      } else if (CLOSERS.has(candidate.text) && candidate.start === tokens[last]!.end) {
        last++;
      } else if (isFootnoteMarker(tokens, last + 1)) {
        last += 3;
      } else break;
    }
    const after = tokens[last + 1];
    if (!after) break;
    const gapAfter = text.slice(tokens[last]!.end, after.start);
    if (gapAfter.length === 0 && after.text !== '“') continue;
    if (!OPENERS.test(after.text)) continue;
    if (closesQuotedQuestion(tokens, i, last) && isShortFrame(text, tokens, last + 1)) continue;
    i = last;
    close(last + 1, /\n[^\S\n]*\n/.test(gapAfter));
  }
  close(tokens.length, false);
  return sentences;
}

/** Whether the sentence end at tokens [terminal, last] is a question or exclamation closed by a quotation mark: "…?”". */
function closesQuotedQuestion(tokens: readonly Token[], terminal: number, last: number): boolean {
  return last > terminal && /^[?!…]$|^\.\.\.$/.test(tokens[terminal]!.text) && /^[”"]$|^''$/.test(tokens[last]!.text);
}

/**
 * "“Have you decided?” Rosa Mendes asked.": a frame of at most five words
 * from `at` to a full stop, a name first and a lower-case verb after it, goes
 * with the quotation before it; only a question or an exclamation inside
 * the quotation made that look like a sentence end.
 */
function isShortFrame(text: string, tokens: readonly Token[], at: number): boolean {
  let lowerCase = false;
  for (let k = at; k < tokens.length && k - at <= MAX_FRAME_WORDS; k++) {
    const token = tokens[k]!;
    if (k > at && text.slice(tokens[k - 1]!.end, token.start).includes('\n')) return false;
    if (token.text === '.') return lowerCase;
    if (!/^\p{L}/u.test(token.text)) return false;
    if (/^\p{Ll}/u.test(token.text)) lowerCase = true;
  }
  return false;
}

function endsSentence(token: Token, next: Token, rules: SentenceRules): boolean {
  if (TERMINALS.has(token.text)) return true;
  if (!token.text.endsWith('.')) return false;
  if (rules.titles.has(token.text) || /^\p{Lu}\.$/u.test(token.text)) return false;
  if (rules.acronyms.has(token.text) || /^(?:\p{L}\.){2,}$/u.test(token.text))
    return rules.sentenceStarters.has(next.text) || /^["“]$/.test(next.text);
  return false;
}

/** `[12]` right after a sentence: a footnote marker, kept with that sentence. */
export function isFootnoteMarker(tokens: readonly Token[], at: number): boolean {
  const open = tokens[at];
  const number = tokens[at + 1];
  const closeBracket = tokens[at + 2];
  return (
    open?.text === '[' &&
    number !== undefined &&
    /^\d{1,3}$/.test(number.text) &&
    closeBracket?.text === ']' &&
    open.end === number.start &&
    number.end === closeBracket.start
  );
}
