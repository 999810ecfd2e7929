import { shapeOf } from '../ner/features.js';

/**
 * Contractions our tokenizer keeps whole ("didn't", "we're") where the Penn
 * Treebank splits them ("did" + "n't"). The tagger reads such a token as its
 * Penn head plus a flag, so it is tagged as the head would be ("didn't" as
 * "did": VBD) and the training data, merged the same way, teaches it so.
 */
const CONTRACTION = /^(.+?)(n't|'re|'ll|'ve|'m|'d)$/u;

/** Curly quotes, doubled apostrophes and backticks to the straight quotes the CoNLL data writes. */
function straightQuotes(text: string): string {
  if (text === "''" || text === '``' || text === '“' || text === '”' || text === '„') return '"';
  return text.replace(/[’‘`]/gu, "'");
}

/** A token as the tagger reads it: lower case, straight quotes, a contraction cut to its Penn head. */
export interface WordForm {
  /** The normalised word (the head of a contraction). */
  word: string;
  /** The cut-off contraction ("n't", "'re" …), if any. */
  contraction?: string;
}

export function wordForm(text: string): WordForm {
  const lower = straightQuotes(text).toLowerCase();
  const m = CONTRACTION.exec(lower);
  if (!m || !/\p{L}/u.test(m[1]!)) return { word: lower };
  // The shortest head is Penn's: "can't" → "ca" + "n't", "won't" → "wo" + "n't".
  return { word: m[1]!, contraction: m[2]! };
}

/** What the tagger knows about a token on its own, the same wherever it stands: cacheable by the token's text. */
export function ownFeatures(text: string): string[] {
  const { word: w, contraction } = wordForm(text);
  const f = [
    'b',
    `w=${w}`,
    `x1=${w.slice(-1)}`,
    `x2=${w.slice(-2)}`,
    `x3=${w.slice(-3)}`,
    `p1=${w.slice(0, 1)}`,
    `p2=${w.slice(0, 2)}`,
    `p3=${w.slice(0, 3)}`,
    `s=${shapeOf(text)}`,
  ];
  if (contraction !== undefined) f.push(`ctr=${contraction}`);
  if (/^\p{Lu}/u.test(text)) f.push(text === text.toUpperCase() && text.length > 1 ? 'allcap' : 'cap');
  if (/\p{N}/u.test(text)) f.push('digit');
  if (text.length > 1 && text.includes('-')) f.push('hyphen');
  return f;
}

/** One sentence as the tagger reads it: each token's text and normalised word. */
export interface SentenceView {
  texts: readonly string[];
  words: readonly string[];
}

export function sentenceView(texts: readonly string[]): SentenceView {
  return { texts, words: texts.map((t) => wordForm(t).word) };
}

/**
 * The features of token i that depend on its neighbours and on the tags
 * already chosen for the two tokens before it (greedy left-to-right).
 */
export function contextFeatures(sentence: SentenceView, i: number, previous: string, beforePrevious: string): string[] {
  const { words, texts } = sentence;
  const at = (j: number) => (j < 0 ? '<s>' : j >= words.length ? '</s>' : words[j]!);
  const w = words[i]!;
  const f = [
    `t-1=${previous}`,
    `t-2=${beforePrevious}|${previous}`,
    `t-1w=${previous}|${w}`,
    `w-1=${at(i - 1)}`,
    `w-2=${at(i - 2)}`,
    `w+1=${at(i + 1)}`,
    `w+2=${at(i + 2)}`,
    `x3-1=${at(i - 1).slice(-3)}`,
    `x3+1=${at(i + 1).slice(-3)}`,
    `w-1w=${at(i - 1)}|${w}`,
    `ww+1=${w}|${at(i + 1)}`,
  ];
  // At a sentence start a capital says little; elsewhere it says "name".
  if (i === 0) f.push(/^\p{Lu}/u.test(texts[i]!) ? 'first-cap' : 'first');
  return f;
}
