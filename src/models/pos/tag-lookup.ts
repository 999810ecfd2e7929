import type { Document, Token } from '../../document/types.js';
import { lazySentenceTags, type TagLookup } from './sentence-tags.js';
import { compromiseTags } from '../compromise/parse.js';
import { joinsNeighbours } from '../../document/queries.js';
import { AveragedPerceptron } from '../learned/perceptron.js';
import { wordForm } from './features.js';
import { loadPosModelFile } from './model-file.js';
import { PosTagger } from './tagger.js';

/**
 * compromise's tag names for each Penn tag, as compromise writes them for the
 * same words: pronouns are Nouns, modals are Verbs and Auxiliaries, gerunds
 * are Verbs (a gerund used as a noun is NN in Penn, a Noun in compromise),
 * participles are PastTense.
 */
const COMPROMISE_NAMES: Readonly<Record<string, readonly string[]>> = {
  NN: ['Noun', 'Singular'],
  NNS: ['Noun', 'Plural'],
  NNP: ['Noun', 'ProperNoun', 'Singular'],
  NNPS: ['Noun', 'ProperNoun', 'Plural'],
  PRP: ['Noun', 'Pronoun'],
  PRP$: ['Noun', 'Pronoun', 'Possessive'],
  VB: ['Verb', 'Infinitive'],
  VBP: ['Verb', 'PresentTense'],
  VBZ: ['Verb', 'PresentTense'],
  VBD: ['Verb', 'PastTense'],
  VBN: ['Verb', 'PastTense'],
  VBG: ['Verb', 'Gerund'],
  MD: ['Verb', 'Modal', 'Auxiliary'],
  JJ: ['Adjective'],
  JJR: ['Adjective', 'Comparative'],
  JJS: ['Adjective', 'Superlative'],
  RB: ['Adverb'],
  RBR: ['Adverb', 'Comparative'],
  RBS: ['Adverb', 'Superlative'],
  DT: ['Determiner'],
  IN: ['Preposition'],
  CC: ['Conjunction'],
  CD: ['Value', 'Cardinal'],
  POS: ['Possessive'],
  WP: ['QuestionWord'],
  WRB: ['QuestionWord'],
};

/** Forms of be, have, do and get: an auxiliary when a verb follows (compromise's "have been attacking", "was condemned", "got arrested"). */
const AUXILIARY_HEADS = new Set(
  "be am is are was were been being 's 're 'm have has had having 've 'd do does did get gets got gotten getting".split(' '),
);
const BE_FORMS = new Set("be am is are was were been being 's 're 'm".split(' '));
/** compromise tags "not" Negative, not Adverb. */
const NEGATIONS = new Set(['not', 'never']);

const isVerbTag = (tag: string | undefined): boolean => tag !== undefined && tag.startsWith('VB');

/** Whether a verb follows token i, past at most two adverbs ("has not yet said"). */
function verbFollows(tags: readonly string[], i: number): boolean {
  for (let j = i + 1; j < tags.length && j <= i + 3; j++) {
    if (isVerbTag(tags[j])) return true;
    if (!tags[j]!.startsWith('RB')) return false;
  }
  return false;
}

/** compromise's tag names for the tagged tokens of one sentence. */
export function compromiseNames(texts: readonly string[], tags: readonly string[]): Set<string>[] {
  return tags.map((tag, i) => {
    const word = wordForm(texts[i]!).word;
    const names = new Set(COMPROMISE_NAMES[tag] ?? []);
    if (NEGATIONS.has(word)) {
      names.delete('Adverb');
      names.add('Negative');
    }
    if (isVerbTag(tag) && AUXILIARY_HEADS.has(word)) {
      if (BE_FORMS.has(word)) names.add('Copula');
      if (verbFollows(tags, i)) names.add('Auxiliary');
    }
    return names;
  });
}

const HYPHEN = /^[-‐‑]$/;

/**
 * The tokens grouped into the words the tagger learned from: our tokenizer
 * splits "12-state" and "self-reported" at the hyphen, the training text never
 * does, and read apart "state" is a noun and "reported" a verb.
 */
function hyphenatedWords(tokens: readonly Token[]): Token[][] {
  const words: Token[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = [tokens[i]!];
    while (i + 2 < tokens.length && HYPHEN.test(tokens[i + 1]!.text) && joinsNeighbours(tokens, i + 1)) {
      word.push(tokens[i + 1]!, tokens[i + 2]!);
      i += 2;
    }
    words.push(word);
  }
  return words;
}

let shared: PosTagger | undefined;

/** The embedded tagger, its weights read once per process. */
function embeddedTagger(): PosTagger {
  shared ??= new PosTagger(AveragedPerceptron.fromData(loadPosModelFile().data));
  return shared;
}

/**
 * The tags the statement rules read: compromise's by default. Our perceptron
 * (STANCEMAP_POS=perceptron) tags four times as fast and scores as well on the
 * dev sets, but trained on Reuters it misreads a present-tense verb after a
 * plural subject ("critics say", "farmers in the region say") as a noun, the
 * very words the cue finder asks about (README, "Part of speech").
 */
export function partOfSpeech(doc: Document): TagLookup {
  return process.env.STANCEMAP_POS === 'perceptron' ? perceptronTags(doc) : compromiseTags(doc);
}

/** What `partOfSpeech` reads with, for a model's provenance: the tagger model file's hash, or compromise. */
export function partOfSpeechResource(): Record<string, string> {
  return process.env.STANCEMAP_POS === 'perceptron' ? { 'pos.model.gz': loadPosModelFile().sha256 } : { 'part-of-speech': 'compromise' };
}

const lookups = new WeakMap<Document, TagLookup>();

/**
 * Our perceptron's part-of-speech tags by token start offset, named as
 * compromise names them (compromiseTags' interface), over our own tokens.
 */
export function perceptronTags(doc: Document): TagLookup {
  return lazySentenceTags(doc, lookups, (sentence) => {
    const words = hyphenatedWords(doc.tokens.slice(sentence.tokenStart, sentence.tokenEnd));
    const texts = words.map((parts) => parts.map((t) => t.text).join(''));
    const names = compromiseNames(texts, embeddedTagger().tag(texts));
    return new Map(words.flatMap((parts, i) => parts.map((t) => [t.start, names[i]!] as const)));
  });
}
