import type { Document } from '../../document/types.js';
import { firstEndingAfter } from '../../document/spans.js';
import type { TagLookup } from '../compromise/parse.js';
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

let shared: PosTagger | undefined;

/** The embedded tagger, its weights read once per process. */
function embeddedTagger(): PosTagger {
  shared ??= new PosTagger(AveragedPerceptron.fromData(loadPosModelFile().data));
  return shared;
}

const lookups = new WeakMap<Document, TagLookup>();

/**
 * Our perceptron's part-of-speech tags by token start offset, named as
 * compromise names them (compromiseTags' interface). Each sentence is tagged
 * the first time a tag in it is asked for, over our own tokens.
 */
export function perceptronTags(doc: Document): TagLookup {
  let lookup = lookups.get(doc);
  if (!lookup) {
    const bySentence = new Map<number, Map<number, ReadonlySet<string>>>();
    const tagsOf = (index: number): Map<number, ReadonlySet<string>> => {
      let byOffset = bySentence.get(index);
      if (!byOffset) {
        const sentence = doc.sentences[index]!;
        const tokens = doc.tokens.slice(sentence.tokenStart, sentence.tokenEnd);
        const texts = tokens.map((t) => t.text);
        const names = compromiseNames(texts, embeddedTagger().tag(texts));
        byOffset = new Map(tokens.map((t, i) => [t.start, names[i]!]));
        bySentence.set(index, byOffset);
      }
      return byOffset;
    };
    lookup = {
      get: (offset) => {
        const index = firstEndingAfter(doc.sentences, offset);
        const sentence = doc.sentences[index];
        return sentence && sentence.start <= offset ? tagsOf(index).get(offset) : undefined;
      },
    };
    lookups.set(doc, lookup);
  }
  return lookup;
}
