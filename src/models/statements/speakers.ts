import { firstTokenOf, mentionEndingAt, mentionsIn, spanText } from '../../document/queries.js';
import type { StatementCandidate } from '../types.js';
import { insideAny } from '../zones.js';
import type { CueHit, SentenceView } from './cue-finder.js';
import type { StatementLexicon } from './grammar.js';
import { antecedent, NO_SPEAKER, personWithRole, salientSpeaker, type Speaker } from './speaker-reference.js';

/** A sentence being read, with the statements already found before it (for pronouns and "the statement"). */
export interface SpeakerView extends SentenceView {
  earlier: readonly StatementCandidate[];
}

/**
 * Finds the speaker of a cue: the subject of its clause (its head, past
 * auxiliaries, time phrases, appositives and parentheses), the name after
 * it ("said X", "according to X", a passive's "by X"), and pronouns or
 * descriptions resolved to the source they refer to.
 */
export class SpeakerFinder {
  constructor(private readonly lexicon: StatementLexicon) {}

  find(view: SpeakerView, hit: CueHit): Speaker {
    const { words } = view;
    if (hit.sourceAfter) return this.after(view, hit.last);
    // Passive: "the suspension was announced by Kata'ib Hizballah".
    if (words[hit.last] === 'by' && this.lexicon.grammar.passiveAuxiliaries.has(words[hit.first - 1] ?? '')) return this.after(view, hit.last + 1);
    return this.subject(view, hit);
  }

  /** A speaker that is an entity, or a phrase whose words say who speaks ("a senior official", "the group"). */
  isSpeaker(speaker: Speaker): boolean {
    if (speaker.entity !== null) return true;
    const words = (speaker.text ?? '').toLowerCase().split(/\s+/);
    // "In a statement posted on Telegram, X praised …": a subject does not start with a preposition.
    if (this.lexicon.grammar.prepositions.has(words[0] ?? '')) return false;
    const { sourceNouns, personNouns, groupNouns } = this.lexicon.cues;
    return words.some((w) => sourceNouns.has(w) || personNouns.has(w) || groupNouns.has(w));
  }

  /** The clause start: the sentence start (after any dateline), or just after a quotation, semicolon or subordinator before the cue. */
  private clauseStart({ doc, words, sentence, quotes }: SpeakerView, hit: CueHit): number {
    const { tokens } = doc;
    let clauseStart = sentence.tokenStart;
    const dateline = doc.zones.find((z) => z.kind === 'dateline' && z.start <= tokens[clauseStart]!.start && tokens[clauseStart]!.start < z.end);
    if (dateline) while (clauseStart < hit.first && tokens[clauseStart]!.start < dateline.end) clauseStart++;
    const { subordinators } = this.lexicon.grammar;
    for (let i = hit.first - 1; i >= clauseStart; i--) {
      const t = tokens[i]!;
      const quoteEnd = t.text === '”' || (t.text === '"' && insideAny(quotes, t.start));
      // "that" opens a clause only after a verb ("said that"), not as a determiner ("that official").
      const subordinate = subordinators.has(words[i]!) && i < hit.first - 1 && (words[i] !== 'that' || this.lexicon.cues.verbs.has(words[i - 1] ?? ''));
      if (t.text === ';' || quoteEnd || subordinate) return i + 1;
    }
    return clauseStart;
  }

  private subject(view: SpeakerView, hit: CueHit): Speaker {
    const { doc, words, sentence } = view;
    const clauseStart = this.clauseStart(view, hit);
    let j = this.skipToSubjectEnd(words, hit.first - 1, clauseStart);
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
      if (k >= clauseStart) j = this.skipToSubjectEnd(words, k - 1, clauseStart);
    }
    if (j < clauseStart) return clauseStart > sentence.tokenStart || hit.first === sentence.tokenStart ? this.after(view, hit.last) : NO_SPEAKER;
    // "..., said X" where the words before are not a subject.
    if (words[j] === ',' || words[j] === ':') return this.after(view, hit.last);
    // A coordinated verb ("praised the attack and vowed to …") shares the first verb's subject.
    if (this.lexicon.grammar.coordinators.has(words[j]!)) return NO_SPEAKER;
    const mention = mentionEndingAt(doc, doc.tokens[j]!.end);
    if (mention !== undefined) return this.namedSubject(view, clauseStart, j, mention);
    return this.pronoun(view, j) ?? this.nounPhrase(view, clauseStart, j);
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
    const preposition = prepositions.has(words[before] ?? '') && (words[before] !== 'to' || words[before - 1] === 'close');
    // "Faisal Mekdad of Syria", "X in Iraq": a name before the preposition is the head.
    const nameBefore = before > clauseStart ? mentionEndingAt(doc, doc.tokens[before - 1]!.end) : undefined;
    if (preposition && nameBefore !== undefined && doc.mentions[nameBefore]!.type !== 'LOCATION') {
      return { mention: nameBefore, entity: doc.mentions[nameBefore]!.entity ?? null, text: doc.mentions[nameBefore]!.text };
    }
    if (before >= clauseStart && preposition) return this.nounPhrase(view, clauseStart, j);
    return { mention, entity: m.entity ?? null, text: m.text };
  }

  /** "he", "she": the last source of that gender, else the nearest person; "it", "they": the last organisation or place. */
  private pronoun({ doc, words, sentence, earlier }: SpeakerView, j: number): Speaker | undefined {
    const word = words[j]!;
    const text = doc.tokens[j]!.text;
    const offset = doc.tokens[j]!.start;
    const gender = this.lexicon.grammar.personalPronouns.get(word);
    if (gender) return salientSpeaker(doc, earlier, sentence, ['PERSON'], text, gender) ?? antecedent(doc, offset, ['PERSON'], text, 8, gender);
    if (this.lexicon.grammar.groupPronouns.has(word)) return salientSpeaker(doc, earlier, sentence, ['ORGANIZATION', 'LOCATION'], text) ?? antecedent(doc, offset, ['ORGANIZATION', 'LOCATION'], text);
    return undefined;
  }

  /** The subject is a noun phrase ending at token `head`: "the group", "an Iraqi security official". */
  private nounPhrase(view: SpeakerView, clauseStart: number, head: number): Speaker {
    const { doc, words, sentence, earlier } = view;
    const { cues, grammar } = this.lexicon;
    let phraseStart = head;
    // A capitalised cue word inside the phrase is part of a name ("the State Department"), not a verb.
    while (phraseStart > clauseStart && !/^[,;:(“”"]$/.test(words[phraseStart - 1]!) && !(cues.verbs.has(words[phraseStart - 1]!) && !/^\p{Lu}/u.test(doc.tokens[phraseStart - 1]!.text))) phraseStart--;
    const text = spanText(doc, phraseStart, head + 1);
    const headWord = words[head]!;
    const determiner = words[phraseStart]!;
    const owner = () => mentionsIn(doc, doc.tokens[phraseStart]!.start, doc.tokens[head]!.end).find((m) => doc.mentions[m]!.type !== 'LOCATION');
    const named = (m: number): Speaker => ({ mention: m, entity: doc.mentions[m]!.entity ?? null, text });
    if (grammar.statementNouns.has(headWord)) {
      // "The Lebanese Hizbullah statement said", "Kataib Hezbollah's statement warned": whose statement it is.
      const whose = owner();
      if (whose !== undefined) return named(whose);
      // "The statement added": the source of the statement just reported.
      if (determiner === 'the') return salientSpeaker(doc, earlier, sentence, ['ORGANIZATION', 'PERSON', 'LOCATION'], text) ?? { mention: null, entity: null, text };
    }
    if (determiner === 'the' && cues.groupNouns.has(headWord)) {
      const inside = owner();
      if (inside !== undefined) return named(inside);
      return { ...(salientSpeaker(doc, earlier, sentence, ['ORGANIZATION'], text) ?? antecedent(doc, doc.tokens[phraseStart]!.start, ['ORGANIZATION'], text)), text };
    }
    // "the movement's spokesman", "the Hezbollah leader": the person the text gave that role.
    const byRole = personWithRole(doc, this.lexicon, phraseStart, head, headWord);
    if (byRole !== undefined) return { mention: null, entity: byRole, text };
    if ((determiner === 'the' || /'s$/.test(words[phraseStart + 1] ?? '')) && cues.personNouns.has(headWord)) {
      const found = antecedent(doc, doc.tokens[phraseStart]!.start, ['PERSON'], text, 3);
      if (found.entity !== null) return { ...found, text };
    }
    if (cues.sourceNouns.has(headWord) || cues.personNouns.has(headWord) || cues.groupNouns.has(headWord)) return { mention: null, entity: null, text };
    if (head - phraseStart <= 6 && /[\p{L}]/u.test(text)) return { mention: null, entity: null, text };
    return NO_SPEAKER;
  }

  /** Moves left from `j` over auxiliaries, adverbs and time phrases ("has since", "on Wednesday", "late on Tuesday"). */
  private skipToSubjectEnd(words: readonly string[], j: number, clauseStart: number): number {
    const { skippedBeforeVerb, timeWords, timeLeads } = this.lexicon.grammar;
    for (;;) {
      const before = j;
      while (j >= clauseStart && skippedBeforeVerb.has(words[j]!)) j--;
      if (j >= clauseStart && timeWords.has(words[j]!)) {
        j--;
        while (j >= clauseStart && (timeLeads.has(words[j]!) || /^\d+$/.test(words[j]!))) j--;
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
    const { determiners, titleTokens } = this.lexicon.grammar;
    const bounds: Array<[number, number]> = [];
    let from = clauseStart;
    for (let i = clauseStart; i <= lastComma; i++) {
      if (words[i] !== ',') continue;
      bounds.push([from, i]);
      from = i + 1;
    }
    for (const [first, end] of bounds) {
      let a = first;
      while (a < end && (determiners.has(words[a]!) || titleTokens.has(doc.tokens[a]!.text))) a++;
      let b = end;
      if (words[b - 1] === ')') {
        while (b > a && words[b - 1] !== '(') b--;
        b--;
      }
      if (a >= b) continue;
      const mention = doc.mentions.findIndex((m) => m.start === doc.tokens[a]!.start && m.end === doc.tokens[b - 1]!.end);
      if (mention !== -1 && doc.mentions[mention]!.type !== 'LOCATION') return { mention, entity: doc.mentions[mention]!.entity ?? null, text: doc.mentions[mention]!.text };
    }
    return undefined;
  }

  /** "said Nasrallah", "according to the group's statement", "said an official". */
  private after({ doc, words, sentence }: SpeakerView, from: number): Speaker {
    const { cues, grammar } = this.lexicon;
    let i = from;
    while (i < sentence.tokenEnd && grammar.determiners.has(words[i]!)) i++;
    if (i >= sentence.tokenEnd) return NO_SPEAKER;
    const mention = doc.mentions.findIndex((m) => m.start === doc.tokens[i]!.start);
    if (mention !== -1) {
      const m = doc.mentions[mention]!;
      const afterMention = firstTokenOf(doc, m.end);
      const next = words[afterMention];
      // "according to Hezbollah officials": the mention only modifies the source.
      if (next !== undefined && cues.sourceNouns.has(next)) return { mention: null, entity: null, text: spanText(doc, from, afterMention + 1) };
      return { mention, entity: m.entity ?? null, text: m.text };
    }
    let end = i;
    while (end < sentence.tokenEnd && !/^[,.;:!?“”"()]$/.test(words[end]!) && end - i < 8) end++;
    if (end === i) return NO_SPEAKER;
    const inside = mentionsIn(doc, doc.tokens[i]!.start, doc.tokens[end - 1]!.end);
    const text = spanText(doc, from, end);
    const head = words[end - 1]!;
    if (inside.length > 0 && !cues.sourceNouns.has(head) && !cues.personNouns.has(head)) {
      const m = inside[inside.length - 1]!;
      return { mention: m, entity: doc.mentions[m]!.entity ?? null, text: doc.mentions[m]!.text };
    }
    return { mention: null, entity: null, text };
  }
}
