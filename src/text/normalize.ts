/**
 * Keys for comparing names across spellings. `nameKey("Al-Mayadeen")` and
 * `nameKey("al Mayadeen")` are both "mayadeen"; `nameKey("Kata’ib")` is "kataib".
 * Vowel-insensitive matching is a separate, guarded step (transliteration.ts).
 */

import { nameParticles } from '../resources/name-particles.js';

const APOSTROPHES = /['’‘ʿʾ`´ʻʼ]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const ASCII = /^[\x20-\x7e]*$/;
const ASCII_APOSTROPHES = /['`]/;

/** Lowercase, no diacritics, no apostrophes: "Qa’ani" → "qaani", "Türkiye" → "turkiye". */
export function foldCharacters(text: string): string {
  // Most words are printable ASCII, which NFKD leaves as it is: only the apostrophes and the case change.
  if (ASCII.test(text)) return (ASCII_APOSTROPHES.test(text) ? text.replace(APOSTROPHES, '') : text).toLowerCase();
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, '').toLowerCase();
}

/**
 * Splits a surface name into folded key parts: hyphens, spaces, periods and
 * slashes separate parts; articles are dropped ("al-", "Al ", "ash-").
 */
export function nameKeyParts(surface: string): string[] {
  const { articles, standaloneArticles } = nameParticles();
  const raw = surface.split(/[\s\-‐‑–—_/]+/).filter(Boolean);
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const piece = raw[i]!;
    const folded = foldCharacters(piece).replace(/[.,;:()"“”]/g, '');
    if (!folded) continue;
    const hyphenated = surface.includes(piece + '-') || surface.includes(piece + '‐');
    const isLast = i === raw.length - 1;
    if (!isLast && (standaloneArticles.has(folded) || (hyphenated && articles.has(folded)))) continue;
    parts.push(folded);
  }
  return parts;
}

export function nameKey(surface: string): string {
  return nameKeyParts(surface).join(' ');
}

export function isCapitalized(word: string): boolean {
  const first = word.replace(/^['’‘ʿʾ"“([]+/, '')[0];
  return first !== undefined && first !== first.toLowerCase() && first === first.toUpperCase();
}

export function isAllCaps(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}
