import { perLexicons, type LayoutData } from './lexicons.js';

/** `layout.json` as the line patterns the zone stage and the date parser test. */
export interface LayoutPatterns {
  /** A whole line of page furniture: "Share this article", "Read more: …". */
  boilerplate: RegExp;
  /** "(Laughter)", "(CROSSTALK)". */
  stageDirection: RegExp;
  /** "By Oruba Tesfanet": the name is group 1. */
  byline: RegExp;
  /** "Published:", "Last updated" opening a line. */
  dateLabel: RegExp;
  definitionsHeading: RegExp;
  notesHeading: RegExp;
}

const escapeWord = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Letters as [bB] classes: a label that ignores case before a name that must still be capitalised (under the `i` flag, \p{Lu} matches any letter). */
const caselessWord = (word: string): string => [...word].map((c) => (/\p{L}/u.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeWord(c))).join('');

/** Longest first, so "share this article" is tried before "share". */
const alternation = (phrases: readonly string[], word: (w: string) => string = escapeWord): string =>
  [...phrases].sort((a, b) => b.length - a.length).map((phrase) => phrase.trim().split(/\s+/).map(word).join('\\s+')).join('|');

export function buildLayoutPatterns(data: LayoutData): LayoutPatterns {
  const heading = (phrases: readonly string[]) => new RegExp(`^\\W*(?:${alternation(phrases)})\\s*:?\\W*$`, 'i');
  return {
    boilerplate: new RegExp(`^\\W*(?:${alternation(data.boilerplateLines)}|(?:${alternation(data.boilerplatePrefixes)})\\b.*)\\W*$`, 'i'),
    stageDirection: new RegExp(`^\\W*\\((?:${alternation(data.stageDirections)})\\.?\\)\\W*$`, 'i'),
    byline: new RegExp(`^\\W*(?:${alternation(data.bylineLabels, caselessWord)})\\s*:?\\s+(\\p{Lu}.{1,100}?)[\\s*_]*$`, 'u'),
    dateLabel: new RegExp(`^\\W*(?:${alternation(data.dateLabels)})\\b\\s*:?\\s*`, 'i'),
    definitionsHeading: heading(data.definitionsHeadings),
    notesHeading: heading(data.notesHeadings),
  };
}

/** The layout patterns of a set of lexicons (by default the built-in ones), built once. */
export const layoutPatterns = perLexicons((lexicons) => buildLayoutPatterns(lexicons.layout.data));
