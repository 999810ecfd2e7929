import type { Document, Sentence } from '../../document/types.js';
import { joinsNeighbours, spanText } from '../../document/queries.js';
import { insideSorted } from '../../document/spans.js';
import type { Quote } from '../../text/quotes.js';
import { partOfSpeech } from '../pos/tag-lookup.js';
import { cueBefore, phraseAt, type VerbCue } from '../../resources/cue-index.js';
import type { StatementGrammar, StatementLexicon } from '../../resources/statement-lexicon.js';
import { reportsNoSpeech } from './speech-event.js';

/** How many words before a verb of finding its source may stand: "A preliminary assessment from the country's disaster agency released Thursday showed". */
const FINDING_REACH = 14;
/** How far after a verb the object that makes it speech may stand: "defended his controversial remarks". */
const SPEECH_OBJECT_REACH = 4;
/** As sure a cue as the weaker reporting verbs ("indicate", "estimate"): a finding is reported, not said. */
const FINDING_STRENGTH = 0.5;

/** An auxiliary, catenative verb or adverb that may stand between a subject and its verb: "has also", "continued to", "strongly". */
export function betweenSubjectAndVerb({ doc, words }: SentenceView, k: number, grammar: StatementGrammar): boolean {
  if (grammar.skippedBeforeVerb.has(words[k]!) || grammar.catenativeVerbs.has(words[k]!)) return true;
  const token = doc.tokens[k]!;
  return /^\p{Ll}{3,}ly$/u.test(token.text) && (partOfSpeech(doc).get(token.start)?.has('Adverb') ?? false);
}

/**
 * Whether the tagger reads token `i` as no verb: a noun only, or an adjective
 * only between a word that is no noun and a noun ("made repeated attempts",
 * "the most promising markets"; "Towson said China …" has its subject before
 * the word, whatever the tagger says of it). It parses the sentence, the
 * dearest step of all: callers ask it last.
 */
function readAsNoVerb(doc: Document, i: number): boolean {
  const tagged = partOfSpeech(doc);
  const tags = tagged.get(doc.tokens[i]!.start);
  if (!tags || tags.has('Verb')) return false;
  if (tags.has('Noun')) return true;
  if (!tags.has('Adjective')) return false;
  const before = doc.tokens[i - 1] && tagged.get(doc.tokens[i - 1]!.start);
  const after = doc.tokens[i + 1] && tagged.get(doc.tokens[i + 1]!.start);
  return before !== undefined && !before.has('Noun') && after !== undefined && after.has('Noun') && !after.has('Pronoun');
}

/** A cue found in a sentence, outside any quotation. */
export interface CueHit {
  /** Token index of the cue's first word, and one past its last. */
  first: number;
  last: number;
  cue: VerbCue;
  text: string;
  /** "according to X": the source follows the cue. */
  sourceAfter: boolean;
  /** For a verb of finding, the noun that reports the finding ("the survey found"): the source's head. */
  findingSource?: number;
}

/** What a sentence is read with: its folded words, quotations (in text order, disjoint, as findQuotes gives them), and the mention each token is in. */
export interface SentenceView {
  doc: Document;
  words: readonly string[];
  sentence: Sentence;
  quotes: readonly Quote[];
  mentionAt: Int32Array;
}

/**
 * Finds the lexicon's cues in a sentence outside quotations: "according to"
 * and other source prepositions, multi-word phrases ("stood firmly with"),
 * and reporting or stance verbs, where the part of speech and the
 * surrounding words say the word is used as a verb.
 */
export class CueFinder {
  constructor(private readonly lexicon: StatementLexicon) {}

  find(view: SentenceView): CueHit[] {
    const { doc, sentence, quotes } = view;
    const hits: CueHit[] = [];
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      if (insideSorted(quotes, doc.tokens[i]!.start)) continue;
      const hit = this.sourcePreposition(view, i) ?? this.phrase(view, i, hits.length > 0) ?? this.verb(view, i) ?? this.finding(view, i);
      if (!hit) continue;
      hits.push(hit);
      i = hit.last - 1;
    }
    return hits;
  }

  private sourcePreposition({ doc, words }: SentenceView, i: number): CueHit | undefined {
    const preposition = this.lexicon.cues.sourcePrepositions.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (!preposition) return undefined;
    const last = i + preposition.words.length;
    const cue: VerbCue = {
      lemma: preposition.words.join(' '),
      label: 'claim',
      strength: preposition.strength,
      requiresHarm: false,
      requiresSupport: false,
    };
    return { first: i, last, text: spanText(doc, i, last), sourceAfter: true, cue };
  }

  private phrase(view: SentenceView, i: number, afterAnotherCue: boolean): CueHit | undefined {
    const { doc, words } = view;
    const match = phraseAt(this.lexicon.cues.phrases, words, i);
    if (!match || (match.phrase.noVerb && afterAnotherCue)) return undefined;
    const { phrase } = match;
    if (view.mentionAt[i] !== -1 || this.insideTitleCase(view, i)) return undefined;
    if (!phrase.noVerb && reportsNoSpeech(words, i, view.sentence.tokenStart, this.lexicon.grammar)) return undefined;
    // A verbless phrase ("in a statement") only marks a sentence that has no reporting verb.
    if (phrase.noVerb && this.hasVerbCue(view)) return undefined;
    const last = i + match.length;
    return { first: i, last, text: spanText(doc, i, last), sourceAfter: false, cue: phrase };
  }

  /** "the U.S. Court of Appeals for the 6th Circuit": a capitalised word after another word of its sentence is part of a name or title. */
  private insideTitleCase({ doc, sentence }: SentenceView, i: number): boolean {
    return i > sentence.tokenStart && /^\p{Lu}/u.test(doc.tokens[i]!.text) && /^\p{L}/u.test(doc.tokens[i - 1]!.text);
  }

  private verb(view: SentenceView, i: number): CueHit | undefined {
    const { doc, words, mentionAt } = view;
    const word = words[i]!;
    // "adds to", "hail from", "thanks to": a word after the cue word can make it another verb or a preposition.
    const verb = cueBefore(this.lexicon.cues.verbs.get(word), words, i, this.lexicon.cues.particleHedges);
    if (!verb) return undefined;
    const token = doc.tokens[i]!;
    const capitalised = /^\p{Lu}/u.test(token.text);
    // A cue word inside a name ("Blessed Mhlanga") or followed by a word that makes it another verb ("hail from") is no cue.
    if (mentionAt[i] !== -1) return undefined;
    // A capitalised cue word before another capitalised word is a name the recognizers missed ("Blessed Okonkwo");
    // a participle opening a sentence is not ("Condemning Hamas, the minister said").
    if (capitalised && !word.endsWith('ing') && /^\p{Lu}\p{Ll}/u.test(doc.tokens[i + 1]?.text ?? '')) return undefined;
    // "a 50-state poll", "self-reported": a cue word joined by a hyphen is part of a compound word.
    if (/^[-‐]$/.test(doc.tokens[i - 1]?.text ?? '') && joinsNeighbours(doc.tokens, i - 1)) return undefined;
    if (!this.usedAsVerb(view, i) || !this.hasSpeechObject(words, i, verb)) return undefined;
    if (verb.nounForms?.has(word) && !this.inVerbFrame(view, i)) return undefined;
    // "Demand for chips …": a present-tense cue opening a sentence or capitalised inside one is a noun or a heading.
    if (capitalised && verb.label === 'claim' && !word.endsWith('ed')) return undefined;
    // "did not respond", "offered no evidence": the sentence tells that someone did not speak.
    if (reportsNoSpeech(words, i, view.sentence.tokenStart, this.lexicon.grammar)) return undefined;
    // The tagger last: it parses the sentence, the dearest step of all.
    if (readAsNoVerb(doc, i)) return undefined;
    return { first: i, last: i + 1, text: token.text, sourceAfter: false, cue: verb };
  }

  /**
   * "The survey found", "a study by X shows", "researchers found that": a
   * verb of finding is a cue only after a source of findings, the nearest
   * noun of its kind before it in the clause; people find by a statement
   * only with a that-clause ("investigators found the wreckage" is none).
   * An infinitive is no report of a finding ("were surprised to find").
   */
  private finding(view: SentenceView, i: number): CueHit | undefined {
    const { doc, words, sentence, mentionAt } = view;
    const lemma = this.lexicon.grammar.findingVerbs.get(words[i]!);
    if (lemma === undefined || mentionAt[i] !== -1 || words[i - 1] === 'to' || !this.usedAsVerb(view, i)) return undefined;
    if (reportsNoSpeech(words, i, sentence.tokenStart, this.lexicon.grammar)) return undefined;
    const source = this.findingSourceBefore(view, i);
    if (source === undefined) return undefined;
    if (mentionAt[source] !== -1 && words[i + 1] !== 'that') return undefined;
    const cue: VerbCue = { lemma, label: 'claim', strength: FINDING_STRENGTH, requiresHarm: false, requiresSupport: false };
    return { first: i, last: i + 1, text: doc.tokens[i]!.text, sourceAfter: false, cue, findingSource: source };
  }

  /**
   * The nearest source of findings before word `i` in its clause: no other
   * cue verb, colon or semicolon between, and not inside a phrase that opens
   * the sentence before a comma ("After an investigation, the Department of
   * Justice found"). An organisation right before the verb finds too, as
   * researchers do.
   */
  private findingSourceBefore({ doc, words, sentence, mentionAt }: SentenceView, i: number): number | undefined {
    const { findingSources, findingResearchers, prepositions, subordinators, skippedBeforeVerb } = this.lexicon.grammar;
    let from = Math.max(sentence.tokenStart, i - FINDING_REACH);
    const opener = words[sentence.tokenStart]!;
    if (prepositions.has(opener) || subordinators.has(opener)) {
      const comma = words.indexOf(',', sentence.tokenStart);
      if (comma !== -1 && comma < i) from = Math.max(from, comma + 1);
    }
    // People find by a statement only with a that-clause, and a study they wrote finds for them ("a study by a
    // group of researchers shows").
    let researchers: number | undefined;
    for (let k = i - 1; k >= from; k--) {
      const word = words[k]!;
      if (findingResearchers.has(word) && words[i + 1] === 'that') researchers ??= k;
      if (findingSources.has(word)) return this.phraseHeadOf(words, k, from);
      if (word === ';' || word === ':' || this.lexicon.cues.verbs.has(word)) break;
    }
    if (researchers !== undefined) return researchers;
    let subjectEnd = i - 1;
    while (subjectEnd >= from && skippedBeforeVerb.has(words[subjectEnd]!)) subjectEnd--;
    const organization =
      subjectEnd >= from && mentionAt[subjectEnd] !== -1 && doc.mentions[mentionAt[subjectEnd]!]!.type === 'ORGANIZATION';
    return organization ? subjectEnd : undefined;
  }

  /**
   * "it states that", "they state their goal", "to state": a form that is
   * mostly a noun ("battleground states", "state lines") is a verb right
   * after its subject (a subject or relative pronoun, or a name) or "to",
   * or right before "that" or a colon.
   */
  private inVerbFrame({ words, mentionAt }: SentenceView, i: number): boolean {
    const { subjectPronouns, relativeOpeners } = this.lexicon.grammar;
    const previous = words[i - 1] ?? '';
    if (previous === 'to' || subjectPronouns.has(previous) || relativeOpeners.has(previous) || (mentionAt[i - 1] ?? -1) !== -1) return true;
    return words[i + 1] === 'that' || words[i + 1] === ':';
  }

  /** "defended his remarks", not "will defend the city": a verb that is speech only with some objects has one within four words. */
  private hasSpeechObject(words: readonly string[], i: number, verb: VerbCue): boolean {
    if (!verb.objects) return true;
    for (let k = i + 1; k <= i + SPEECH_OBJECT_REACH && k < words.length && /^[\p{L}\d']/u.test(words[k]!); k++) {
      if (verb.objects.has(words[k]!)) return true;
    }
    return false;
  }

  /** "an analysis of campaign-finance reports": the source noun whose prepositional phrase holds the one at `k`. */
  private phraseHeadOf(words: readonly string[], k: number, from: number): number {
    const { findingSources, prepositions } = this.lexicon.grammar;
    let head = k;
    for (let j = k - 1; j >= from && !/^[,;:]$/.test(words[j]!) && !this.lexicon.cues.verbs.has(words[j]!); j--) {
      if (findingSources.has(words[j]!) && prepositions.has(words[j + 1]!)) head = j;
    }
    return head;
  }

  /**
   * Whether the words around a cue word leave it a verb: not a noun or
   * adjective after a determiner ("the claims", "the alleged plotters"; after
   * a relative "that" it is a verb again), not a noun or participle after a
   * preposition ("a crackdown on protests"; "after saying" is a verb), not a
   * plural noun before its own verb or auxiliary ("media reports say",
   * "member states must"), not a
   * possessive's noun ("the ministry's claims"), and not after a
   * word that makes it a thing's or a condition's ("Intel, which reports …",
   * "if confirmed").
   */
  private usedAsVerb({ words, mentionAt }: SentenceView, i: number): boolean {
    const { determiners, relativeOpeners, prepositions, verbsAfterNounCue, nonSpeakingPrevious, subjectPronouns, finiteAuxiliaries } =
      this.lexicon.grammar;
    const word = words[i]!;
    const previous = words[i - 1] ?? '';
    if (determiners.has(previous) && !(word.endsWith('ed') && relativeOpeners.has(previous))) return false;
    if (prepositions.has(previous) && previous !== 'to' && !word.endsWith('ing')) return false;
    if (word.endsWith('s') && verbsAfterNounCue.has(words[i + 1] ?? '')) return false;
    // "member states have agreed": a finite verb is followed by no auxiliary of its own, unless its object is the gap of
    // a clause ("the kingdoms that he says are forgotten", "everything Trump says is").
    const namedSubject = subjectPronouns.has(previous) || (mentionAt[i - 1] ?? -1) !== -1;
    if (word.endsWith('s') && finiteAuxiliaries.has(words[i + 1] ?? '') && !namedSubject) return false;
    // "North Korea's claims": a possessive's noun; "he's said" is "he has said".
    if (previous === "'s" && !subjectPronouns.has(words[i - 2] ?? '') && !relativeOpeners.has(words[i - 2] ?? '')) return false;
    return !nonSpeakingPrevious.has(previous);
  }

  private hasVerbCue({ doc, words, sentence, quotes }: SentenceView): boolean {
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      if (!insideSorted(quotes, doc.tokens[i]!.start) && this.lexicon.cues.verbs.has(words[i]!)) return true;
    }
    return false;
  }
}
