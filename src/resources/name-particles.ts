import { perLexicons, type NameParticlesData } from './lexicons.js';

/** `name-words.json` as look-ups: the one place that knows which lower-case words live inside names. */
export interface NameParticles {
  /** Hyphenated article forms: "al", "ash", "adh" … */
  articles: ReadonlySet<string>;
  /** Article forms also written as their own word: "Al Mayadeen". */
  standaloneArticles: ReadonlySet<string>;
  kunya: ReadonlySet<string>;
  patronymics: ReadonlySet<string>;
  /** Every particle that may sit inside a personal name ("bin", "de", "abu", "al"). */
  insidePersonalNames: ReadonlySet<string>;
  /** Words that join the capitalised words of one name ("Ministry of Defence", "Ezzedine al-Qassam"). */
  nameConnectors: ReadonlySet<string>;
  /** Short words a long name may contain and its acronym skips ("Islamic State in Iraq and Syria"). */
  minorWords: ReadonlySet<string>;
  /** Folded word sequences that introduce another name of the same entity: "also known as". */
  aliasCues: readonly string[][];
  /** Words the name rules allow between a name and its speech verb: "Tuchel also said", "Wei had told". */
  wordsBeforeSpeechVerb: ReadonlySet<string>;
  /** "the", "a", "its": they open an apposition or a role phrase and are no part of a role's title. */
  openingDeterminers: ReadonlySet<string>;
  /** "al-", "ash-" … opening a word, any case. */
  articlePrefix: RegExp;
  /** "al-Qassam", "ash-Shami": a lower-case article glued to a capitalised name. */
  articledName: RegExp;
}

const lower = (list: readonly string[]): Set<string> => new Set(list.map((w) => w.toLowerCase()));

export function buildNameParticles(data: NameParticlesData): NameParticles {
  const articles = lower(data.articles);
  // Longest first, so "ash-" is not read as "as" + "h-".
  const alternation = [...articles].sort((a, b) => b.length - a.length).join('|');
  const standaloneArticles = lower(data.standaloneArticles);
  const kunya = lower(data.kunya);
  const patronymics = lower(data.patronymics);
  const foreign = lower(data.foreignParticles);
  return {
    articles,
    standaloneArticles,
    kunya,
    patronymics,
    insidePersonalNames: new Set([...standaloneArticles, ...kunya, ...patronymics, ...foreign]),
    nameConnectors: new Set([...lower(data.connectors), ...articles, ...patronymics, ...foreign]),
    minorWords: lower(data.minorWords),
    wordsBeforeSpeechVerb: lower(data.wordsBeforeSpeechVerb),
    openingDeterminers: lower(data.openingDeterminers),
    aliasCues: data.aliasCues.map((cue) => cue.toLowerCase().split(/\s+/)).sort((a, b) => b.length - a.length),
    articlePrefix: new RegExp(`^(?:${alternation})[-‐]`, 'i'),
    articledName: new RegExp(`^(?:${alternation})[-‐]\\p{Lu}`, 'u'),
  };
}

/**
 * The particles of a set of lexicons (by default the built-in ones), built
 * once. Kept apart from `languageIndex` because the text layer's name keys
 * read them, and the other look-ups build on that layer.
 */
export const nameParticles = perLexicons((lexicons) => buildNameParticles(lexicons.nameWords.data));

/** A word that belongs inside a personal name though it is not capitalised: "bin", "de", "al-Qassam". */
export function isNameParticle(particles: NameParticles, word: string): boolean {
  return particles.insidePersonalNames.has(word.toLowerCase()) || particles.articledName.test(word);
}

/** The word without a leading article: "ash-shami" → "shami". */
export function withoutArticle(particles: NameParticles, word: string): string {
  return word.replace(particles.articlePrefix, '');
}
