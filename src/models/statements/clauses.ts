import type { Span, StanceLabel } from '../../document/types.js';
import type { StatementCandidate } from '../types.js';
import type { CueHit } from './cue-finder.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';
import { hasSource, type Speaker } from './speaker-reference.js';
import type { SpeakerFinder, SpeakerView } from './speakers.js';
import type { StanceLabeller } from './stance-labels.js';
import { partOfSpeech } from '../pos/tag-lookup.js';

/** The most words a closing frame's subject runs to: "…, people familiar with the private meeting said." */
const CLOSING_SUBJECT_WORDS = 8;

/** The fewest words a piece of a sentence split around a relative clause needs to be a statement: "Hamdan said" is none. */
const MIN_PIECE_WORDS = 4;

function wordsIn(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

/** The most words between the "which" or "who" of a relative clause and its own cue: ", which the Pentagon's spokesman says". */
const EMBEDDED_SUBJECT_WORDS = 6;

/** How far back from a cue its speaker's first word is looked for: "Moderator Bret Baier started the exchange off by asking". */
const SUBJECT_SEARCH_WORDS = 18;

/** The most characters between an inverted cue and its speaker: "said the group's spokesman, Colonel …". */
const INVERTED_SPEAKER_GAP = 20;

interface FoundHit {
  hit: CueHit;
  label: StanceLabel;
  speaker: Speaker;
}

interface Clause {
  span: Span;
  hits: FoundHit[];
}

/** Two sources that are not the same one: different entities, or different phrases where either is unnamed. */
function differentSources(a: Speaker, b: Speaker): boolean {
  if (!hasSource(a) || !hasSource(b)) return false;
  if (a.entity !== null && b.entity !== null) return a.entity !== b.entity;
  if (a.entity !== null || b.entity !== null) return true;
  return a.text!.toLowerCase() !== b.text!.toLowerCase();
}

/**
 * Turns a sentence's cues into statements: one per clause (a sentence with
 * two different stances joined by a conjunction is two clauses), each with
 * the clause's main speaker, the strongest label, and a confidence.
 */
export class ClauseStatements {
  constructor(
    private readonly lexicon: StatementLexicon,
    private readonly labeller: StanceLabeller,
    private readonly speakers: SpeakerFinder,
    private readonly modelName: string,
  ) {}

  build(view: SpeakerView, span: Span, hits: readonly CueHit[]): StatementCandidate[] {
    const found = hits.map((hit) => ({ hit, label: this.labeller.decide(view, hit), speaker: this.speakers.find(view, hit) }));
    const out: StatementCandidate[] = [];
    let sharedSpeaker: Speaker | undefined;
    for (const clause of this.withEmbeddedReports(view, span, found)) {
      const withSpeakers = clause.hits;
      const main = this.mainCue(view, withSpeakers);
      if (!main) continue;
      let speaker = main.speaker;
      if (!hasSource(speaker) && sharedSpeaker) speaker = sharedSpeaker;
      sharedSpeaker ??= hasSource(speaker) ? speaker : undefined;
      if (!hasSource(speaker) && main.hit.cue.noVerb) continue;
      // An outlet reporting another actor's stance ("Al-Manar reported that Hezbollah vowed to strike") makes a claim;
      // a speaker saying where its side stands ("he said Iran stood with …") keeps the stance.
      const reporting = this.lexicon.grammar.reportingCues.has(main.hit.cue.lemma);
      const ownStance = withSpeakers.filter((d) => d === main || !reporting || !differentSources(d.speaker, speaker));
      const stanceHit = ownStance.find((d) => d.label === 'threat') ?? ownStance.find((d) => d.label === 'support');
      const reportsOthers = ownStance.length < withSpeakers.length && withSpeakers.some((d) => d.label !== 'claim');
      const label =
        stanceHit?.label ??
        (reportsOthers ? 'claim' : this.labeller.ofContent(view.words, view.sentence.tokenStart, view.sentence.tokenEnd, view.doc));
      const cueHit = stanceHit?.hit ?? main.hit;
      const confidence = this.confidence(cueHit, label, speaker);
      out.push({
        ...clause.span,
        sentence: view.sentence.index,
        label,
        speakerMention: speaker.mention,
        speakerEntity: speaker.entity,
        speakerText: speaker.text,
        cue: cueHit.text,
        confidence,
        provenance: { source: 'rule', model: this.modelName, rule: `cue:${cueHit.cue.lemma}`, score: confidence },
      });
    }
    return out;
  }

  /**
   * The source is whoever speaks first in the clause, named or not: in
   * "Biden said the United States stood with Israel" it is Biden, and in "a
   * source close to Hezbollah said the group would respond" the unnamed
   * source, not the group of the inner cue. "According to X" yields to a
   * speaker ("according to Al-Manar, Nasrallah said"), being only the
   * channel. An infinitive or adjunct participle ("to screen", "after
   * meeting") yields to "according to X" too: it is the narration's own
   * verb, and X the source of all of it. A cue in a relative clause ("The
   * group that claimed the attack said …") yields to the main clause's verb.
   */
  private mainCue(view: SpeakerView, found: readonly FoundHit[]): FoundHit | undefined {
    const closing = this.closingAttribution(view, found);
    if (closing) return closing;
    // "People briefed on the situation said": a participle inside a later cue's subject modifies that subject.
    const modifier = (d: FoundHit) =>
      d.hit.last - d.hit.first === 1 &&
      this.speakers.modifiesNoun(view, d.hit.first) &&
      found.some(
        (o) =>
          o.hit.first > d.hit.last &&
          !view.words.slice(d.hit.last, o.hit.first).some((w) => w === ',' || this.lexicon.grammar.sourceBoundaries.has(w)),
      );
    // "Asked by Stephanopoulos to respond, Carson said": a participle opening the sentence is an adjunct of the
    // clause after its comma.
    const fronted = (d: FoundHit) =>
      d.hit.first === view.sentence.tokenStart &&
      /(?:ed|ing)$/.test(view.words[d.hit.first]!) &&
      found.some(
        (o) => o.hit.first > d.hit.last && view.words.slice(d.hit.last, o.hit.first).includes(',') && this.speakers.isSpeaker(o.speaker),
      );
    // "After the department asked them to search, Hackett said": a subordinate clause before the main one frames nothing.
    const subordinate = (d: FoundHit) => {
      const end = this.frontedSubordinateEnd(view, d.hit.first);
      return end !== -1 && found.some((o) => o.hit.first > end && this.speakers.isSpeaker(o.speaker));
    };
    const finite = (d: FoundHit) =>
      !d.hit.sourceAfter && this.speakers.isSpeaker(d.speaker) && !modifier(d) && !fronted(d) && !subordinate(d);
    const relative = (d: FoundHit) => this.lexicon.grammar.relativeOpeners.has(d.speaker.text?.toLowerCase() ?? '');
    const chosen =
      found.find((d) => finite(d) && !this.speakers.isGoverned(view, d.hit) && !relative(d)) ??
      found.find((d) => finite(d) && !this.speakers.isGoverned(view, d.hit)) ??
      found.find((d) => d.hit.sourceAfter && hasSource(d.speaker)) ??
      found.find(finite) ??
      found.find((d) => hasSource(d.speaker)) ??
      found.find((d) => d.label !== 'claim') ??
      found[0];
    return chosen && (this.reportingFrame(view, found, chosen) ?? chosen);
  }

  /**
   * The comma that closes a subordinate clause opening the sentence (past a
   * sentence adverb: "Interestingly, after …,") when token `at` lies inside
   * it; -1 otherwise.
   */
  private frontedSubordinateEnd({ words, sentence }: SpeakerView, at: number): number {
    let k = sentence.tokenStart;
    if (/ly$/.test(words[k]!) && words[k + 1] === ',') k += 2;
    const { subordinators, participleOpeners } = this.lexicon.grammar;
    if (k >= at || words[k] === 'that' || words[k] === 'but' || (!subordinators.has(words[k]!) && !participleOpeners.has(words[k]!)))
      return -1;
    for (let c = k + 1; c < sentence.tokenEnd; c++) if (words[c] === ',') return c > at ? c : -1;
    return -1;
  }

  /**
   * "He went on to say that some Democrats … are mad at Sanders for
   * agreeing", "Baier started off by asking Rubio why he had stated …": a cue
   * whose subject stands in what an earlier speech verb reports is part of
   * that report, and the speech verb frames the sentence even when it is an
   * infinitive or participle the first choice passed over. The speech verb's
   * own subject stands before it (a fronted "When asked …," speaks through
   * the main clause), it is no infinitive of a noun ("evidence to suggest"),
   * and a comma after it leaves the report only after "that".
   */
  private reportingFrame(view: SpeakerView, found: readonly FoundHit[], chosen: FoundHit): FoundHit | undefined {
    const { words } = view;
    const subjectAt = this.subjectBefore(view, chosen);
    if (subjectAt === -1) return undefined;
    const { inversionCues, relativeOpeners, sourceBoundaries } = this.lexicon.grammar;
    const reports = (d: FoundHit) => {
      const between = words.slice(d.hit.last, subjectAt);
      return !between.some((w) => sourceBoundaries.has(w)) && (words[d.hit.last] === 'that' || !between.includes(','));
    };
    return found.find(
      (d) =>
        d.hit.last <= subjectAt &&
        inversionCues.has(d.hit.cue.lemma) &&
        !d.hit.sourceAfter &&
        this.speakers.isSpeaker(d.speaker) &&
        !relativeOpeners.has(d.speaker.text?.toLowerCase() ?? '') &&
        differentSources(d.speaker, chosen.speaker) &&
        this.subjectBefore(view, d) !== -1 &&
        !this.nounInfinitive(view, d) &&
        reports(d),
    );
  }

  /** "evidence to suggest", "a chance to explain": an infinitive that completes a noun says nothing of the subject's. */
  private nounInfinitive({ doc, words }: SpeakerView, d: FoundHit): boolean {
    const to = d.hit.first - 1;
    if (words[to] !== 'to' || to < 1) return false;
    const tags = partOfSpeech(doc).get(doc.tokens[to - 1]!.start);
    return tags !== undefined && tags.has('Noun') && !tags.has('Verb');
  }

  /**
   * "Eggleston expressed concern about the letter, people familiar with the
   * meeting said.": a cue that closes the sentence after a comma, with no
   * clause of its own after it, reports everything before it; its source is
   * the sentence's, ahead of the cues inside what it reports. So is a closing
   * "according to X": opening a sentence it is only the channel of the
   * speaker after it, closing one it reports the whole.
   */
  private closingAttribution({ doc, words, sentence }: SpeakerView, found: readonly FoundHit[]): FoundHit | undefined {
    const last = found.at(-1);
    if (!last || found.length < 2) return undefined;
    // "X said …, according to a transcript.": the document or outlet after the comma reports what X said.
    // A stance it closes ("X praised Y, according to Z") stays X's: only reported speech yields to it.
    if (last.hit.sourceAfter) {
      const speech = found.every((d) => d === last || this.lexicon.grammar.inversionCues.has(d.hit.cue.lemma));
      return speech && words[last.hit.first - 1] === ',' && hasSource(last.speaker) ? last : undefined;
    }
    if (/ing$/.test(words[last.hit.first]!)) return undefined;
    const { inversionCues, prepositions, timeWords, timeLeads } = this.lexicon.grammar;
    if (!inversionCues.has(last.hit.cue.lemma) || !this.speakers.isSpeaker(last.speaker)) return undefined;
    let comma = last.hit.first - 1;
    while (comma > sentence.tokenStart && words[comma] !== ',' && last.hit.first - comma <= CLOSING_SUBJECT_WORDS) comma--;
    if (words[comma] !== ',' || found.some((d) => d !== last && d.hit.first > comma)) return undefined;
    // Only the sentence's end or an adjunct ("in a statement", "on Tuesday") follows a closing cue, or its subject when inverted.
    const next = words[last.hit.last]!;
    const time = timeWords.has(next) || (timeLeads.has(next) && timeWords.has(words[last.hit.last + 1] ?? ''));
    const adjunct = /^[.!?;]$/.test(next) || prepositions.has(next) || time;
    if (!adjunct && !(comma === last.hit.first - 1 && this.speakerFollows(doc, last))) return undefined;
    // "…, he said the plan would fail": a verb after the cue opens the content, and the cue is no closing frame.
    const tags = partOfSpeech(doc);
    for (let k = last.hit.last; k < sentence.tokenEnd; k++) {
      if (words[k] === 'that' || words[k] === ':' || /^[“"]$|^''$/.test(words[k]!)) return undefined;
      const tag = tags.get(doc.tokens[k]!.start);
      if (tag && (tag.has('Verb') || tag.has('Auxiliary')) && !tag.has('Noun') && !tag.has('Adjective')) return undefined;
    }
    return last;
  }

  /** Where the words of a cue's speaker start, searched back from the cue within its sentence: -1 when they have no words or are not there. */
  private subjectBefore({ words, sentence }: SpeakerView, d: FoundHit): number {
    const first = d.speaker.text
      ?.toLowerCase()
      .split(/[\s,]+/)[0]
      ?.replace(/'s$/, '');
    if (!first) return -1;
    const from = Math.max(sentence.tokenStart, d.hit.first - SUBJECT_SEARCH_WORDS);
    for (let k = d.hit.first - 1; k >= from; k--) if (words[k] === first) return k;
    return -1;
  }

  /** Whether a cue's speaker is named right after it: "…, said Colonel Tom Blake". */
  private speakerFollows(doc: SpeakerView['doc'], found: FoundHit): boolean {
    const cueEnd = doc.tokens[found.hit.last - 1]!.end;
    const { mention, text } = found.speaker;
    if (mention !== null) {
      const start = doc.mentions[mention]!.start;
      return start >= cueEnd && start - cueEnd <= INVERTED_SPEAKER_GAP;
    }
    // Only the text just after the cue is searched: a search to the document's end for each cue would grow with its length.
    const phrase = text ?? '\u0000';
    return doc.text.slice(cueEnd, cueEnd + INVERTED_SPEAKER_GAP + phrase.length).includes(phrase);
  }

  /**
   * "…, which the Pentagon says held drones, Hamdan said": a report in a
   * relative clause with a source of its own is its own statement, spanning
   * the relative clause; the words before and after it stay statements of
   * the sentence's source where they hold more than a name and a verb (as
   * the guideline's gold splits "Barnier, who according to … , says …").
   */
  private withEmbeddedReports(view: SpeakerView, span: Span, found: FoundHit[]): Clause[] {
    // Only a second source splits a sentence: "…, which he said were …" after his own cue stays one statement.
    const ownSource = (d: FoundHit) => found.some((other) => other !== d && !differentSources(other.speaker, d.speaker));
    const inners = found.map((d) => (ownSource(d) ? undefined : this.embeddedReportSpan(view, d)));
    const index = inners.findIndex((inner) => inner !== undefined);
    if (index === -1) return this.clauses(view, span, found);
    const inner = inners[index]!;
    const rest = found.filter((_, k) => k !== index);
    const { doc } = view;
    const before = { start: span.start, end: trimEnd(doc.text, inner.start) };
    const afterStart = doc.text.slice(inner.end).search(/[^\s,;]/);
    const after = { start: afterStart === -1 ? span.end : inner.end + afterStart, end: span.end };
    const pieces = [before, after].filter((piece) => rest.length > 0 && wordsIn(doc.text.slice(piece.start, piece.end)) >= MIN_PIECE_WORDS);
    return [...pieces.map((piece) => ({ span: piece, hits: rest })), { span: inner, hits: [found[index]!] }];
  }

  /** The span of ", which X says …" (or ", who according to X …") up to the next comma, when `d` is that clause's cue and X a source; undefined otherwise. */
  private embeddedReportSpan({ doc, words, sentence }: SpeakerView, d: FoundHit): Span | undefined {
    const { relativePronouns } = this.lexicon.grammar;
    if (/ing$/.test(d.hit.text) || !this.speakers.isSpeaker(d.speaker)) return undefined;
    if (relativePronouns.has(d.speaker.text?.toLowerCase() ?? '')) return undefined;
    // ", who according to French media is …": the source follows the cue, right after the pronoun.
    let r = d.hit.first - 1;
    while (!d.hit.sourceAfter && r > sentence.tokenStart && d.hit.first - r <= EMBEDDED_SUBJECT_WORDS && !relativePronouns.has(words[r]!)) {
      if (/^[,;:“”"]$|^''$/.test(words[r]!)) return undefined;
      r--;
    }
    if (!relativePronouns.has(words[r]!) || words[r - 1] !== ',' || (!d.hit.sourceAfter && r === d.hit.first - 1)) return undefined;
    let end = d.hit.last;
    while (end < sentence.tokenEnd && !/^[,;]$/.test(words[end]!)) end++;
    const last = end < sentence.tokenEnd ? end - 1 : sentence.tokenEnd - 1;
    return { start: doc.tokens[r]!.start, end: trimEnd(doc.text, doc.tokens[last]!.end) };
  }

  /**
   * ANNOTATION.md splits a sentence into clauses only where it holds two
   * stances ("praised the attack and vowed to respond") or two sources
   * ("X said A, while Y said B"): at the conjunction between the two.
   */
  private clauses(view: SpeakerView, span: Span, found: FoundHit[]): Clause[] {
    const { doc } = view;
    const splitAt = this.stanceSplit(view, found) ?? this.sourceSplit(view, found) ?? -1;
    if (splitAt === -1) return [{ span, hits: found }];
    const boundary = doc.tokens[splitAt]!;
    return [
      { span: { start: span.start, end: trimEnd(doc.text, boundary.start) }, hits: found.filter((d) => d.hit.first < splitAt) },
      { span: { start: doc.tokens[splitAt + 1]!.start, end: span.end }, hits: found.filter((d) => d.hit.first > splitAt) },
    ];
  }

  /** The conjunction between the first stance and a later one of another label. */
  private stanceSplit({ words }: SpeakerView, found: FoundHit[]): number | undefined {
    const stances = found.filter((d) => d.label !== 'claim');
    const first = stances[0];
    const second = first && stances.find((d) => d.label !== first.label && d.hit.first > first.hit.last);
    if (!first || !second) return undefined;
    const at = this.conjunctionBetween(words, first.hit.last, second.hit.first, this.lexicon.grammar.clauseConjunctions);
    return at === -1 ? undefined : at;
  }

  /**
   * The clause boundary ("; ", "but", "while", ", and") before the subject of
   * a later cue whose source differs from the one before it. An inner report
   * ("X said Y told him …") has no such boundary and stays one statement.
   */
  private sourceSplit(view: SpeakerView, found: FoundHit[]): number | undefined {
    for (let i = 1; i < found.length; i++) {
      const a = found[i - 1]!;
      const b = found[i]!;
      if (a.hit.sourceAfter || b.hit.sourceAfter || b.hit.text.endsWith('ing') || !differentSources(a.speaker, b.speaker)) continue;
      // Both must be sources by their words ("the case", "the high cost" are not): a wrong subject must not split a sentence.
      if (!this.speakers.isSpeaker(a.speaker) || !this.speakers.isSpeaker(b.speaker)) continue;
      const mention = b.speaker.mention === null ? undefined : view.doc.mentions[b.speaker.mention];
      const subjectStart =
        mention && mention.start > view.doc.tokens[a.hit.last]!.start
          ? view.doc.tokens.findIndex((t) => t.start === mention.start)
          : b.hit.first;
      // A fronted clause speaks through a finite verb of its own: "Though it is hard to assess …" reports no one.
      const fronted = this.speakers.isGoverned(view, a.hit) ? undefined : this.frontedClauseEnd(view, a.hit.last, subjectStart);
      const at = fronted ?? this.conjunctionBetween(view.words, a.hit.last, subjectStart, this.lexicon.grammar.sourceBoundaries);
      if (at === -1) continue;
      // ", and" joins clauses; a bare "and" may join the subject's own words ("X and Y said").
      if (view.words[at] === 'and' && view.words[at - 1] !== ',') continue;
      return at;
    }
    return undefined;
  }

  /**
   * The comma that closes a subordinate clause opening the sentence ("While
   * X has condemned the strikes, Y say …", "After X accused Y, Z said …"),
   * when it lies between the two cues' clauses; undefined if none.
   */
  private frontedClauseEnd({ words, sentence }: SpeakerView, from: number, to: number): number | undefined {
    let k = sentence.tokenStart;
    while (k < from && /^[“"‘'(]$/.test(words[k]!)) k++;
    if (!this.lexicon.grammar.frontedClauseOpeners.has(words[k]!)) return undefined;
    for (k = from; k < to; k++) if (words[k] === ',') return k;
    return undefined;
  }

  private confidence(cueHit: CueHit, label: StanceLabel, speaker: Speaker): number {
    const weights = this.lexicon.grammar.confidence;
    let confidence = label === cueHit.cue.label ? cueHit.cue.strength : weights.labelNotTheCues;
    if (speaker.entity !== null) confidence += weights.namedSpeakerBonus;
    else if (speaker.text === null) confidence -= weights.noSpeakerPenalty;
    return roundConfidence(confidence);
  }

  private conjunctionBetween(words: readonly string[], from: number, to: number, conjunctions: ReadonlySet<string>): number {
    for (let i = to - 1; i >= from; i--) if (conjunctions.has(words[i]!)) return i;
    return -1;
  }
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /[\s,]/.test(text[end - 1]!)) end--;
  return end;
}

/** A confidence kept inside [0.05, 0.99], to two decimals. */
export function roundConfidence(value: number): number {
  return Math.round(Math.min(0.99, Math.max(0.05, value)) * 100) / 100;
}
