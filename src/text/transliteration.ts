import { englishLexicon } from './english.js';
import { loadLexicons, perLexicons } from '../resources/lexicons.js';
import { jaroWinkler, metaphoneKey } from './natural.js';

/** Parts shorter than this must match exactly: short names collide too easily (Ali / Ala). */
const MIN_FUZZY_PART = 4;
/**
 * Below this length two spellings must differ only by added letters (Qani /
 * Qaani, Huthi / Houthi): Saleh and Salah sound alike but are different names.
 */
const MIN_FREE_PART = 6;
/** Whole-name similarity a transliteration must still reach on top of the phonetic key. */
const MIN_SIMILARITY = 0.8;

/** The Metaphone key of each part of a name key: "hizbullah brigades" → "HSBL BRKTS". */
export function phoneticKey(key: string): string {
  return key.split(' ').map(sound).join(' ');
}

/** The sounds of name parts already read: the gazetteer asks for the same capitalised words over and over. */
const sounds = new Map<string, string>();
const MAX_REMEMBERED_SOUNDS = 50_000;

function sound(part: string): string {
  let known = sounds.get(part);
  if (known === undefined) {
    if (sounds.size >= MAX_REMEMBERED_SOUNDS) sounds.clear();
    known = soundOf(part);
    sounds.set(part, known);
  }
  return known;
}

/** Metaphone with any leading vowel read as one sound: Esmail and Ismail both give "ASML". */
function soundOf(part: string): string {
  const key = metaphoneKey(part) || part;
  return isVowel(part[0]!) ? 'A' + key.slice(1) : key;
}

/** "israeli" is no spelling of "israel", nor "syrian" of "syria": adjectives and demonyms are names plus a suffix; nor is "nigeria" of "niger". */
function isDemonymOf(word: string, name: string): boolean {
  const { suffixes, placeEndings } = loadLexicons().demonyms.data;
  return (
    suffixes.some((suffix) => word === name + suffix || (name.endsWith('a') && word === name.slice(0, -1) + suffix)) ||
    placeEndings.some((ending) => word === name + ending)
  );
}

/** Lower-cased words that look like transliterated names but are none: borrowed common nouns, demonyms and adjectives of nationality. */
const notNames = perLexicons((lexicons) => ({
  loanwords: new Set(lexicons.nameWords.data.loanwords),
  demonyms: new Set(
    [...Object.keys(lexicons.demonyms.data.demonyms), ...Object.keys(lexicons.demonyms.data.adjectives)].map((w) => w.toLowerCase()),
  ),
}));

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const letter of long) if (letter === short[i]) i++;
  return i === short.length;
}

/**
 * Whether two name keys (text/normalize `nameKey`) are spellings of one name:
 * the same number of parts, each part equal or — when long enough — with the
 * same first letter and the same Metaphone key, and the whole still similar by
 * Jaro-Winkler. "hizbullah" ~ "hezbollah", "qaani" ~ "qani", "nujaba" ~ "nujabaa";
 * never "iran" ~ "iraq", "hamas" ~ "hamdan", "hezbollah" ~ "hizbullah brigades",
 * "israeli" ~ "israel", and never for an English word ("island" ~ "iceland").
 */
export function sameTransliteration(a: string, b: string): boolean {
  if (a === b) return true;
  const partsA = a.split(' ');
  const partsB = b.split(' ');
  if (partsA.length !== partsB.length) return false;
  for (let i = 0; i < partsA.length; i++) {
    const x = partsA[i]!;
    const y = partsB[i]!;
    if (x === y) continue;
    if (x.length < MIN_FUZZY_PART || y.length < MIN_FUZZY_PART) return false;
    // Transliterations are spellings of foreign names: "island" is no spelling of "iceland", nor "minister" of "ministry".
    if (isEnglishWord(x) || isEnglishWord(y)) return false;
    // Nor is a common noun borrowed into English ("sharia" ~ "sharaa"), nor a demonym ("somali" ~ "somalia").
    const { loanwords, demonyms } = notNames();
    if (loanwords.has(x) || loanwords.has(y) || demonyms.has(x) || demonyms.has(y)) return false;
    if (x[0] !== y[0] && !(isVowel(x[0]!) && isVowel(y[0]!))) return false;
    if (sound(x) !== sound(y) || skeleton(x) !== skeleton(y)) return false;
    if (isDemonymOf(x, y) || isDemonymOf(y, x)) return false;
    if ((x.length < MIN_FREE_PART || y.length < MIN_FREE_PART) && !isSubsequence(x, y) && !isSubsequence(y, x)) return false;
  }
  return jaroWinkler(a, b) >= MIN_SIMILARITY;
}

/**
 * Consonants in order, doubled letters once: what transliterations of one
 * Arabic or Persian name share while their vowels vary (hizbullah, hezbollah,
 * hizballah → "hzblh"; kataib, kataeb → "ktb"). "y" counts as a consonant, so
 * "minister" and "ministry" differ; so do "island" and "iceland".
 */
function skeleton(part: string): string {
  return part.replace(/[aeiou]/g, '').replace(/(.)\1+/g, '$1');
}

/**
 * The skeletons of a name key's parts: two keys can be transliterations of
 * each other (`sameTransliteration`) only if these are equal, so callers
 * compare within a skeleton's bucket instead of every pair of names.
 */
export function nameSkeleton(key: string): string {
  return key.split(' ').map(skeleton).join(' ');
}

function isEnglishWord(part: string): boolean {
  const tag = englishLexicon[part];
  return tag !== undefined && !/Name|Country|City|Place|Region/.test(tag);
}

function isVowel(letter: string): boolean {
  return 'aeiou'.includes(letter);
}
