import nlp from 'compromise';
import type { StanceLabel } from '../document/types.js';
import type { Cues } from './lexicons.js';
import { PhraseSet } from './phrase-set.js';

export interface VerbCue {
  lemma: string;
  label: StanceLabel;
  strength: number;
  requiresHarm: boolean;
  requiresSupport: boolean;
  /** A phrase that marks a statement without a verb ("in a statement"). */
  noVerb?: boolean;
  /** Words that cancel the cue when they follow it ("hail from"). */
  notBefore?: readonly string[];
  /** Objects one of which must follow within a few words for the verb to be speech ("defended his remarks"). */
  objects?: ReadonlySet<string>;
  /** Forms that are mostly nouns ("states"): a cue only right after its subject or "to", or right before "that" or a colon. */
  nounForms?: ReadonlySet<string>;
}

/** The most hedge words read past between a cue word and the particle that makes it another word: "thanks, in large part, to". */
const MAX_HEDGE_WORDS = 4;

/**
 * The cue `verb` found at word `k`, unless the word after makes it another
 * verb or a preposition ("adds to", "hail from", "thanks to"), read past
 * hedges ("thanks in part to", "thanks, largely, to"; commas only around a
 * hedge word, so "added, to laughter," stays speech).
 */
export function cueBefore(verb: VerbCue | undefined, words: readonly string[], k: number, hedges: ReadonlySet<string>): VerbCue | undefined {
  if (!verb?.notBefore) return verb;
  let next = k + 1;
  let hedged = false;
  while (next - k <= MAX_HEDGE_WORDS && (words[next] === ',' || hedges.has(words[next] ?? ''))) {
    hedged ||= words[next] !== ',';
    next++;
  }
  if (!hedged) next = k + 1;
  return verb.notBefore.includes(words[next] ?? '') ? undefined : verb;
}

export interface PhraseCue extends VerbCue {
  /** Folded words after the first, which is any form of `lemma`. */
  rest: string[];
}

/** A phrase cue matched at a word, and how many words it spans. */
export interface PhraseMatch {
  phrase: PhraseCue;
  length: number;
}

/** The phrase cue that starts at word `i`, if its other words follow; one adverb or possessive may sit inside ("stood firmly with", "sent its condolences"). */
export function phraseAt(phrases: ReadonlyMap<string, readonly PhraseCue[]>, words: readonly string[], i: number): PhraseMatch | undefined {
  const candidates = phrases.get(words[i]!);
  if (!candidates) return undefined;
  const matchFrom = (offset: number) => candidates.find((p) => p.rest.every((w, k) => words[i + offset + k] === w));
  const direct = matchFrom(1);
  if (direct) return { phrase: direct, length: 1 + direct.rest.length };
  if (!/ly$|^its$|^their$|^his$|^her$/.test(words[i + 1] ?? '')) return undefined;
  const gapped = matchFrom(2);
  return gapped && { phrase: gapped, length: 2 + gapped.rest.length };
}

export interface CueIndex {
  /** Inflected form ("vowed") → its cue. */
  verbs: Map<string, VerbCue>;
  /** Inflected first word → phrases starting with it, longest first. */
  phrases: Map<string, PhraseCue[]>;
  sourcePrepositions: Array<{ words: string[]; strength: number }>;
  /** Words read past between a cue word and its `notBefore` particle: "in large part", "largely". */
  particleHedges: Set<string>;
  /** Single-word harm verbs, every form. */
  harmVerbs: Set<string>;
  /** Harm verbs of several words, every form of the first ("held accountable", "wiping out"). */
  harmPhrases: PhraseSet;
  intentMarkers: PhraseSet;
  /** Punitive acts, every form of the first word: "imposed", "kicking out". */
  punitivePhrases: PhraseSet;
  conditionMarkers: PhraseSet;
  conditionalIntentMarkers: Set<string>;
  harmlessObjects: Set<string>;
  threatPhrases: PhraseSet;
  supportPhrases: PhraseSet;
  negators: Set<string>;
  sourceNouns: Set<string>;
  groupNouns: Set<string>;
  personNouns: Set<string>;
  supportObjects: Set<string>;
  stanceFrames: StanceFrame[];
  selfDescription: string[][];
  /** Nouns of things that hold no stance as a stance verb's subject: "the deal threatens". */
  thingSubjects: Set<string>;
  /** Every form of the verbs of support that carry it in a statement's content ("supports the proposal") → its lemma. */
  supportVerbs: Map<string, string>;
  /** Every form of the verbs that make a stance after them someone else's ("received praise"). */
  othersStanceVerbs: Set<string>;
}

/** A stance carried by a verb and its object: a head phrase, then an object phrase within `window` words. */
export interface StanceFrame {
  label: 'support' | 'threat';
  /** Folded head phrases, every form of their first word. */
  heads: PhraseSet;
  objects: string[][];
  window: number;
}

/** Every form of a verb lemma, from compromise's conjugator: say → say, says, said, saying. */
export function inflections(lemma: string): string[] {
  const forms = new Set<string>([lemma, ...regularInflections(lemma)]);
  const conjugated = nlp(lemma).verbs().conjugate() as Array<Record<string, string>>;
  for (const table of conjugated) {
    for (const [tense, form] of Object.entries(table)) {
      if (tense !== 'FutureTense' && form && !form.includes(' ')) forms.add(form.toLowerCase());
    }
  }
  return [...forms];
}

/**
 * Regular English inflections, for the verbs compromise cannot conjugate
 * ("pledge" comes back as a noun); irregular ones come from compromise.
 */
function regularInflections(lemma: string): string[] {
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const third = /(?:s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  const past = lemma.endsWith('e') ? `${lemma}d` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ied` : `${lemma}ed`;
  return [third, past, `${stem}ing`];
}

const words = (phrase: string) => phrase.toLowerCase().split(/\s+/);

/** Every form of a verb phrase's first word, the rest as written: "call for" → call for, calls for, called for, calling for. */
function phraseForms(phrase: string): string[][] {
  const [head, ...rest] = words(phrase);
  return inflections(head!).map((form) => [form, ...rest]);
}

/** Builds look-ups from the lemmatised cue lexicon; every inflection is generated here, once. */
export function buildCueIndex(cues: Cues): CueIndex {
  const verbs = new Map<string, VerbCue>();
  for (const verb of cues.verbs) {
    const cue: VerbCue = {
      lemma: verb.lemma,
      label: verb.label,
      strength: verb.strength,
      requiresHarm: verb.requiresHarm ?? false,
      requiresSupport: verb.requiresSupport ?? false,
      ...(verb.notBefore ? { notBefore: verb.notBefore } : {}),
      ...(verb.objects ? { objects: new Set(verb.objects) } : {}),
      ...(verb.nounForms ? { nounForms: new Set(verb.nounForms) } : {}),
    };
    for (const form of verb.forms ?? inflections(verb.lemma)) if (!verbs.has(form)) verbs.set(form, cue);
  }
  const phrases = new Map<string, PhraseCue[]>();
  for (const phrase of cues.phrases) {
    const [head, ...rest] = phrase.words;
    const cue: PhraseCue = {
      lemma: phrase.words.join(' '),
      label: phrase.label,
      strength: phrase.strength,
      requiresHarm: phrase.requiresHarm ?? false,
      requiresSupport: false,
      rest: rest.map((w) => w.toLowerCase()),
      noVerb: phrase.noVerb ?? false,
    };
    const heads = phrase.noVerb ? [head!.toLowerCase()] : inflections(head!);
    for (const form of heads) {
      const list = phrases.get(form) ?? [];
      list.push(cue);
      list.sort((a, b) => b.rest.length - a.rest.length);
      phrases.set(form, list);
    }
  }
  return {
    verbs,
    phrases,
    sourcePrepositions: cues.sourcePrepositions.map((p) => ({ words: p.words.map((w) => w.toLowerCase()), strength: p.strength })),
    particleHedges: new Set(cues.particleHedges.map((w) => w.toLowerCase())),
    sourceNouns: new Set(cues.sourceNouns),
    groupNouns: new Set(cues.groupNouns),
    personNouns: new Set(cues.personNouns),
    ...stanceIndex(cues),
  };
}

type StanceIndex = Pick<
  CueIndex,
  | 'harmVerbs'
  | 'harmPhrases'
  | 'intentMarkers'
  | 'punitivePhrases'
  | 'conditionMarkers'
  | 'conditionalIntentMarkers'
  | 'harmlessObjects'
  | 'threatPhrases'
  | 'supportPhrases'
  | 'negators'
  | 'supportObjects'
  | 'stanceFrames'
  | 'selfDescription'
  | 'thingSubjects'
  | 'othersStanceVerbs'
  | 'supportVerbs'
>;

/** The look-ups the stance labeller reads. */
function stanceIndex(cues: Cues): StanceIndex {
  // Only one-word harm verbs are looked up word by word: "hold accountable" must not make "held" harm on its own.
  const harmVerbs = new Set(cues.harmVerbs.filter((v) => !v.includes(' ')).flatMap(inflections));
  return {
    harmVerbs,
    harmPhrases: new PhraseSet(cues.harmVerbs.filter((v) => v.includes(' ')).flatMap(phraseForms)),
    intentMarkers: new PhraseSet(cues.intentMarkers.map(words)),
    punitivePhrases: new PhraseSet(cues.punitiveVerbs.flatMap(phraseForms)),
    conditionMarkers: new PhraseSet(cues.conditionMarkers.map(words)),
    conditionalIntentMarkers: new Set(cues.conditionalIntentMarkers.map((w) => w.toLowerCase())),
    harmlessObjects: new Set(cues.harmlessObjects.map((w) => w.toLowerCase())),
    threatPhrases: new PhraseSet(cues.threatPhrases.map(words)),
    supportPhrases: new PhraseSet(cues.supportPhrases.map(words)),
    negators: new Set(cues.negators.map((w) => w.toLowerCase())),
    supportObjects: new Set(cues.supportObjects.map((w) => w.toLowerCase())),
    stanceFrames: cues.stanceFrames.map((f) => ({
      label: f.label,
      heads: new PhraseSet(f.heads.flatMap(phraseForms)),
      objects: f.objects.map(words),
      window: f.window,
    })),
    selfDescription: cues.selfDescription.map(words),
    thingSubjects: new Set(cues.thingSubjects.map((w) => w.toLowerCase())),
    othersStanceVerbs: new Set(cues.othersStanceVerbs.flatMap(inflections)),
    supportVerbs: new Map(cues.supportVerbs.flatMap((lemma) => inflections(lemma).map((form) => [form, lemma] as const))),
  };
}
