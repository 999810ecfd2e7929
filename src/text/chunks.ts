import type { Sentence, Token } from '../document/types.js';
import { nameParticles } from '../resources/name-particles.js';
import { isCapitalized } from './normalize.js';

/** A run of capitalised tokens (with lower-case connectors inside): a possible proper name. */
export interface Chunk {
  /** Token index range, end exclusive. */
  first: number;
  last: number;
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** "Iran-backed", "U.S.-led": a hyphenated modifier, never part of a name (ANNOTATION.md). */
const MODIFIER = /[-‐]\p{Ll}+$/u;

export function isNameWord(token: Token): boolean {
  const articled = nameParticles().articledName.test(token.text);
  return HAS_LETTER_OR_DIGIT.test(token.text) && (isCapitalized(token.text) || articled) && !(MODIFIER.test(token.text) && !articled);
}

/**
 * Proper-name chunks of one sentence: maximal runs of capitalised words,
 * which may hold connectors ("of", "al", "bin") but neither start nor end with
 * one, and never cross punctuation or a line break.
 */
export function nameChunks(text: string, tokens: readonly Token[], sentence: Sentence, connectors: ReadonlySet<string>): Chunk[] {
  const chunks: Chunk[] = [];
  let i = sentence.tokenStart;
  while (i < sentence.tokenEnd) {
    if (!isNameWord(tokens[i]!)) {
      i++;
      continue;
    }
    let last = i + 1;
    let j = i + 1;
    while (j < sentence.tokenEnd) {
      const token = tokens[j]!;
      if (text.slice(tokens[j - 1]!.end, token.start).includes('\n')) break;
      if (isNameWord(token) || (token.text === '&' && j > i)) {
        j++;
        last = j;
      } else if (connectors.has(token.text.toLowerCase()) || connectors.has(token.text)) {
        j++;
      } else break;
    }
    chunks.push({ first: i, last });
    i = Math.max(last, i + 1);
  }
  return chunks;
}

/**
 * A headline or section heading in Title Case ("Kata'ib Hizballah Threatens
 * American Forces"): every word is capitalised, so capitalisation says nothing
 * about where names end, and the chunk rules would swallow the whole line.
 */
export function isTitleCase(tokens: readonly Token[], sentence: { tokenStart: number; tokenEnd: number }): boolean {
  const words = tokens.slice(sentence.tokenStart, sentence.tokenEnd).filter((t) => /^\p{L}/u.test(t.text) && t.text.length > 3);
  if (words.length < 4 || /[.!?]$/.test(tokens[sentence.tokenEnd - 1]!.text)) return false;
  return words.filter((t) => isCapitalized(t.text)).length / words.length >= 0.8;
}
