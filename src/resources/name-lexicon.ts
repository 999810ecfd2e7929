import type { Lexicons } from './lexicons.js';
import type { NameParticles } from './name-particles.js';
import { englishLexicon } from '../text/english.js';
import { foldCharacters } from '../text/normalize.js';

/** Lexicon word lists turned into fast look-ups, keyed the way rules compare words. */
export interface NameLexicon {
  titles: string[][];
  titlesKept: Set<string>;
  organizationHeads: Set<string>;
  organizationLeads: string[][];
  facilityHeads: string[][];
  facilityLeads: string[][];
  connectors: Set<string>;
  placeNouns: Set<string>;
  roleNouns: Set<string>;
  /** "the Zulfiqar faction": nouns after a name that make it a group. */
  groupNounsAfterName: Set<string>;
  /** "Iran-backed": participles of a patron before a group's name. */
  backingParticiples: Set<string>;
  /** Capitalised only because they open a sentence: never the first word of a name. */
  functionWords: Set<string>;
  /** Given names: ours, plus the first names in compromise's lexicon. */
  givenNames: Set<string>;
}

export const fold = (word: string): string => foldCharacters(word);

const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);

function compromiseFirstNames(): string[] {
  return Object.entries(englishLexicon)
    .filter(([, tag]) => FIRST_NAME_TAGS.has(tag))
    .map(([word]) => fold(word));
}

const splitWords = (phrase: string): string[] => phrase.split(/\s+/).map(fold);

/** Longest phrases first, so "Brig. Gen." wins over "Gen.". */
const phrases = (list: readonly string[]): string[][] => list.map(splitWords).sort((a, b) => b.length - a.length);

/** Read it through `languageIndex(lexicons).names`, which builds it once. */
export function buildNameLexicon(lexicons: Lexicons, particles: NameParticles): NameLexicon {
  const { titles, designators } = lexicons;
  return {
    titles: phrases(titles.data.titles),
    titlesKept: new Set(titles.data.keptInSpan.map(fold)),
    organizationHeads: new Set(designators.data.organizationHeads.map(fold)),
    organizationLeads: phrases(designators.data.organizationLeads),
    facilityHeads: phrases(designators.data.facilityHeads),
    facilityLeads: phrases(designators.data.facilityLeads),
    connectors: new Set([...particles.nameConnectors].map(fold)),
    groupNounsAfterName: new Set(designators.data.groupNounsAfterName.map(fold)),
    backingParticiples: new Set(designators.data.backingParticiples.map(fold)),
    placeNouns: new Set(designators.data.placeNouns.map(fold)),
    roleNouns: new Set(designators.data.roleNouns.map(fold)),
    functionWords: new Set(lexicons.functionWords.data.words.map(fold)),
    givenNames: new Set([...lexicons.givenNames.data.names.map(fold), ...compromiseFirstNames()]),
  };
}

/** Matches `phrase` against the folded words starting at `at`; returns its length or 0. */
export function phraseAt(words: readonly string[], at: number, list: readonly string[][]): number {
  for (const phrase of list) {
    if (phrase.every((w, k) => words[at + k] === w)) return phrase.length;
  }
  return 0;
}

/** Like phraseAt, but the phrase must end exactly at `endExclusive`. */
export function phraseEndingAt(words: readonly string[], endExclusive: number, list: readonly string[][]): number {
  for (const phrase of list) {
    const at = endExclusive - phrase.length;
    if (at >= 0 && phrase.every((w, k) => words[at + k] === w)) return phrase.length;
  }
  return 0;
}

