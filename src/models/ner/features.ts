import type { Document, Mention } from '../../document/types.js';
import { mentionIndexByToken } from '../../document/spans.js';
import { perLexicons, type Lexicons } from '../../resources/lexicons.js';
import { languageIndex } from '../../resources/language.js';
import { isTitleCaseHeading } from '../zones.js';
import { englishLexicon } from '../../text/english.js';
import { loadWordClasses, wordClassKey } from '../clusters/word-classes.js';

/** Word classes from our lexicons, and learned from unlabelled text, as tagger features. */
export interface TaggerLexicon {
  classes: Map<string, string[]>;
  /** A word's distributional class (models/clusters), by its text as written, digits folded. */
  wordClasses: ReadonlyMap<string, string>;
}

/** Lower-cased word → the lexicon classes it belongs to (given name, title, organisation head …); built once per Lexicons. */
export const taggerLexicon = perLexicons(buildTaggerLexicon);

function buildTaggerLexicon(lexicons: Lexicons): TaggerLexicon {
  const names = languageIndex(lexicons).names;
  const classes = new Map<string, string[]>();
  const add = (word: string, cls: string) => {
    const key = word.toLowerCase();
    const list = classes.get(key);
    if (!list) classes.set(key, [cls]);
    else if (!list.includes(cls)) list.push(cls);
  };
  for (const w of names.givenNames) add(w, 'given');
  for (const phrase of names.titles) if (phrase.length === 1) add(phrase[0]!, 'title');
  for (const w of names.organizationHeads) add(w, 'orghead');
  for (const phrase of names.organizationLeads) if (phrase.length === 1) add(phrase[0]!, 'orglead');
  for (const phrase of names.facilityHeads) if (phrase.length === 1) add(phrase[0]!, 'facility');
  for (const w of names.placeNouns) add(w, 'placenoun');
  for (const w of names.roleNouns) add(w, 'role');
  for (const w of names.functionWords) add(w, 'function');
  for (const w of Object.keys(lexicons.demonyms.data.demonyms)) add(w, 'demonym');
  for (const w of Object.keys(lexicons.demonyms.data.adjectives)) add(w, 'demonym');
  addCompromiseNames(add);
  return { classes, wordClasses: loadWordClasses().classes };
}

/** compromise's name lists (people's first and last names, cities, countries, companies, teams) by word; a word of a longer entry gets the class as "part". */
const COMPROMISE_NAME_CLASSES: Readonly<Record<string, string>> = {
  FirstName: 'first',
  MaleName: 'first',
  FemaleName: 'first',
  LastName: 'last',
  Person: 'person',
  City: 'city',
  Country: 'country',
  Place: 'place',
  Region: 'region',
  Organization: 'org',
  SportsTeam: 'team',
  Demonym: 'demonym',
};

function addCompromiseNames(add: (word: string, cls: string) => void): void {
  for (const [entry, tags] of Object.entries(englishLexicon)) {
    for (const tag of String(tags).split(',')) {
      const cls = COMPROMISE_NAME_CLASSES[tag];
      if (!cls) continue;
      const words = entry.split(' ');
      if (words.length === 1) add(entry, `cx-${cls}`);
      else for (const w of words) add(w, `cx-${cls}-part`);
    }
  }
}

/** Letters to X/x, digits to d, runs cut at two: "McDonald" → "XxXxx", "1996-08-30" → "dd-dd-dd". */
export function shapeOf(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const c = shapeClass(ch);
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) out += c;
  }
  return out;
}

function shapeClass(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) {
    if (code >= 65 && code <= 90) return 'X';
    if (code >= 97 && code <= 122) return 'x';
    if (code >= 48 && code <= 57) return 'd';
    return ch;
  }
  return /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
}

const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);

function mentionPosition(at: Int32Array, k: number): string {
  const before = k > 0 && at[k - 1] === at[k];
  const after = k + 1 < at.length && at[k + 1] === at[k];
  return before ? (after ? 'I' : 'L') : after ? 'B' : 'U';
}

const sourceKey = (m: Mention): string => (m.kbId !== undefined ? 'kb' : m.provenance.source);

/**
 * What the tagger knows about a word on its own: the word, its shape, its
 * prefixes and suffixes, and our lexicons' classes for it. The same for every
 * occurrence, so a tagger may cache it by the token's text.
 */
export function wordFeatures(text: string, lexicon: TaggerLexicon): string[] {
  const w = text.toLowerCase();
  const f = [
    'b',
    `w=${w}`,
    `s=${shapeOf(text)}`,
    `p1=${w.slice(0, 1)}`,
    `p2=${w.slice(0, 2)}`,
    `p3=${w.slice(0, 3)}`,
    `x2=${w.slice(-2)}`,
    `x3=${w.slice(-3)}`,
    `x4=${w.slice(-4)}`,
  ];
  for (const cls of lexicon.classes.get(w) ?? []) f.push(`c=${cls}`);
  const wordClass = lexicon.wordClasses.get(wordClassKey(text));
  if (wordClass !== undefined) f.push(`k=${wordClass}`);
  return f;
}

/**
 * Receives one token's context features: `name` alone (a flag), `name=value`,
 * or `name=value|second`. Training spells them out as strings; the tagger
 * looks them up without building strings (see `ContextRowCache`).
 */
export type FeatureEmitter = (name: string, value?: string, second?: string) => void;

/** The feature string an emitted feature stands for. */
export const featureString = (name: string, value?: string, second?: string): string =>
  value === undefined ? name : second === undefined ? `${name}=${value}` : `${name}=${value}|${second}`;

/**
 * What the tagger knows about each token from its context: its neighbours,
 * where it stands (sentence start, an all-caps or Title Case line),
 * the mention an earlier recognizer (knowledge base, name rules) put on it
 * and on its neighbours, and how the same word is written and typed elsewhere
 * in the document. `begin(k)` opens token k; its features follow through `add`.
 */
export function emitContextFeatures(doc: Document, lexicon: TaggerLexicon, begin: (k: number) => void, add: FeatureEmitter): void {
  const { tokens } = doc;
  const lower = tokens.map((t) => t.text.toLowerCase());
  const shapeCache = new Map<string, string>();
  const shapes = tokens.map((t) => shapeCache.get(t.text) ?? (shapeCache.set(t.text, shapeOf(t.text)), shapeCache.get(t.text)!));
  const mentionAt = mentionIndexByToken(doc);
  const documentView = wordUsage(doc, lower, mentionAt);
  const wordClasses = tokens.map((t) => lexicon.wordClasses.get(wordClassKey(t.text)));
  for (const sentence of doc.sentences) {
    const line = lineStyle(doc, sentence);
    const at = (j: number) => (j < sentence.tokenStart ? '<s>' : j >= sentence.tokenEnd ? '</s>' : lower[j]!);
    const shapeAt = (j: number) => (j >= sentence.tokenStart && j < sentence.tokenEnd ? shapes[j]! : '-');
    const classAt = (j: number) => (j >= sentence.tokenStart && j < sentence.tokenEnd ? (wordClasses[j] ?? '?') : '-');
    for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
      const w = lower[k]!;
      const text = tokens[k]!.text;
      begin(k);
      add('w-1', at(k - 1));
      add('w+1', at(k + 1));
      add('w-2', at(k - 2));
      add('w+2', at(k + 2));
      add('s-1', shapeAt(k - 1));
      add('s+1', shapeAt(k + 1));
      add('s-1s', shapeAt(k - 1), shapes[k]);
      add('ss+1', shapes[k], shapeAt(k + 1));
      add('w-1w', at(k - 1), w);
      add('ww+1', w, at(k + 1));
      add('k-1', classAt(k - 1));
      add('k+1', classAt(k + 1));
      add('line', line);
      add('line|s', line, shapes[k]);
      if (k === sentence.tokenStart) {
        add('first');
        add('first|w', w);
      }
      if (text !== w && documentView.lowerElsewhere.has(w)) add('doc-lower');
      // Where capitals say nothing (a sentence start, a headline), the same word's capitals elsewhere do.
      if ((k === sentence.tokenStart || line !== 'prose') && documentView.capitalisedMid.has(w)) add('doc-cap-mid');
      for (const cls of lexicon.classes.get(at(k - 1)) ?? []) add('c-1', cls);
      for (const cls of lexicon.classes.get(at(k + 1)) ?? []) add('c+1', cls);
      emitMentionFeatures(add, doc, mentionAt, k);
      const typedElsewhere = documentView.mentionTypes.get(w);
      if (typedElsewhere) for (const type of typedElsewhere) add('doc-m', type);
      if (line === 'prose' && isCapitalised(text)) add('caps-run', capitalisedRun(doc, sentence, k));
    }
  }
}

/** Every token's context features as strings (for training and scoring). */
export function contextFeatures(doc: Document, lexicon: TaggerLexicon): string[][] {
  const out: string[][] = new Array(doc.tokens.length);
  let current: string[] = [];
  emitContextFeatures(
    doc,
    lexicon,
    (k) => (out[k] = current = []),
    (name, value, second) => current.push(featureString(name, value, second)),
  );
  return out;
}

/** Every feature of every token: the word's own, then its context's. */
export function staticFeatures(doc: Document, lexicon: TaggerLexicon): string[][] {
  return contextFeatures(doc, lexicon).map((context, k) => [...wordFeatures(doc.tokens[k]!.text, lexicon), ...context]);
}

function emitMentionFeatures(add: FeatureEmitter, doc: Document, mentionAt: Int32Array, k: number): void {
  const index = mentionAt[k]!;
  if (index !== -1) {
    const m = doc.mentions[index]!;
    add('m', m.type);
    add('m', `${sourceKey(m)}:${m.type}:${mentionPosition(mentionAt, k)}`);
  } else add('m', 'none');
  const before = k > 0 ? mentionAt[k - 1]! : -1;
  const after = k + 1 < mentionAt.length ? mentionAt[k + 1]! : -1;
  if (before !== -1 && before !== index) add('m-1', doc.mentions[before]!.type);
  if (after !== -1 && after !== index) add('m+1', doc.mentions[after]!.type);
}

/** Where a capitalised word stands in its run of capitalised words (connectors like "of" included): "1/1", "2/3", "3+/4+". */
function capitalisedRun(doc: Document, sentence: Document['sentences'][number], k: number): string {
  const inRun = (j: number) => j >= sentence.tokenStart && j < sentence.tokenEnd && /^\p{Lu}/u.test(doc.tokens[j]!.text);
  let first = k;
  while (inRun(first - 1)) first--;
  let end = k + 1;
  while (inRun(end)) end++;
  const bucket = (n: number) => (n >= 3 ? '3+' : String(n));
  return `${bucket(k - first + 1)}/${bucket(end - first)}`;
}

/** How a line is written: all capitals (wire headlines), Title Case, or prose. */
function lineStyle(doc: Document, sentence: Document['sentences'][number]): string {
  let letters = 0;
  let upper = 0;
  for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
    const t = doc.tokens[k]!.text;
    if (!/\p{L}/u.test(t)) continue;
    letters++;
    if (t === t.toUpperCase()) upper++;
  }
  if (letters >= 2 && upper === letters) return 'caps';
  return isTitleCaseHeading(doc, sentence) ? 'title' : 'prose';
}

/** Words seen in lower case anywhere in the document, and words capitalised away from a sentence start. */
function wordUsage(
  doc: Document,
  lower: readonly string[],
  mentionAt: Int32Array,
): { lowerElsewhere: Set<string>; capitalisedMid: Set<string>; mentionTypes: Map<string, Set<string>> } {
  const lowerElsewhere = new Set<string>();
  const capitalisedMid = new Set<string>();
  // The types the earlier recognizers gave a word anywhere in the document ("Leeds" typed ORGANIZATION in one line lends that to the others).
  const mentionTypes = new Map<string, Set<string>>();
  mentionAt.forEach((m, k) => {
    if (m === -1) return;
    const types = mentionTypes.get(lower[k]!) ?? new Set<string>();
    types.add(doc.mentions[m]!.type);
    mentionTypes.set(lower[k]!, types);
  });
  for (const sentence of doc.sentences) {
    for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
      const text = doc.tokens[k]!.text;
      if (text === lower[k] && /\p{L}/u.test(text)) lowerElsewhere.add(text);
      else if (k > sentence.tokenStart && isCapitalised(text) && text !== text.toUpperCase()) capitalisedMid.add(lower[k]!);
    }
  }
  return { lowerElsewhere, capitalisedMid, mentionTypes };
}
