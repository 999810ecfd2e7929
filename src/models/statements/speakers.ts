import { firstTokenOf, joinsNeighbours, mentionEndingAt, mentionsIn, spanText } from '../../document/queries.js';
import type { StatementCandidate } from '../types.js';
import type { Document, Token } from '../../document/types.js';
import { partOfSpeech } from '../pos/tag-lookup.js';
import { betweenSubjectAndVerb, type CueHit, type SentenceView } from './cue-finder.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';
import { describedOrganization } from './speaker-linking.js';
import { findingSource } from './finding-source.js';
import type { OrganizationKinds } from './organization-kinds.js';
import type { VerbCue } from '../../resources/cue-index.js';
import {
  antecedent,
  latestStatement,
  newlyIntroduced,
  hasSource,
  NO_SPEAKER,
  personWithRole,
  salientSpeaker,
  type Reference,
  type Speaker,
} from './speaker-reference.js';

/** A subject phrase: its first and last token, its head (before any preposition) and its words. */
interface NounPhrase {
  start: number;
  end: number;
  head: number;
  text: string;
}

/** The most words a relative clause inside a subject may hold: "The group that claimed the attack on the base". */
const RELATIVE_CLAUSE_REACH = 10;

/** The most words between a passive cue and the "by" of its agent: "was first reported last week by". */
/** The most words of a description between a preposition and the name it describes: "of the Dutch think tank X". */
const DESCRIPTION_WORDS = 6;

const PASSIVE_AGENT_REACH = 6;

/** The cue of a verb found only to locate a subject. */
const NO_CUE: VerbCue = { lemma: '', label: 'claim', strength: 0, requiresHarm: false, requiresSupport: false };

/** Punctuation no subject phrase reaches across: a comma, colon, bracket, quotation mark or dash. */
const CLAUSE_BREAK = /^[,;:()“”"—–]$|^''$/;

/** The most words between "with" and the participle whose subject they are: "with the country's foreign minister warning". */
const WITH_SUBJECT_WORDS = 6;

/** A sentence being read, with the statements already found before it (for pronouns and "the statement"). */
export interface SpeakerView extends SentenceView {
  earlier: readonly StatementCandidate[];
}

/** A pronoun without the auxiliary written on to it: "they've" → "they", "I’d" → "I". */
function withoutAuxiliary(word: string): string {
  return word.replace(/['’](?:s|ve|d|ll|re|m)$/, '');
}

/** How many words a source after its cue may run to ("according to exit polls conducted for the AP by Edison Research"). */
const SOURCE_AFTER_WORDS = 16;
/** How many words the object of "led … to say" may span. */
const CONTROLLER_REACH = 8;
/** An object pronoun read as the subject it stands for. */
const OBJECT_PRONOUNS: ReadonlyMap<string, string> = new Map([
  ['him', 'he'],
  ['her', 'she'],
  ['them', 'they'],
]);

/**
 * Finds the speaker of a cue: the subject of its clause (its head, past
 * auxiliaries, time phrases, appositives and parentheses), the name after
 * it ("said X", "according to X", a passive's "by X"), and pronouns or
 * descriptions resolved to the source they refer to.
 */
export class SpeakerFinder {
  constructor(
    private readonly lexicon: StatementLexicon,
    private readonly organizationKinds?: OrganizationKinds,
  ) {}

  find(view: SpeakerView, hit: CueHit): Speaker {
    const { words } = view;
    if (hit.sourceAfter) return this.after(view, hit.last, true);
    // Passive: "the suspension was announced by Kata'ib Hizballah", "as first reported by Politico".
    // ("concluded by admonishing journalists": "by" before a gerund says how, not who.)
    if (words[hit.last] === 'by' && !/ing$/.test(words[hit.last + 1] ?? '') && this.isPassive(view, hit))
      return this.after(view, hit.last + 1, true);
    // "was recommended for the job by X", "was first reported last week by X": the agent after an adjunct.
    const agent = this.delayedAgent(view, hit);
    if (agent !== -1) return this.after(view, agent + 1, true);
    // "He was accused of incitement", "doctors were said to be struggling": with no agent the source is unnamed, and
    // the subject is whom it was said of. "X was quoted as saying" still speaks through its subject.
    if (this.isAgentlessPassive(view, hit)) return NO_SPEAKER;
    if (hit.findingSource !== undefined) return findingSource(view, hit, hit.findingSource, this.lexicon);
    return this.controller(view, hit) ?? this.subject(view, hit);
  }

  /**
   * "The victory led RNC Chairman Reince Priebus to declare", "forced him
   * to admit": an infinitive after the object of a verb of causing is
   * spoken by that object, not by the clause's subject. (After a verb of
   * urging, "pushing senators to reject", the speech has not happened.)
   */
  private controller(view: SpeakerView, hit: CueHit): Speaker | undefined {
    const { words, sentence } = view;
    if (words[hit.first - 1] !== 'to' || hit.first - 2 < sentence.tokenStart) return undefined;
    const objectEnd = hit.first - 2;
    if (!/^[\p{L}\d]/u.test(words[objectEnd]!)) return undefined;
    for (let k = objectEnd - 1; k >= Math.max(sentence.tokenStart, objectEnd - CONTROLLER_REACH); k--) {
      // "felt compelled to come off the sidelines to speak out": an object holds no infinitive of its own.
      if (/^[,;:]$/.test(words[k]!) || words[k] === 'to') return undefined;
      if (!this.lexicon.grammar.objectControlVerbs.has(words[k]!)) continue;
      const subjectForm = OBJECT_PRONOUNS.get(words[objectEnd]!);
      if (subjectForm && objectEnd === k + 1) return this.pronoun(view, objectEnd, subjectForm);
      const object = this.subjectEndingAt(view, k + 1, objectEnd);
      return hasSource(object) ? object : undefined;
    }
    return undefined;
  }

  private isAgentlessPassive(view: SpeakerView, hit: CueHit): boolean {
    const { words, sentence } = view;
    const word = words[hit.first]!;
    if (hit.last - hit.first !== 1 || words[hit.last] === 'as') return false;
    if (!word.endsWith('ed') && !this.lexicon.grammar.irregularParticiples.has(word)) return false;
    const k = this.passiveAuxiliary(view, hit);
    // "Lai stands accused of collusion": a stative verb carries the passive as "is" does.
    const { passiveAuxiliaries, stativePassiveVerbs } = this.lexicon.grammar;
    return k >= sentence.tokenStart && (passiveAuxiliaries.has(words[k]!) || stativePassiveVerbs.has(words[k]!));
  }

  /** The "by" of a passive cue's agent a few words after the cue, within its clause; -1 if none. */
  private delayedAgent(view: SpeakerView, hit: CueHit): number {
    const { words, sentence } = view;
    const end = Math.min(sentence.tokenEnd, hit.last + 1 + PASSIVE_AGENT_REACH);
    const auxiliary = this.passiveAuxiliary(view, hit);
    if (auxiliary < sentence.tokenStart || !this.lexicon.grammar.passiveAuxiliaries.has(words[auxiliary]!)) return -1;
    for (let k = hit.last; k < end && !/^[,;:.!?“”"()]$|^''$|^--?$/.test(words[k]!); k++) {
      if (this.lexicon.grammar.subordinators.has(words[k]!)) return -1;
      if (words[k] === 'by') return k;
    }
    return -1;
  }

  /**
   * Whether a cue followed by "by" is a passive whose agent speaks: after an
   * auxiliary ("was first reported by"), or for a reporting verb after "as"
   * or a comma ("as reported by X", "the plan, first announced by X,"); a
   * stance participle after a comma describes its noun ("Hezbollah, backed
   * by Iran,").
   */
  private isPassive(view: SentenceView, hit: CueHit): boolean {
    const { words, sentence } = view;
    const k = this.passiveAuxiliary(view, hit);
    if (k >= sentence.tokenStart && this.lexicon.grammar.passiveAuxiliaries.has(words[k]!)) return true;
    // "a measure strongly opposed by unions": a participle that modifies the noun before it.
    if (this.modifiesNoun(view, hit.first)) return true;
    return this.lexicon.grammar.inversionCues.has(hit.cue.lemma) && (k < sentence.tokenStart || words[k] === 'as' || words[k] === ',');
  }

  /** The auxiliary before a cue, past adverbs ("was first", "has been"), or the first word before it that is none. */
  private passiveAuxiliary({ doc, words, sentence }: SentenceView, hit: CueHit): number {
    const { passiveAuxiliaries, skippedBeforeVerb } = this.lexicon.grammar;
    let k = hit.first - 1;
    while (k >= sentence.tokenStart && (skippedBeforeVerb.has(words[k]!) || /^\p{Ll}{3,}ly$/u.test(doc.tokens[k]!.text))) {
      if (passiveAuxiliaries.has(words[k]!)) return k;
      k--;
    }
    return k;
  }

  /** A speaker that is an entity, or a phrase whose words say who speaks ("a senior official", "the group"). */
  isSpeaker(speaker: Speaker): boolean {
    if (speaker.entity !== null) return true;
    const words = (speaker.text ?? '').toLowerCase().split(/[\s,]+/);
    // "In a statement posted on Telegram, X praised …": a subject does not start with a preposition.
    if (this.lexicon.grammar.prepositions.has(words[0] ?? '')) return false;
    const { sourceNouns, personNouns, groupNouns } = this.lexicon.cues;
    const names = (w: string) => sourceNouns.has(w) || personNouns.has(w) || groupNouns.has(w);
    // "many economists", "party chairmen": the plural of a person noun names people too.
    const singulars = (w: string) => (/men$/.test(w) ? [w.replace(/men$/, 'man')] : /s$/.test(w) ? [w.slice(0, -1), w.slice(0, -2)] : []);
    // "One in three said", "47% say", "half of them said": a subject that opens with a count of a group counts people.
    const [first = '', second = ''] = words;
    const count = this.countWord(first) && (/^\d/.test(first) || this.countWord(second) || this.lexicon.grammar.prepositions.has(second));
    return words.some((w) => names(w) || singulars(w).some(names)) || count;
  }

  /** The clause start: the sentence start (after any dateline), or just after a quotation, semicolon or subordinator before the cue. */
  private clauseStart(view: SpeakerView, hit: CueHit): number {
    const { doc, words, sentence } = view;
    const { tokens } = doc;
    let clauseStart = sentence.tokenStart;
    const dateline = doc.zones.find(
      (z) => z.kind === 'dateline' && z.start <= tokens[clauseStart]!.start && tokens[clauseStart]!.start < z.end,
    );
    if (dateline) while (clauseStart < hit.first && tokens[clauseStart]!.start < dateline.end) clauseStart++;
    const { subordinators } = this.lexicon.grammar;
    let beforeCue = hit.first - 1;
    while (beforeCue > clauseStart && betweenSubjectAndVerb(view, beforeCue, this.lexicon.grammar)) beforeCue--;
    const relativeAside = this.relativeAsideBefore(view, clauseStart, beforeCue);
    const coordinated = this.lexicon.grammar.coordinators.has(words[beforeCue]!);
    const asideStart = this.asideBefore(view, clauseStart, beforeCue);
    for (let i = hit.first - 1; i >= clauseStart; i--) {
      // "Berisha, who resigned … after being defeated in 2013, rejected …": nothing in the aside opens the cue's clause.
      if (relativeAside !== -1 && i > relativeAside && i < beforeCue) i = relativeAside;
      const t = tokens[i]!;
      const quoteEnd = (t.text === '”' || t.text === '"' || t.text === "''") && this.spokenQuoteEnd(view, t);
      // "that" opens a clause only after a verb ("said that"), not as a determiner ("that official").
      // ", though," is an aside, not a clause opener.
      // ", after a meeting …, told": a subordinate clause set off by commas right up to the cue is an aside too.
      // Adverbs and auxiliaries may stand between that comma and the cue: "X, after the vote, initially said".
      // So is one inside a participle's aside: "X, speaking after the governor, said".
      const aside = words[i + 1] === ',' || (asideStart !== -1 && i > asideStart && i < beforeCue);
      // "went after Trump on Wednesday and asserted": a subordinator that may open a verbless phrase, with no verb
      // between it and a cue coordinated with what came before, is a preposition; so is "because of".
      const subordinate =
        subordinators.has(words[i]!) &&
        i < hit.first - 1 &&
        !aside &&
        (words[i] !== 'that' || this.lexicon.cues.verbs.has(words[i - 1] ?? '')) &&
        words[i + 1] !== 'of' &&
        !(coordinated && this.lexicon.grammar.participleOpeners.has(words[i]!) && !this.holdsVerb(view, i + 1, hit.first));
      if (t.text === ';' || quoteEnd || subordinate) return i + 1;
    }
    return clauseStart;
  }

  /** The comma opening the aside set off by commas that closes at `comma` right before a cue, or -1. */
  private asideBefore({ words }: SentenceView, clauseStart: number, comma: number): number {
    if (words[comma] !== ',') return -1;
    let k = comma - 1;
    while (k > clauseStart && words[k] !== ',') k--;
    return words[k] === ',' ? k : -1;
  }

  /** The comma opening a relative clause set off by commas that closes at `comma` (", who …,"), or -1. */
  private relativeAsideBefore(view: SentenceView, clauseStart: number, comma: number): number {
    const k = this.asideBefore(view, clauseStart, comma);
    return k !== -1 && this.lexicon.grammar.relativePronouns.has(view.words[k + 1]!) ? k : -1;
  }

  /**
   * Whether the quotation closing at `end` is speech that ends a clause
   * ("“We will win,” she said"), not a quoted word or title inside narration
   * (He called it “shameful” and said …; visited “Today” to discuss …): its
   * opening mark starts the sentence or follows punctuation.
   */
  private spokenQuoteEnd({ doc, quotes, sentence }: SpeakerView, mark: Token): boolean {
    const quote = quotes.find((q) => q.end === mark.end);
    // A straight mark closes a quotation only where one ends; an unmatched curly one is taken as closing.
    if (!quote) return mark.text === '”';
    if (quote.start <= sentence.start) return true;
    const before = doc.text.slice(sentence.start, quote.start);
    return /[,:;([—–-]\s*$/u.test(before) || /^\s*$/.test(before);
  }

  private subject(view: SpeakerView, hit: CueHit): Speaker {
    // A governed cue looks for its clause's main verb, whose subject may lead back to the cue: read each verb once.
    if (this.reading.has(hit.first)) return NO_SPEAKER;
    this.reading.add(hit.first);
    try {
      return this.subjectOf(view, hit);
    } finally {
      this.reading.delete(hit.first);
    }
  }

  /** Token indices of the verbs whose subject is being read. */
  private readonly reading = new Set<number>();

  private subjectOf(view: SpeakerView, hit: CueHit): Speaker {
    const { words } = view;
    const clauseStart = this.clauseStart(view, hit);
    const governed = this.governedCue(view, hit, clauseStart);
    if (governed) return governed;
    // A participle after a comma (", saying …", ", calling on …") belongs to the clause's main subject.
    if (words[hit.first - 1] === ',' && words[hit.first]!.endsWith('ing')) {
      const main = this.mainSubject(view, clauseStart, hit.first - 1);
      // "Nate Cohn, writing in the Times, noticed …": with no verb before it, the participle is an aside after the subject.
      return hasSource(main) || hit.first - 2 < clauseStart ? main : this.subjectEndingAt(view, clauseStart, hit.first - 2);
    }
    // "…, with Cavusoglu warning that …": after "with", the participle's own subject stands right before it.
    const withSubject = this.withClauseSubject(view, hit, clauseStart);
    if (withSubject) return withSubject;
    // "emailed supporters saying …", "carried banners denouncing …": a participle after the object of a verb speaks
    // for that verb's subject.
    if (words[hit.first]!.endsWith('ing') && hit.last - hit.first === 1 && words[hit.first - 1] !== ',') {
      const main = this.mainSubject(view, clauseStart, hit.first);
      // "It is worth noting": an empty "it" speaks for no one.
      if (hasSource(main) && main.text?.toLowerCase() !== 'it') return main;
    }
    // "…, said Batchelder." / "…, said an official.": the source follows the cue and ends the clause.
    // Only a reporting verb comes before its subject; after "told" or "praised" the name is the listener or the object.
    // A quotation closed after its comma counts as the comma: "… is ''working hard,'' said X."
    const closedQuote = /^[”"]$|^''$/.test(words[hit.first - 1] ?? '') && words[hit.first - 2] === ',';
    if ((words[hit.first - 1] === ',' || closedQuote) && this.lexicon.grammar.inversionCues.has(hit.cue.lemma)) {
      // A relative clause may follow the source only where what comes before the comma is speech, not a subject's
      // apposition ("X's manager, Y, said the staff member who …").
      const afterSpeech = closedQuote || this.firstVerbIn(view, view.sentence.tokenStart, hit.first - 2) !== -1;
      const inverted = this.invertedSpeaker(view, hit, afterSpeech);
      if (inverted) return inverted;
    }
    const example = this.exemplified(view, clauseStart, hit.first - 1);
    if (example) return example;
    let j = this.skipToSubjectEnd(view, hit.first - 1, clauseStart);
    // "X, who faces charges of “inciting violence,” denies": the comma inside the closing quotation ends the aside.
    if (j > clauseStart && /^(?:["”]|'')$/.test(words[j]!) && words[j - 1] === ',') j--;
    if (j >= clauseStart && words[j] === ')') {
      // "Kata'ib Hizballah (KH) said": the subject is before the parenthesis.
      let k = j - 1;
      while (k >= clauseStart && words[k] !== '(') k--;
      if (k > clauseStart) j = k - 1;
    }
    if (j >= clauseStart && words[j] === ',') {
      // Appositives and asides between subject and verb: "Abu Obeida, the spokesman for Hamas’s armed wing, the
      // Qassam Brigades, said"; "The Houthis' military spokesman, Yahya Saree, said": the first part that is a name.
      const named = this.namedSegment(view, clauseStart, j);
      if (named) return named;
      let k = j - 1;
      while (k >= clauseStart && words[k] !== ',') k--;
      if (k >= clauseStart) {
        const before = this.subjectBefore(view, hit, clauseStart, this.skipToSubjectEnd(view, k - 1, clauseStart));
        return this.withAppositive(view, before, k, j);
      }
    }
    return this.subjectBefore(view, hit, clauseStart, j);
  }

  /** The subject of a participle in a "with" clause ("with officials saying …"), when a noun phrase of its own precedes it. */
  private withClauseSubject(view: SpeakerView, hit: CueHit, clauseStart: number): Speaker | undefined {
    const { words } = view;
    if (!words[hit.first]!.endsWith('ing') || hit.last - hit.first !== 1) return undefined;
    for (let k = hit.first - 2; k >= Math.max(clauseStart, hit.first - 1 - WITH_SUBJECT_WORDS); k--) {
      if (CLAUSE_BREAK.test(words[k]!)) return undefined;
      if (words[k] !== 'with') continue;
      // "with Cruz recently promising": adverbs stand between; "met with reporters and affirming" coordinates verbs.
      const end = this.skipToSubjectEnd(view, hit.first - 1, k + 1);
      if (end <= k || this.lexicon.grammar.coordinators.has(words[end]!)) return undefined;
      const subject = this.subjectEndingAt(view, k + 1, end);
      return hasSource(subject) ? subject : undefined;
    }
    return undefined;
  }

  /**
   * "James Roe, the agency's director, said" where no name was recognised:
   * an unnamed subject's words run on through its appositive, which says
   * who the source is.
   */
  private withAppositive({ doc, sentence }: SpeakerView, speaker: Speaker, firstComma: number, lastComma: number): Speaker {
    if (speaker.entity !== null || speaker.text === null) return speaker;
    // An appositive is a noun phrase ("the agency's director"), not an aside ("though", "as spelled out in …",
    // "including …"), nor a relative clause ("who asked not to be named"), which says what the source did, not who it is.
    const next = doc.tokens[firstComma + 1]!;
    // Nor a subordinate clause (", when contacted by Reuters,").
    const { relativeOpeners, subordinators, participleOpeners } = this.lexicon.grammar;
    const opener = next.text.toLowerCase();
    if (relativeOpeners.has(opener) || subordinators.has(opener) || participleOpeners.has(opener)) return speaker;
    const tags = partOfSpeech(doc).get(next.start);
    if (!tags || ['Adverb', 'Conjunction', 'Preposition', 'Verb'].some((tag) => tags.has(tag))) return speaker;
    const commaAt = doc.tokens[firstComma]!.start;
    const at = doc.text.lastIndexOf(speaker.text, commaAt);
    if (at < sentence.start || doc.text.slice(at + speaker.text.length, commaAt).trim() !== '') return speaker;
    return { ...speaker, text: doc.text.slice(at, doc.tokens[lastComma - 1]!.end) };
  }

  /** The subject of a cue whose subject phrase ends at token `j` (after skipping what stands between it and the cue). */
  private subjectBefore(view: SpeakerView, hit: CueHit, clauseStart: number, j: number): Speaker {
    const { words } = view;
    if (j < clauseStart) return this.subjectlessClause(view, hit, clauseStart);
    // "..., said X" where the words before are not a subject.
    if (words[j] === ',' || words[j] === ':') return this.after(view, hit.last);
    // A coordinated verb ("addressed the girls and said …") shares the first verb's subject.
    if (this.lexicon.grammar.coordinators.has(words[j]!)) return this.mainSubject(view, clauseStart, j);
    // "the hard work she promised": a subject pronoun right before the cue is its subject, whatever clause holds it.
    if (this.bareSubjectPronoun(view, j)) return this.subjectEndingAt(view, clauseStart, j);
    // "X, who says …": the relative pronoun stands for the name before the comma.
    if (this.lexicon.grammar.relativePronouns.has(words[j]!) && words[j - 1] === ',' && j - 2 >= clauseStart) {
      const antecedentSpeaker = this.subjectEndingAt(view, clauseStart, j - 2);
      // The words that name the source here are "who", named antecedent or not; the entity says whom it stands for.
      return { ...antecedentSpeaker, text: view.doc.tokens[j]!.text };
    }
    // "farmers who complained", "a group that endorsed": the relative pronoun is the source's words.
    if (this.lexicon.grammar.relativeOpeners.has(words[j]!) && j > clauseStart) return this.relativeSubject(view, j);
    // "The group that claimed the attack said": the relative clause is inside the subject, whose head comes before it.
    // Its words stay the whole phrase ("sources who reviewed them"), as the text names the source.
    const relative = this.restrictiveRelativeBefore(view, clauseStart, j);
    if (relative !== -1) return this.withRelativeClause(view, this.subjectEndingAt(view, clauseStart, relative - 1), relative, j);
    const conjunct = this.firstConjunct(view, clauseStart, j);
    if (conjunct) return conjunct;
    return this.apposedPerson(view, clauseStart, j) ?? this.subjectEndingAt(view, clauseStart, j);
  }

  /**
   * A cue with no subject before it in its clause: after a coordinator it
   * shares the subject of the clause before ("X backed the plan but has since
   * said …"); after a quotation or at the sentence's start, its speaker
   * follows it ("“…,” said X").
   */
  private subjectlessClause(view: SpeakerView, hit: CueHit, clauseStart: number): Speaker {
    const { words, sentence } = view;
    if (clauseStart > sentence.tokenStart && this.lexicon.grammar.coordinators.has(words[clauseStart - 1]!)) {
      const outerStart = this.clauseStart(view, { ...hit, first: clauseStart - 1 });
      const shared = this.mainSubject(view, outerStart, clauseStart - 1);
      if (hasSource(shared)) return shared;
    }
    return clauseStart > sentence.tokenStart || hit.first === sentence.tokenStart ? this.after(view, hit.last) : NO_SPEAKER;
  }

  /** The "that" or "who" opening a relative clause (no comma before it) that runs up to token `j`, its verb right after it; -1 if none. */
  private restrictiveRelativeBefore({ doc, words }: SpeakerView, clauseStart: number, j: number): number {
    const tags = partOfSpeech(doc);
    for (let k = j - 1; k > clauseStart && k >= j - RELATIVE_CLAUSE_REACH; k--) {
      if (CLAUSE_BREAK.test(words[k]!)) return -1;
      if (!this.lexicon.grammar.relativeOpeners.has(words[k]!) || words[k - 1] === ',') continue;
      const verb = tags.get(doc.tokens[k + 1]!.start);
      return verb?.has('Verb') && !verb.has('Noun') ? k : -1;
    }
    return -1;
  }

  /**
   * "The head of UNICEF": a role phrase that names its organization after
   * the head is the person the text gave a role there, not the person
   * mentioned last. A phrase with no such name fits anyone.
   */
  private servesNamedOrganization(doc: Document, phrase: NounPhrase, person: number): boolean {
    const named = mentionsIn(doc, doc.tokens[phrase.head]!.end, doc.tokens[phrase.end]!.end)
      .map((m) => doc.mentions[m]!.entity)
      .filter((e) => e !== undefined && doc.entities[e]!.type !== 'PERSON');
    return named.length === 0 || (doc.entities[person]!.roles ?? []).some((role) => role.of !== null && named.includes(role.of));
  }

  /** A subject's words extended over the relative clause from token `relative` to token `j`. */
  private withRelativeClause({ doc }: SpeakerView, head: Speaker, relative: number, j: number): Speaker {
    if (head.text === null) return head;
    const start = doc.text.lastIndexOf(head.text, doc.tokens[relative]!.start);
    return start === -1 ? head : { ...head, text: doc.text.slice(start, doc.tokens[j]!.end) };
  }

  /** The relative pronoun at `j` as a subject: its own words, and the name right before it as the entity it stands for. */
  private relativeSubject({ doc }: SpeakerView, j: number): Speaker {
    const text = doc.tokens[j]!.text;
    const named = mentionEndingAt(doc, doc.tokens[j - 1]!.end);
    if (named === undefined || doc.mentions[named]!.type === 'LOCATION') return { mention: null, entity: null, text };
    return { mention: named, entity: doc.mentions[named]!.entity ?? null, text };
  }

  /**
   * A cue that is no finite verb of its own speaks for the clause's main
   * subject: an infinitive ("took his daughter there to explain", "seems to
   * agree") or a participle after a preposition ("upon saying"). When the
   * infinitive or participle opens the clause as an adjunct ("After blasting
   * the report, Beck doubled down"), the subject comes after its comma.
   */
  private governedCue(view: SpeakerView, hit: CueHit, clauseStart: number): Speaker | undefined {
    const marker = this.governingMarker(view, hit);
    if (marker === -1 || marker < clauseStart) return undefined;
    const before = this.mainSubject(view, clauseStart, marker);
    if (hasSource(before)) return before;
    const { words } = view;
    const { participleOpeners, prepositions } = this.lexicon.grammar;
    const adjunctOpens = marker === clauseStart || participleOpeners.has(words[clauseStart]!) || prepositions.has(words[clauseStart]!);
    return adjunctOpens ? this.subjectAfterAdjunct(view, hit.last) : before;
  }

  /** Whether a cue is an infinitive, a participle after a preposition or a verbless phrase, which speaks only through the clause's main verb. */
  isGoverned(view: SentenceView, hit: CueHit): boolean {
    return this.governingMarker(view, hit) !== -1;
  }

  /** The "to" or preposition that makes a cue an infinitive ("to explain") or an adjunct participle ("upon saying"); -1 if none. */
  private governingMarker({ doc, words, sentence }: SentenceView, hit: CueHit): number {
    // "called the claims baseless in a statement": a phrase with no verb of its own reports the clause's verb.
    if (hit.cue.noVerb) return hit.first;
    let k = hit.first - 1;
    if (k > sentence.tokenStart && /^\p{Ll}{3,}ly$/u.test(doc.tokens[k]!.text)) k--;
    if (k < sentence.tokenStart) return -1;
    const infinitive = words[k] === 'to';
    const participle = /(?:ing|ed)$/.test(words[hit.first]!) && this.lexicon.grammar.participleOpeners.has(words[k]!);
    return infinitive || participle ? k : -1;
  }

  /** The subject of the first verb after the comma that closes an adjunct opening the sentence. */
  private subjectAfterAdjunct(view: SpeakerView, from: number): Speaker {
    const { doc, words, sentence } = view;
    let comma = from;
    while (comma < sentence.tokenEnd && words[comma] !== ',') comma++;
    const verb = this.firstVerbIn(view, comma + 1, sentence.tokenEnd - 1);
    if (comma >= sentence.tokenEnd || verb === -1) return NO_SPEAKER;
    return this.subject(view, { first: verb, last: verb + 1, text: doc.tokens[verb]!.text, sourceAfter: false, cue: NO_CUE });
  }

  /** The speaker after a cue that follows a comma, when that speaker's phrase ends the clause: "…, said X." */
  private invertedSpeaker(view: SpeakerView, hit: CueHit, relativeAllowed: boolean): Speaker | undefined {
    const { words, sentence, mentionAt } = view;
    const { cues, grammar } = this.lexicon;
    let i = hit.last;
    // "said Mr. Burman": a title is no part of the name the tagger found.
    while (i < sentence.tokenEnd && (grammar.determiners.has(words[i]!) || grammar.titleTokens.has(view.doc.tokens[i]!.text))) i++;
    // "…,” Jane Roe, an aide, said in a statement.": a phrase after the cue that opens with a preposition is no subject.
    if (i >= sentence.tokenEnd || grammar.prepositions.has(words[i]!)) return undefined;
    let end = i;
    const relative = (k: number) => relativeAllowed && grammar.relativeOpeners.has(words[k]!);
    if (mentionAt[i] !== -1) {
      while (end < sentence.tokenEnd && mentionAt[end] === mentionAt[i]) end++;
      // "said Senator Jane Roe of Ohio, …": the place or body after "of" belongs to the speaker's name.
      if (grammar.ownerPrepositions.has(words[end] ?? '') && (mentionAt[end + 1] ?? -1) !== -1) {
        const place = mentionAt[end + 1]!;
        end++;
        while (end < sentence.tokenEnd && mentionAt[end] === place) end++;
      }
    } else {
      // "said the company's chief executive, …": a short description, a possessive included; "said an official who asked
      // not to be named": a relative clause after it says more of the source.
      while (end < sentence.tokenEnd && end - i < 6 && /^(?:[\p{L}-]+|'s)$/u.test(words[end]!) && !relative(end)) end++;
      if (!cues.sourceNouns.has(words[end - 1]!) && !cues.personNouns.has(words[end - 1]!)) return undefined;
      // "…, said the president had spoken with the mayor.": a description holds no verb; that is the reported clause.
      if (this.firstVerbIn(view, i, end - 1) !== -1) return undefined;
    }
    if (end < sentence.tokenEnd && !/^[,.;!?]$/.test(words[end]!) && !relative(end)) return undefined;
    return this.after(view, hit.last);
  }

  /**
   * "Siyoka Simasiku, director at the coalition, Ngamiland Council says": a
   * name that ends an apposition chain describes the person who opens the
   * clause, and that person speaks.
   */
  private apposedPerson(view: SpeakerView, clauseStart: number, j: number): Speaker | undefined {
    const { doc, words, mentionAt } = view;
    const last = mentionAt[j]!;
    if (last === -1 || words[firstTokenOf(doc, doc.mentions[last]!.start) - 1] !== ',') return undefined;
    const first = mentionAt[clauseStart]!;
    if (
      first === -1 ||
      first === last ||
      doc.mentions[first]!.type !== 'PERSON' ||
      doc.mentions[first]!.start !== doc.tokens[clauseStart]!.start
    )
      return undefined;
    if (words[firstTokenOf(doc, doc.mentions[first]!.end)] !== ',') return undefined;
    // "Trump, Sexton said, …" and "Shoukair had logged …, EgyptAir said": a person or a clause between is no apposition.
    if (doc.mentions[last]!.type === 'PERSON') return undefined;
    if (this.firstVerbIn(view, firstTokenOf(doc, doc.mentions[first]!.end), firstTokenOf(doc, doc.mentions[last]!.start) - 1) !== -1)
      return undefined;
    return { mention: first, entity: doc.mentions[first]!.entity ?? null, text: doc.mentions[first]!.text };
  }

  /**
   * "Critics, including Hungary's Viktor Orban, suggest …", "rights groups
   * and lawmakers such as Kannavee say …": an unnamed plural source speaks
   * through the first member the text names.
   */
  private exemplified({ doc, words, mentionAt }: SpeakerView, clauseStart: number, j: number): Speaker | undefined {
    const { exampleMarkers } = this.lexicon.grammar;
    for (let k = clauseStart + 1; k < j; k++) {
      const marker = exampleMarkers.find((m) => m.every((w, d) => words[k + d] === w));
      if (!marker || !/s$/.test(words[k - 1] === ',' ? words[k - 2]! : words[k - 1]!)) continue;
      // The list must run up to the verb ("groups such as X say", "Critics, including X, suggest"); in "models,
      // including X, which experts say" a clause of its own comes between, with its own subject.
      let close = k + marker.length;
      while (close <= j && words[close] !== ',' && words[close] !== ';') close++;
      if (close < j) continue;
      for (let t = k + marker.length; t <= j && words[t] !== ',' && words[t] !== ';'; t++) {
        const m = mentionAt[t]!;
        if (m !== -1 && doc.mentions[m]!.type !== 'LOCATION' && (mentionAt[t + 1] !== m || t === j))
          return { mention: m, entity: doc.mentions[m]!.entity ?? null, text: doc.mentions[m]!.text };
      }
    }
    return undefined;
  }

  /** The speaker named or described by the words ending at token `j`. */
  private subjectEndingAt(view: SpeakerView, clauseStart: number, j: number): Speaker {
    const mention = mentionEndingAt(view.doc, view.doc.tokens[j]!.end);
    if (mention !== undefined) return this.namedSubject(view, clauseStart, j, mention);
    return this.pronoun(view, j) ?? this.bareSubjectPronoun(view, j) ?? this.nounPhrase(view, clauseStart, j);
  }

  /**
   * "we have asked", "All I'm asking", "Let me say": a subject pronoun, or
   * the object of "let", is the source alone, whatever words stand before it,
   * and without the auxiliary written on to it ("I'd" is "I").
   */
  private bareSubjectPronoun({ doc, words }: SpeakerView, j: number): Speaker | undefined {
    const word = withoutAuxiliary(words[j]!);
    const letObject = (word === 'me' || word === 'us') && words[j - 1] === 'let';
    // "Many of you have noted": after a preposition the pronoun is inside its phrase.
    const { subjectPronouns, prepositions } = this.lexicon.grammar;
    if (!(subjectPronouns.has(word) && !prepositions.has(words[j - 1] ?? '')) && !letObject) return undefined;
    return { mention: null, entity: null, text: withoutAuxiliary(doc.tokens[j]!.text) };
  }

  /** The subject of the clause's first verb before token `before`: the speaker of a coordinated verb or a participle. */
  private mainSubject(view: SpeakerView, clauseStart: number, before: number): Speaker {
    const tags = partOfSpeech(view.doc);
    const { determiners, prepositions, relativeOpeners } = this.lexicon.grammar;
    for (let k = this.afterFrontedClause(view, clauseStart, before) + 1; k < before; k++) {
      // "Trump, in a taped interview with Fox News’ “Sunday Morning Futures” show, dodged …": an aside that opens with a
      // preposition holds no verb of the clause.
      if (view.words[k] === ',' && prepositions.has(view.words[k + 1] ?? '')) {
        let close = k + 1;
        while (close < before && view.words[close] !== ',') close++;
        if (close < before) k = close;
        continue;
      }
      const tag = tags.get(view.doc.tokens[k]!.start);
      if (!tag?.has('Verb') || tag.has('Adjective') || tag.has('Noun')) continue;
      // "in the closing days": a verb form right after a determiner or preposition is a noun or modifier.
      const previous = view.words[k - 1]!;
      if (determiners.has(previous) || (prepositions.has(previous) && previous !== 'to')) continue;
      // "Governors who have been critics of the plan have backed it, warning …": a relative clause's verbs are not the
      // clause's; its main verb comes later, and its subject runs over the relative clause.
      if (relativeOpeners.has(previous) && k - 1 > clauseStart) {
        while (k + 1 < before && this.holdsVerb(view, k + 1, k + 2)) k++;
        continue;
      }
      return this.subject(view, { first: k, last: k + 1, text: view.doc.tokens[k]!.text, sourceAfter: false, cue: NO_CUE });
    }
    return NO_SPEAKER;
  }

  /**
   * Where the main clause starts when a subordinate clause opens the
   * sentence ("As voters went to the polls, the campaign sent … and
   * accused …"): at the comma that closes it; else at `clauseStart`.
   */
  private afterFrontedClause({ words }: SentenceView, clauseStart: number, before: number): number {
    const { subordinators, participleOpeners, prepositions } = this.lexicon.grammar;
    const opener = words[clauseStart]!;
    // "With just months left in his term, Republicans have stopped confirming …": a fronted prepositional phrase too
    // ("At least ten people, …" is a subject).
    const prepositional = prepositions.has(opener) && words[clauseStart + 1] !== 'least';
    if (opener !== 'as' && !subordinators.has(opener) && !participleOpeners.has(opener) && !prepositional) return clauseStart;
    for (let k = clauseStart + 1; k < before; k++) if (words[k] === ',') return k;
    return clauseStart;
  }

  /**
   * "The United States, the United Nations and rights groups condemned …",
   * "Both Pakistan and China reject …": the first named conjunct of a
   * coordinated subject speaks, unless the conjuncts only modify a source
   * noun ("Israeli and Hamas officials").
   */
  private firstConjunct({ doc, words, mentionAt }: SpeakerView, clauseStart: number, j: number): Speaker | undefined {
    const { determiners, coordinators } = this.lexicon.grammar;
    let k = clauseStart;
    while (k < j && (determiners.has(words[k]!) || words[k] === 'both')) k++;
    const m = mentionAt[k]!;
    if (m === -1 || doc.mentions[m]!.start !== doc.tokens[k]!.start) return undefined;
    let next = firstTokenOf(doc, doc.mentions[m]!.end);
    // "Jeff Merkley (D-Ore.), …": a parenthesis after the name belongs to it.
    if (words[next] === '(') while (next <= j && words[next - 1] !== ')') next++;
    if (next > j || (words[next] !== ',' && !coordinators.has(words[next]!))) return undefined;
    if (this.lexicon.cues.sourceNouns.has(words[j]!) || this.lexicon.cues.personNouns.has(words[j]!)) return undefined;
    const between = words.slice(next, j + 1);
    if (!between.includes('and') || between.some((w) => w === ';' || w === ':')) return undefined;
    const tags = partOfSpeech(doc);
    for (let t = next; t <= j; t++) {
      const tag = tags.get(doc.tokens[t]!.start);
      // A verb-tagged word before a noun modifies it ("rights groups").
      const beforeNoun = t < j && (tags.get(doc.tokens[t + 1]!.start)?.has('Noun') ?? false);
      if (mentionAt[t] === -1 && tag?.has('Verb') && !tag.has('Noun') && !beforeNoun) return undefined;
    }
    return { mention: m, entity: doc.mentions[m]!.entity ?? null, text: doc.mentions[m]!.text };
  }

  /** The subject ends with a name: it is the speaker unless it only completes a phrase headed by a noun before it. */
  private namedSubject(view: SpeakerView, clauseStart: number, j: number, mention: number): Speaker {
    const { doc, words } = view;
    const { determiners, prepositions } = this.lexicon.grammar;
    const m = doc.mentions[mention]!;
    // The head of "a spokesperson for the State Department" or "a source close to Hezbollah" is the noun before the
    // preposition, not the name after it.
    let before = firstTokenOf(doc, m.start) - 1;
    while (before > clauseStart && determiners.has(words[before]!)) before--;
    // "Politicians in Britain and the United States": the preposition comes before the first of the names joined.
    before = this.beforeJoinedNames(view, clauseStart, before);
    const preposition = prepositions.has(words[before] ?? '') && (words[before] !== 'to' || words[before - 1] === 'close');
    // "a statement from the ISPR", "a video released by Hamas": whose statement it is.
    if (preposition && before > clauseStart && this.ownedStatementNoun(view, before))
      return { mention, entity: m.entity ?? null, text: m.text };
    // "Faisal Mekdad of Syria", "X in Iraq": a name before the preposition is the head.
    const nameBefore = before > clauseStart ? mentionEndingAt(doc, doc.tokens[before - 1]!.end) : undefined;
    if (preposition && nameBefore !== undefined && doc.mentions[nameBefore]!.type !== 'LOCATION') {
      return { mention: nameBefore, entity: doc.mentions[nameBefore]!.entity ?? null, text: doc.mentions[nameBefore]!.text };
    }
    if (before >= clauseStart && preposition) return this.nounPhrase(view, clauseStart, j);
    return this.namedBeforeDescription(view, clauseStart, before) ?? { mention, entity: m.entity ?? null, text: m.text };
  }

  /** The person named right after a role that starts at token `from`: "('s) public affairs chief Ivan Pineda". */
  private personAfterRole({ doc, words, mentionAt, sentence }: SpeakerView, from: number): Speaker | undefined {
    const { sourceNouns, personNouns } = this.lexicon.cues;
    let k = words[from] === "'s" ? from + 1 : from;
    const start = k;
    while (k < sentence.tokenEnd && k - start < DESCRIPTION_WORDS && /^\p{Ll}[\p{Ll}-]*$/u.test(doc.tokens[k]!.text)) k++;
    const role = words[k - 1] ?? '';
    if (k === start || !(sourceNouns.has(role) || personNouns.has(role))) return undefined;
    const named = mentionAt[k] ?? -1;
    if (named === -1 || doc.mentions[named]!.type !== 'PERSON' || doc.mentions[named]!.start !== doc.tokens[k]!.start) return undefined;
    return { mention: named, entity: doc.mentions[named]!.entity ?? null, text: doc.mentions[named]!.text };
  }

  /**
   * "Andrew Lebovich of the Dutch think tank Clingendael said": a name before a
   * preposition and a short description of the name after it is the head.
   * `before` is the token just before the name after.
   */
  private namedBeforeDescription({ doc, words, mentionAt }: SpeakerView, clauseStart: number, before: number): Speaker | undefined {
    const { determiners, prepositions } = this.lexicon.grammar;
    let k = before;
    while (k > clauseStart && before - k < DESCRIPTION_WORDS && mentionAt[k] === -1 && /^\p{L}[\p{L}-]*$/u.test(doc.tokens[k]!.text)) {
      if (prepositions.has(words[k]!) || determiners.has(words[k]!)) break;
      k--;
    }
    if (k === before) return undefined;
    while (k > clauseStart && determiners.has(words[k]!)) k--;
    if (!prepositions.has(words[k]!) || k <= clauseStart) return undefined;
    const name = mentionEndingAt(doc, doc.tokens[k - 1]!.end);
    if (name === undefined || doc.mentions[name]!.type !== 'PERSON') return undefined;
    return { mention: name, entity: doc.mentions[name]!.entity ?? null, text: doc.mentions[name]!.text };
  }

  /** From token `before` (just before a name), back over names joined to it by "and", "or" or commas, to the token before the first. */
  private beforeJoinedNames({ doc, words }: SpeakerView, clauseStart: number, before: number): number {
    const { determiners } = this.lexicon.grammar;
    // A list ends with "and" or "or" before its last name; a comma alone may close a fronted phrase ("… on YouTube, Joseph said").
    if (words[before] !== 'and' && words[before] !== 'or') return before;
    while (before > clauseStart && /^(?:and|or|,)$/.test(words[before]!)) {
      const joined = mentionEndingAt(doc, doc.tokens[before - 1]!.end);
      if (joined === undefined) return before;
      let k = firstTokenOf(doc, doc.mentions[joined]!.start) - 1;
      while (k > clauseStart && determiners.has(words[k]!)) k--;
      before = k;
    }
    return before;
  }

  /** Whether token `preposition` ("from", "by", "of") follows a statement noun, maybe with a participle between ("a statement posted by"). */
  private ownedStatementNoun({ words }: SentenceView, preposition: number): boolean {
    if (!this.lexicon.grammar.ownerPrepositions.has(words[preposition] ?? '')) return false;
    let noun = preposition - 1;
    if (/ed$/.test(words[noun] ?? '')) noun--;
    const { statementNouns, documentNouns } = this.lexicon.grammar;
    return statementNouns.has(words[noun] ?? '') || documentNouns.has(words[noun] ?? '');
  }

  /** "he", "she": the last source of that gender, else the nearest person; "it", "they": the last organisation or place. */
  private pronoun({ doc, words, sentence, earlier, quotes }: SpeakerView, j: number, asSubject?: string): Speaker | undefined {
    // "they've", "he'd": a pronoun written together with its auxiliary.
    const word = asSubject ?? withoutAuxiliary(words[j]!);
    const text = withoutAuxiliary(doc.tokens[j]!.text);
    const offset = doc.tokens[j]!.start;
    const gender = this.lexicon.grammar.personalPronouns.get(word);
    const groupTypes = this.lexicon.grammar.groupPronouns.get(word);
    if (!gender && !groupTypes) return undefined;
    // The previous statement's source, unnamed included: after "a senior official said", "he added" is that official.
    const context = { doc, sentence, quotes, earlier };
    const latest = latestStatement(context);
    if (
      latest &&
      latest.speakerEntity === null &&
      latest.speakerText !== null &&
      this.describesUnnamed(latest.speakerText, gender !== undefined, word)
    ) {
      return { mention: null, entity: null, text };
    }
    if (gender) {
      const person: Reference = { types: ['PERSON'], text, gender };
      return newlyIntroduced(context, offset, person) ?? salientSpeaker(context, person) ?? antecedent(doc, offset, person, 8);
    }
    const group: Reference = { types: [...groupTypes!], text };
    // "The UN refugee agency shares that concern. It issued a statement": an organisation the narration just introduced.
    const introduced = word === 'it' ? newlyIntroduced(context, offset, { types: ['ORGANIZATION'], text }) : undefined;
    return introduced ?? salientSpeaker(context, group) ?? antecedent(doc, offset, group);
  }

  /** Whether the latest statement's source is unnamed and its words end with `head` ("a U.S. State Department spokesperson"). */
  private repeatsUnnamedSource(view: SpeakerView, head: string): boolean {
    const latest = latestStatement(view);
    if (!latest || latest.speakerEntity !== null || latest.speakerText === null) return false;
    return latest.speakerText.toLowerCase().split(/\s+/).at(-1) === head;
  }

  /** Whether an unnamed source ("a senior official", "rights groups") is what a pronoun refers to: a description of fitting number. */
  private describesUnnamed(phrase: string, personal: boolean, pronoun: string): boolean {
    const head = phrase.toLowerCase().split(/\s+/).at(-1)!;
    const { sourceNouns, personNouns, groupNouns } = this.lexicon.cues;
    if (!sourceNouns.has(head) && !personNouns.has(head) && !groupNouns.has(head) && !/s$/.test(head)) return false;
    const plural = /s$/.test(head) && !/ss$/.test(head);
    if (personal) return !plural && (personNouns.has(head) || sourceNouns.has(head));
    return pronoun === 'they' ? plural : !plural && (groupNouns.has(head) || this.lexicon.grammar.statementNouns.has(head));
  }

  /** The subject is a noun phrase ending at token `head`: "the group", "an Iraqi security official". */
  private nounPhrase(view: SpeakerView, clauseStart: number, head: number): Speaker {
    const { doc, words } = view;
    const { cues, grammar } = this.lexicon;
    let phraseStart = this.phraseStart(view, clauseStart, head);
    // "…, which even critics say", "and few express": the words that join the clause are not the source's.
    while (phraseStart < head && this.joinsClause(words[phraseStart]!)) phraseStart++;
    // "Trump has often", "he appeared to": a subject phrase ends before its first verb.
    const verbAt = this.firstVerbIn(view, phraseStart, head);
    if (verbAt > phraseStart) {
      const modifier = this.postmodifierStart(view, verbAt);
      if (modifier <= phraseStart) return this.subjectEndingAt(view, clauseStart, verbAt - 1);
      // "economists who favor consumption taxes", "people involved in the talks": an unnamed source is its whole phrase.
      const headSpeaker = this.subjectEndingAt(view, clauseStart, modifier - 1);
      return headSpeaker.entity === null && headSpeaker.text !== null
        ? { ...headSpeaker, text: spanText(doc, phraseStart, head + 1) }
        : headSpeaker;
    }
    const phrase: NounPhrase = { start: phraseStart, end: head, head: head, text: spanText(doc, phraseStart, head + 1) };
    // The head comes before any preposition: "lawyers for the journalist" are lawyers, not the journalist.
    const preposition = words.slice(phraseStart + 1, head + 1).findIndex((w) => grammar.prepositions.has(w));
    if (preposition !== -1) phrase.head = phraseStart + preposition;
    const headWord = words[phrase.head]!;
    // "Last week Stumpf in a televised interview": the head is a name.
    const headName = phrase.head < head ? mentionEndingAt(doc, doc.tokens[phrase.head]!.end) : undefined;
    if (headName !== undefined && doc.mentions[headName]!.type !== 'LOCATION')
      return { mention: headName, entity: doc.mentions[headName]!.entity ?? null, text: doc.mentions[headName]!.text };
    const described = this.describedSource(view, phrase);
    if (described) return described;
    // "A State Department spokesperson said … the spokesperson added": the unnamed source just quoted, not a name.
    if (words[phraseStart] === 'the' && this.repeatsUnnamedSource(view, headWord))
      return { mention: null, entity: null, text: phrase.text };
    // "the movement's spokesman", "the Hezbollah leader": the person the text gave that role.
    const byRole = personWithRole(doc, this.lexicon, { start: phraseStart, head: phrase.head }, headWord);
    if (byRole !== undefined) return { mention: null, entity: byRole, text: phrase.text };
    if ((words[phraseStart] === 'the' || /'s$/.test(words[phraseStart + 1] ?? '')) && cues.personNouns.has(headWord)) {
      const found = antecedent(doc, doc.tokens[phraseStart]!.start, { types: ['PERSON'], text: phrase.text }, 3);
      if (found.entity !== null && this.servesNamedOrganization(doc, phrase, found.entity)) return { ...found, text: phrase.text };
    }
    // "The new poll of voters in all 50 states revealed", "a memo on the campaign's website states": a source of findings
    // or a document names its source, however long.
    if (
      cues.sourceNouns.has(headWord) ||
      cues.personNouns.has(headWord) ||
      cues.groupNouns.has(headWord) ||
      grammar.findingSources.has(headWord) ||
      grammar.writingNouns.has(headWord)
    )
      return { mention: null, entity: null, text: phrase.text };
    // "47% say", "More than half of respondents said", "About four in 10 voters say": a count of people speaks for them.
    if (this.countsPeople(view, phrase)) return { mention: null, entity: null, text: phrase.text };
    if (head - phraseStart <= 6 && /[\p{L}]/u.test(phrase.text)) return { mention: null, entity: null, text: phrase.text };
    return NO_SPEAKER;
  }

  /** Whether the participle at `verb` modifies the noun before it ("people briefed on", "a report released by"). */
  modifiesNoun(view: SentenceView, verb: number): boolean {
    return /(?:ed|en)$/.test(view.words[verb]!) && this.postmodifierStart(view, verb) === verb;
  }

  /**
   * Where a modifier of the noun before a verb starts, if the verb opens one:
   * a relative clause ("officials who have seen") or a participle with its
   * own complement ("people involved in", "lawsuits being considered", "a
   * report released by"); -1 when the verb is the clause's own.
   */
  private postmodifierStart({ doc, words, sentence }: SentenceView, verb: number): number {
    const { relativeOpeners, prepositions, subjectPronouns } = this.lexicon.grammar;
    if (relativeOpeners.has(words[verb - 1] ?? '')) return verb - 1;
    const word = words[verb]!;
    const noun = words[verb - 1] ?? '';
    // A name is no noun a participle modifies ("Trump wanted to"); a capital that opens the sentence may be one.
    const common = /^\p{Ll}/u.test(doc.tokens[verb - 1]?.text ?? '') || verb - 1 === sentence.tokenStart;
    if (!common || subjectPronouns.has(noun) || !/\p{L}$/u.test(noun)) return -1;
    const next = words[verb + 1] ?? '';
    if (word === 'being' && /ed$/.test(next)) return verb;
    return /(?:ed|en)$/.test(word) && (prepositions.has(next) || next === 'by') ? verb : -1;
  }

  /** A word that joins a clause to the sentence before its subject: "and", "which", "as", "so", "even". */
  private joinsClause(word: string): boolean {
    const { coordinators, relativeOpeners, subordinators, discourseAdverbs } = this.lexicon.grammar;
    return (
      coordinators.has(word) ||
      relativeOpeners.has(word) ||
      subordinators.has(word) ||
      discourseAdverbs.has(word) ||
      word === 'as' ||
      word === 'so' ||
      word === 'even'
    );
  }

  /** Whether a subject phrase counts people: its head is a number, a percentage or a quantity word. */
  private countsPeople({ words }: SentenceView, phrase: NounPhrase): boolean {
    const number = (w: string) => this.countWord(w);
    return number(words[phrase.head]!) || (phrase.head > phrase.start && number(words[phrase.head - 1]!) && words[phrase.head] === '%');
  }

  /** A number, a percentage or a quantity word ("half", "most", "one"). */
  private countWord(word: string): boolean {
    return /^\d[\d,.]*%?$/.test(word) || this.lexicon.grammar.quantityWords.has(word);
  }

  /**
   * Where a subject phrase ending at `head` starts: after punctuation or a cue
   * word used as a verb; a capitalised cue word is part of a name ("the State
   * Department") and one that modifies a noun is part of the phrase ("state officials").
   */
  private phraseStart(view: SpeakerView, clauseStart: number, head: number): number {
    const { doc, words } = view;
    const tags = partOfSpeech(doc);
    const nounAt = (k: number) => tags.get(doc.tokens[k]!.start)?.has('Noun') ?? false;
    // "People briefed on the talks said": a participle that modifies the noun before it is inside the phrase.
    const verbAt = (k: number) =>
      this.lexicon.cues.verbs.has(words[k]!) &&
      !/^\p{Lu}/u.test(doc.tokens[k]!.text) &&
      !nounAt(k) &&
      !(tags.get(doc.tokens[k]!.start)?.has('Adjective') || nounAt(k + 1)) &&
      !this.modifiesNoun(view, k);
    let start = head;
    // A dash closes a parenthetical as a comma does ("Despite … -- more than half of them say").
    // A hyphen joined to the words on both sides is inside a word ("the 50-state poll"), not a dash.
    const boundary = (k: number) => /^(?:[,;:(“”"—–]|''|--?)$/.test(words[k]!) && !(words[k] === '-' && joinsNeighbours(doc.tokens, k));
    // "a lawsuit in which students", "a move that the leader of his team called": a relative pronoun after a
    // preposition, or one between a noun and a noun phrase, opens the clause whose subject follows it. ("those who
    // have …" are a subject with its clause, "officials whose laws …" too, and "ruled that Texas …" is no relative.)
    const { prepositions, relativeOpeners } = this.lexicon.grammar;
    const nominal = (k: number) => {
      const tag = tags.get(doc.tokens[k]!.start);
      return (tag?.has('Noun') || tag?.has('Determiner') || tag?.has('Adjective')) === true && !tag!.has('Verb');
    };
    const relative = (k: number) =>
      ((words[k] === 'which' || words[k] === 'whom') && prepositions.has(words[k - 1] ?? '')) ||
      (words[k] !== 'whose' && relativeOpeners.has(words[k]!) && k > 0 && nominal(k - 1) && k + 1 < head && nominal(k + 1));
    while (start > clauseStart && !boundary(start - 1) && !verbAt(start - 1) && !relative(start - 1)) start--;
    return start;
  }

  /** "Hezbollah's statement", "the statement", "the Thai government", "the group": the source a description refers to, if the text says. */
  private describedSource(view: SpeakerView, phrase: NounPhrase): Speaker | undefined {
    const { doc, words } = view;
    const { cues, grammar } = this.lexicon;
    const headWord = words[phrase.head]!;
    const { text } = phrase;
    const definite = words[phrase.start] === 'the';
    const owner = mentionsIn(doc, doc.tokens[phrase.start]!.start, doc.tokens[phrase.end]!.end).find(
      (m) => doc.mentions[m]!.type !== 'LOCATION',
    );
    const named = (m: number): Speaker => ({ mention: m, entity: doc.mentions[m]!.entity ?? null, text });
    if (grammar.statementNouns.has(headWord)) {
      // "The Lebanese Hizbullah statement said": whose statement it is; "The statement added": the source just reported.
      if (owner !== undefined) return named(owner);
      if (definite)
        return salientSpeaker(view, { types: ['ORGANIZATION', 'PERSON', 'LOCATION'], text }) ?? { mention: null, entity: null, text };
    }
    // "Kenya's government says", "China's leadership insists": the country or body whose government it is.
    if (grammar.governmentNouns.has(headWord)) {
      const possessor = mentionsIn(doc, doc.tokens[phrase.start]!.start, doc.tokens[phrase.head]!.start).find(
        (m) => doc.mentions[m]!.type !== 'PERSON' && words[firstTokenOf(doc, doc.mentions[m]!.end)] === "'s",
      );
      if (possessor !== undefined) return named(possessor);
    }
    if (!definite) return undefined;
    // "the Thai government said": the country, when the document names it.
    if (grammar.governmentNouns.has(headWord)) {
      // One capitalised word only: "the South Sudanese government" is not Sudan's.
      const adjective = phrase.head - 1;
      const single = adjective > phrase.start && (adjective - 1 === phrase.start || !/^\p{Lu}/u.test(doc.tokens[adjective - 1]!.text));
      const kbId = single ? this.lexicon.countryAdjectives.get(words[adjective] ?? '') : undefined;
      const country = kbId === undefined ? -1 : doc.entities.findIndex((e) => e.kbId === kbId);
      if (country !== -1) return { mention: null, entity: country, text };
    }
    if (!cues.groupNouns.has(headWord)) return undefined;
    if (owner !== undefined) return named(owner);
    // "the poultry farmers group": the organization whose name holds the description's words, before the last one that spoke.
    const described = describedOrganization(doc, text, doc.tokens[phrase.start]!.start);
    if (described !== null) return { mention: null, entity: described, text };
    // "the ministry", "the group": the last organization that spoke or was named, of a kind the head can name.
    const kinds = this.organizationKinds;
    const fits = kinds && ((e: number) => kinds.fits(headWord, doc.entities[e]!));
    const reference = { types: ['ORGANIZATION'] as const, text, fits };
    return { ...(salientSpeaker(view, reference) ?? antecedent(doc, doc.tokens[phrase.start]!.start, reference)), text };
  }

  /** Whether a word from `from` up to (not including) `to` is tagged a verb or auxiliary and nothing else. */
  private holdsVerb({ doc }: SentenceView, from: number, to: number): boolean {
    const tags = partOfSpeech(doc);
    for (let k = from; k < to; k++) {
      const tag = tags.get(doc.tokens[k]!.start);
      if (tag && (tag.has('Verb') || tag.has('Auxiliary')) && !tag.has('Noun') && !tag.has('Adjective')) return true;
    }
    return false;
  }

  /** The first lower-case verb or auxiliary in [from, to] (a verb-tagged word before a noun modifies it: "rights groups"); -1 if none. */
  private firstVerbIn({ doc }: SpeakerView, from: number, to: number): number {
    const tags = partOfSpeech(doc);
    for (let k = from; k <= to; k++) {
      const token = doc.tokens[k]!;
      if (!/^\p{Ll}/u.test(token.text)) continue;
      const tag = tags.get(token.start);
      if (!tag || !(tag.has('Verb') || tag.has('Auxiliary') || tag.has('Modal')) || tag.has('Noun') || tag.has('Adjective')) continue;
      // The phrase's last word is its head noun unless it is an auxiliary: compromise reads "media wing" as a verb.
      if (k === to && !tag.has('Auxiliary') && !tag.has('Modal')) continue;
      if (k < to && (tags.get(doc.tokens[k + 1]!.start)?.has('Noun') ?? false) && !tag.has('Auxiliary')) continue;
      return k;
    }
    return -1;
  }

  /** Moves left from `j` over auxiliaries, adverbs and time phrases ("has since", "on Wednesday", "late on Tuesday"). */
  private skipToSubjectEnd(view: SentenceView, j: number, clauseStart: number): number {
    const { words } = view;
    const { timeWords, timeLeads } = this.lexicon.grammar;
    for (;;) {
      const before = j;
      while (j >= clauseStart && betweenSubjectAndVerb(view, j, this.lexicon.grammar)) j--;
      // A time word inside a name is the name's ("Tom Day said").
      if (j >= clauseStart && timeWords.has(words[j]!) && view.mentionAt[j] === -1) {
        const time = j;
        j--;
        while (j >= clauseStart && (timeLeads.has(words[j]!) || /^\d+$/.test(words[j]!))) j--;
        // "has in the past said", "this past week announced"; but "speeches over the decades" is the subject's own,
        // and a bare "years" or "past" is no time adjunct.
        const opener = words[j + 1]!;
        const bare = j + 1 === time;
        if (opener === 'the' || opener === 'of' || opener === 'a' || (bare && /s$|^past$/.test(words[time]!))) return time;
        // "Day said": a time word with nothing before it in the clause is the subject, a name.
        if (j < clauseStart) return time;
      }
      if (j === before) return j;
    }
  }

  /**
   * Among comma-separated parts before the verb, the first that is just a
   * name (maybe after a title): the subject of "X, the spokesman for Y, said"
   * and of "Y's spokesman, X, said".
   */
  private namedSegment({ doc, words }: SpeakerView, clauseStart: number, lastComma: number): Speaker | undefined {
    const { determiners, titleTokens, adjunctOpeners, prepositions, participleOpeners, frontedClauseOpeners } = this.lexicon.grammar;
    // "Like Lutnick, Kevin Hassett, …, said": a part that opens with a preposition or subordinator is no subject.
    const adjunct = (first: number) =>
      [adjunctOpeners, prepositions, participleOpeners, frontedClauseOpeners].some((set) => set.has(words[first]!));
    const bounds: Array<[number, number]> = [];
    let from = clauseStart;
    for (let i = clauseStart; i <= lastComma; i++) {
      if (words[i] !== ',') continue;
      bounds.push([from, i]);
      from = i + 1;
    }
    for (const [first, end] of bounds) {
      if (adjunct(first)) continue;
      let a = first;
      while (a < end && (determiners.has(words[a]!) || titleTokens.has(doc.tokens[a]!.text))) a++;
      let b = end;
      if (words[b - 1] === ')') {
        while (b > a && words[b - 1] !== '(') b--;
        b--;
      }
      if (a >= b) continue;
      const mention = doc.mentions.findIndex((m) => m.start === doc.tokens[a]!.start && m.end === doc.tokens[b - 1]!.end);
      if (mention !== -1 && doc.mentions[mention]!.type !== 'LOCATION')
        return { mention, entity: doc.mentions[mention]!.entity ?? null, text: doc.mentions[mention]!.text };
      // "Central Java Governor Ganjar Pranowo": capitalised titles and places before a person's name.
      const last = mentionEndingAt(doc, doc.tokens[b - 1]!.end);
      const titled =
        last !== undefined &&
        doc.mentions[last]!.type === 'PERSON' &&
        doc.tokens.slice(a, firstTokenOf(doc, doc.mentions[last]!.start)).every((t) => this.titleWord(t.text));
      if (titled) return { mention: last, entity: doc.mentions[last]!.entity ?? null, text: doc.mentions[last]!.text };
    }
    return undefined;
  }

  /** A word of a title before a name: capitalised ("Central Java Governor"), or a role ("Former Pennsylvania governor"). */
  private titleWord(word: string): boolean {
    const folded = word.toLowerCase();
    return /^\p{Lu}/u.test(word) || this.lexicon.cues.personNouns.has(folded) || this.lexicon.grammar.titleModifiers.has(folded);
  }

  /** "said a statement posted by the government's news agency": the named owner after the statement noun at `noun`. */
  private statementOwnerAfter(view: SentenceView, noun: number): Speaker | undefined {
    const { doc, words, sentence, mentionAt } = view;
    const end = Math.min(sentence.tokenEnd, noun + 8);
    for (let k = noun + 1; k < end; k++) {
      if (!this.ownedStatementNoun(view, k)) continue;
      for (let t = k + 1; t < end && !/^[,.;:]$/.test(words[t]!); t++) {
        const m = mentionAt[t]!;
        if (m !== -1 && doc.mentions[m]!.type !== 'LOCATION')
          return { mention: m, entity: doc.mentions[m]!.entity ?? null, text: doc.mentions[m]!.text };
      }
    }
    return undefined;
  }

  /** "said Nasrallah", "according to the group's statement", "said an official"; `sourceFollows` where only a source can follow ("according to", a passive's "by"). */
  private after(view: SpeakerView, from: number, sourceFollows = false): Speaker {
    const { doc, words, sentence } = view;
    const { cues, grammar } = this.lexicon;
    let i = from;
    while (i < sentence.tokenEnd && grammar.determiners.has(words[i]!)) i++;
    if (i >= sentence.tokenEnd) return NO_SPEAKER;
    // "according to a statement posted by X", "according to data from X": whose statement or figures they are.
    if (grammar.statementNouns.has(words[i]!) || grammar.documentNouns.has(words[i]!)) {
      const owner = this.statementOwnerAfter(view, i);
      if (owner) return owner;
    }
    const mention = doc.mentions.findIndex((m) => m.start === doc.tokens[i]!.start);
    if (mention !== -1) {
      const m = doc.mentions[mention]!;
      const afterMention = firstTokenOf(doc, m.end);
      const next = words[afterMention];
      // "said Labour adviser Tomas Berg", "said European Union foreign policy chief Kaja Kallas": a person named right
      // after the role the mention modifies is the speaker.
      const person = this.personAfterRole(view, afterMention);
      if (person) return person;
      // "according to Hezbollah officials": the mention only modifies the source.
      if (next !== undefined && cues.sourceNouns.has(next))
        return { mention: null, entity: null, text: spanText(doc, from, afterMention + 1) };
      return { mention, entity: m.entity ?? null, text: m.text };
    }
    let end = i;
    // After "according to" a source may run on with its modifiers ("exit polls conducted for the AP by Edison Research").
    // After an inverted cue a relative clause ends the source ("said an official who asked not to be named").
    const clauseEnd = (k: number) =>
      /^(?:[,.;:!?“”"()]|'')$/.test(words[k]!) || (!sourceFollows && k > i && grammar.relativeOpeners.has(words[k]!));
    while (end < sentence.tokenEnd && !clauseEnd(end) && end - i < SOURCE_AFTER_WORDS) end++;
    // "…,” said a source involved in the talks.": a phrase that ends the sentence is all source, its modifiers too.
    const endsSentence = end >= sentence.tokenEnd || /^[.!?]$/.test(words[end]!);
    // Eight words on that go on past a clause end are the content ("say the five could face a return to China").
    if (end === i || (!sourceFollows && end - i >= 8 && !endsSentence)) return NO_SPEAKER;
    // "according to some media outlets is considering …": the source phrase ends before its verb, unless the verb
    // only modifies it ("according to officials involved in the talks": the officials, all of the phrase).
    let headEnd = end;
    const verbAt = this.firstVerbIn(view, i, end - 1);
    if (verbAt > i) {
      const modifier = sourceFollows || endsSentence ? this.postmodifierStart(view, verbAt) : -1;
      if (modifier > i) headEnd = modifier;
      else end = headEnd = verbAt;
    }
    const inside = mentionsIn(doc, doc.tokens[i]!.start, doc.tokens[headEnd - 1]!.end);
    const text = spanText(doc, from, end);
    const head = words[headEnd - 1]!;
    // "the Paris-based International Energy Agency": a name that ends the phrase, with no preposition before it, is its head.
    const last = inside.at(-1);
    const named = last !== undefined && doc.mentions[last]!.end === doc.tokens[headEnd - 1]!.end;
    if (named && !words.slice(i, headEnd).some((w) => grammar.prepositions.has(w)))
      return { mention: last, entity: doc.mentions[last]!.entity ?? null, text: doc.mentions[last]!.text };
    if (inside.length > 0 && !cues.sourceNouns.has(head) && !cues.personNouns.has(head)) {
      // "Senator Jane Roe of Ohio": the name before "of" is the head; the one after only says where she is from.
      const of = words.slice(i, headEnd).findIndex((w) => grammar.ownerPrepositions.has(w));
      const beforeOf = of === -1 ? [] : inside.filter((m) => doc.mentions[m]!.start < doc.tokens[i + of]!.start);
      const m = beforeOf.at(-1) ?? inside.at(-1)!;
      return { mention: m, entity: doc.mentions[m]!.entity ?? null, text: doc.mentions[m]!.text };
    }
    // "said the company's chief executive, Jane Roe.": the name in apposition is the speaker. A name that goes on
    // into a clause is that clause's subject ("According to the results, Clinton leads").
    const apposed = words[end] === ',' ? (view.mentionAt[end + 1] ?? -1) : -1;
    const closesApposition = (m: number) => /^[,.;:)]?$/.test(words[firstTokenOf(doc, doc.mentions[m]!.end)] ?? '');
    if (
      apposed !== -1 &&
      doc.mentions[apposed]!.type === 'PERSON' &&
      doc.mentions[apposed]!.start === doc.tokens[end + 1]!.start &&
      closesApposition(apposed)
    )
      return { mention: apposed, entity: doc.mentions[apposed]!.entity ?? null, text: doc.mentions[apposed]!.text };
    return { mention: null, entity: null, text };
  }
}
