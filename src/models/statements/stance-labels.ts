import type { Document, StanceLabel } from '../../document/types.js';
import { partOfSpeech } from '../pos/tag-lookup.js';
import { mentionIndexByToken } from '../../document/spans.js';
import type { CueHit, SentenceView } from './cue-finder.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';
import { phraseAt } from '../../resources/phrase-set.js';

export interface ContentStance {
  threat: boolean;
  support: boolean;
  negated: boolean;
}

/**
 * Labels by ANNOTATION.md's order: a cue's own label after negation and its
 * harm/support conditions; threat and support found in the content
 * (intention before a harm verb, threat and support phrases) win over claim.
 */
export class StanceLabeller {
  constructor(private readonly lexicon: StatementLexicon) {}

  /** The label a cue gives on its own, after negation and the harm/support conditions. */
  decide({ doc, words, sentence, mentionAt }: SentenceView, hit: CueHit): StanceLabel {
    const { cues, grammar } = this.lexicon;
    // A negator inside a name ("Reporters Without Borders welcomed") negates nothing.
    const negated = [1, 2, 3].some(
      (k) => hit.first - k >= sentence.tokenStart && mentionAt[hit.first - k] === -1 && this.negates(words, hit.first - k),
    );
    // "accused X of threatening", "won praise": the stance is imputed to, or received by, someone else.
    if (hit.cue.label === 'claim' || negated || !this.speakersOwn(words, hit.first, sentence.tokenStart, mentionAt)) return 'claim';
    // "the agreement could threaten the base": a thing holds no stance.
    if (this.thingSubject(words, hit.first, sentence.tokenStart, mentionAt)) return 'claim';
    // "would stand by." supports no one: a stance phrase ending in a preposition needs its object.
    const cueWords = hit.cue.lemma.split(' ');
    if (cueWords.length > 1 && !this.hasObject(words, cueWords, hit.last - cueWords.length, sentence.tokenEnd)) return 'claim';
    // "is threatened by the high cost", "was praised as": a passive stance with no named agent reports no one's stance.
    if (grammar.passiveAuxiliaries.has(words[hit.first - 1] ?? '') && /ed$/.test(words[hit.first]!)) {
      let agent = hit.last + 1;
      while (agent < sentence.tokenEnd && grammar.determiners.has(words[agent]!)) agent++;
      if (
        words[hit.last] !== 'by' ||
        agent >= sentence.tokenEnd ||
        mentionAt[agent] === -1 ||
        doc.mentions[mentionAt[agent]!]!.type === 'LOCATION'
      )
        return 'claim';
    }
    const content = this.contentStance(words, hit.last, sentence.tokenEnd, doc);
    // The stance verb is itself the intention: "vowed to strike", "threatened to respond".
    for (let k = hit.last; k < Math.min(sentence.tokenEnd, hit.last + 4); k++) {
      if (this.harmIntended(words, k)) content.threat = true;
    }
    // What a pledge or offer gives: "pledged $100 million", "offered assistance".
    const gives = words.slice(hit.last, Math.min(sentence.tokenEnd, hit.last + 6)).some((w) => cues.supportObjects.has(w));
    if (hit.cue.requiresSupport) return content.threat ? 'threat' : content.support || gives ? 'support' : 'claim';
    if (hit.cue.requiresHarm && gives && !content.threat) return 'support';
    if (hit.cue.requiresHarm) return content.threat ? 'threat' : content.support && hit.cue.lemma !== 'warn' ? 'support' : 'claim';
    return hit.cue.label;
  }

  /** Whether the word before a cue (past auxiliaries, adverbs and quotation marks) is a thing that can hold no stance ("the deal threatens"). */
  private thingSubject(words: readonly string[], first: number, from: number, mentionAt: Int32Array): boolean {
    let t = first - 1;
    while (t >= from && (this.lexicon.grammar.skippedBeforeVerb.has(words[t]!) || QUOTE_MARK.test(words[t]!))) t--;
    return t >= from && mentionAt[t] === -1 && this.lexicon.cues.thingSubjects.has(words[t]!);
  }

  /** The label of a sentence with no stance cue of its own, from its content. */
  ofContent(words: readonly string[], from: number, to: number, doc?: Document): StanceLabel {
    const stance = this.contentStance(words, from, to, doc);
    return stance.threat && !stance.negated ? 'threat' : stance.support ? 'support' : 'claim';
  }

  /** A phrase ending in a preposition ("stand by", "on the side of") supports only someone: a word must follow it. */
  private hasObject(words: readonly string[], phrase: readonly string[], i: number, to: number): boolean {
    if (!this.lexicon.grammar.prepositions.has(phrase.at(-1)!) && phrase.at(-1) !== 'by') return true;
    const next = i + phrase.length;
    return next < to && /^[\p{L}\d]/u.test(words[next]!);
  }

  /** Whether a verb that carries out harm ("keep up", "step up", "launch", "continue") stands between `from` and the harm noun at `k`. */
  private carriedHarm(words: readonly string[], k: number, from: number): boolean {
    for (let t = Math.max(from, k - 3); t < k; t++) if (this.lexicon.grammar.harmCarriers.has(words[t]!)) return true;
    return false;
  }

  /** A harm verb at `k` that is intended: not negated ("not to escalate") and not ceased ("stop killing"). */
  private harmIntended(words: readonly string[], k: number): boolean {
    if (!this.harmAt(words, k, words.length)) return false;
    const before = words[k - 1] === 'to' ? k - 2 : k - 1;
    return !this.negates(words, before) && !this.negates(words, k - 1) && !this.lexicon.grammar.cessationVerbs.has(words[before] ?? '');
  }

  /** A negator that really negates: "will not hesitate to respond" is no negation. */
  negates(words: readonly string[], at: number): boolean {
    // The tokenizer keeps a contraction whole: "didn't", "won't" negate as "not" does.
    const word = words[at] ?? '';
    return (
      (this.lexicon.cues.negators.has(word) || word.endsWith("n't")) && !this.lexicon.grammar.notNegatedBefore.has(words[at + 1] ?? '')
    );
  }

  /**
   * Threat: an intention marker before a harm verb, a threat phrase, or a
   * threat frame. Support: a support phrase or frame held by the speaker. With
   * `doc` (whose tokens `words` are), a harm word the tagger reads as a noun
   * ("must see the attacks") is no harm verb, and words inside a name
   * ("Blessed Okonkwo") carry no stance.
   */
  contentStance(words: readonly string[], from: number, to: number, doc?: Document): ContentStance {
    const { cues } = this.lexicon;
    const stance: ContentStance = { threat: false, support: false, negated: false };
    const inName = doc ? mentionTokens(doc) : undefined;
    // Read once, and only where an intention marker needs it.
    let conditional: boolean | undefined;
    for (let i = from; i < to; i++) {
      if (inName && inName[i] !== -1) continue;
      // "no credible threats against the city", "did not suggest retaliation": a negated threat phrase threatens no one.
      if (cues.threatPhrases.at(words, i)) {
        if (this.threatNegated(words, i, from, inName)) stance.negated = true;
        else stance.threat = true;
      }
      const supports =
        cues.supportPhrases
          .startingWith(words[i])
          .some((p) => phraseAt(words, p, i) && this.hasObject(words, p, i, to) && !this.selfDescribed(words, p, i)) ||
        (doc && this.supportVerbAt(doc, words, i));
      if (supports && this.speakersOwn(words, i, from, inName)) stance.support = true;
      const framed = this.frameAt(words, i, from, to);
      if (framed) stance[framed] = true;
      const marker =
        cues.intentMarkers.at(words, i) ??
        this.conditionalMarker(words, i, from, () => (conditional ??= this.holdsCondition(words, from, to)));
      const intent = marker && this.intended(words, i + marker.length, to, doc);
      if (intent) stance[intent] = true;
      // "If they do it, we will revoke it and kick them out": a punishment intended on a condition is a threat.
      else if (marker && (conditional ??= this.holdsCondition(words, from, to)) && this.punishmentIntended(words, i + marker.length, to))
        stance.threat = true;
    }
    return stance;
  }

  /**
   * "it could retaliate if …", "we may respond unless …": a modal after a
   * subject pronoun marks an intention where the content holds a condition.
   * After a name it is a prediction about someone else ("Israel could strike").
   */
  private conditionalMarker(words: readonly string[], i: number, from: number, conditional: () => boolean): string[] | undefined {
    if (!this.lexicon.cues.conditionalIntentMarkers.has(words[i]!) || i - 1 < from) return undefined;
    const subject = words[i - 1]!;
    if (subject === 'you' || !this.lexicon.grammar.subjectPronouns.has(subject) || !conditional()) return undefined;
    return [words[i]!];
  }

  /** Whether the words from `from` to `to` hold a condition ("if", "unless", "in case"). */
  private holdsCondition(words: readonly string[], from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.lexicon.cues.conditionMarkers.at(words, i)) return true;
    return false;
  }

  /**
   * A punitive act within a few words after an intention marker, not negated and not passive: "will impose the
   * tariff", "'ll revoke it"; "people that will be deported" tells what others may do to them.
   */
  private punishmentIntended(words: readonly string[], after: number, to: number): boolean {
    for (let j = after; j < Math.min(to, after + 4); j++) {
      if (this.negates(words, j)) return false;
      if (this.punitiveAt(words, j)) return !this.lexicon.grammar.passiveAuxiliaries.has(words[j - 1] ?? '');
    }
    return false;
  }

  /** A punitive phrase at `j`, determiners and degree words inside it skipped: "increase the tariffs", "raise its tariffs". */
  private punitiveAt(words: readonly string[], j: number): boolean {
    const { punitivePhrases } = this.lexicon.cues;
    if (punitivePhrases.at(words, j)) return true;
    const { determiners, penaltyModifiers } = this.lexicon.grammar;
    const compact = [words[j]!];
    for (let k = j + 1; k < Math.min(words.length, j + PUNITIVE_REACH); k++)
      if (!determiners.has(words[k]!) && !penaltyModifiers.has(words[k]!)) compact.push(words[k]!);
    return (punitivePhrases.at(compact, 0)?.length ?? 0) > 1;
  }

  /** Reads the words from `after`, just past an intention marker, for an intended or a negated harm. */
  private intended(words: readonly string[], after: number, to: number, doc: Document | undefined): 'threat' | 'negated' | undefined {
    const { passiveAuxiliaries, activeOnlyHarm, cessationVerbs } = this.lexicon.grammar;
    let localNegation = false;
    for (let j = after; j < Math.min(to, after + 5); j++) {
      if (this.negates(words, j)) localNegation = true;
      // "will be the hardest hit": "be" before a noun phrase is a state, not an act; "will be struck" stays a threat,
      // "agreements will be reached" does not.
      if (doc && passiveAuxiliaries.has(words[j]!) && (!verbAt(doc, j + 1) || activeOnlyHarm.has(words[j + 1] ?? ''))) return undefined;
      // A harm noun is harm only as the object of an act ("would keep up their attacks"), not seen or discussed.
      if (this.harmAt(words, j, to) && !(doc && nounOnly(doc, j) && !this.carriedHarm(words, j, after))) {
        return localNegation || cessationVerbs.has(words[j - 1]!) ? 'negated' : 'threat';
      }
    }
    return undefined;
  }

  /**
   * A stance word at `i` that the speaker holds: not negated ("did not deserve"), not ceased ("cease its support
   * for"), and not received or imputed ("received praise", "accused X of supporting").
   */
  private speakersOwn(words: readonly string[], i: number, from: number, inName?: Int32Array): boolean {
    const { othersStanceVerbs } = this.lexicon.cues;
    for (let k = 1; k <= 4 && i - k >= from; k++) {
      const before = words[i - k]!;
      if (k <= 3 && this.negates(words, i - k) && (!inName || inName[i - k] === -1)) return false;
      if (k <= 3 && this.lexicon.grammar.cessationVerbs.has(before)) return false;
      if (othersStanceVerbs.has(before)) return false;
    }
    return true;
  }

  /**
   * A verb of support the tagger reads as a verb ("Russia supports the proposal", "we will continue to support
   * Kyiv"), in the active voice ("supported by X" names another's support) and not in a relative clause
   * ("content that supports a narrative" describes a thing). The bare form is a verb only after a subject
   * pronoun, a modal or an infinitive of intent: "education and support services" is a noun.
   */
  private supportVerbAt(doc: Document, words: readonly string[], i: number): boolean {
    const { grammar, cues } = this.lexicon;
    const lemma = cues.supportVerbs.get(words[i]!);
    if (lemma === undefined || !verbAt(doc, i)) return false;
    const before = words[i - 1] ?? '';
    if (words[i + 1] === 'by' || grammar.passiveAuxiliaries.has(before) || grammar.relativeOpeners.has(before)) return false;
    // "the evidence supports", and a past "supported" tell what someone did, not where the speaker stands.
    if (this.thingSubject(words, i, 0, mentionTokens(doc))) return false;
    if (lemma !== words[i]) return !words[i]!.endsWith('ed');
    if (grammar.subjectPronouns.has(before) || cues.intentMarkers.startingWith(before).some((m) => m.length === 1)) return true;
    // "to support their families" is a purpose; "ready to support", "will continue to support" are the speaker's.
    return (
      before === 'to' &&
      (cues.intentMarkers.phrases.some((m) => m.length > 1 && phraseAt(words, m, i - m.length)) ||
        grammar.harmCarriers.has(words[i - 2] ?? ''))
    );
  }

  /**
   * A negator just before the threat phrase at `i`, unless a longer threat phrase holds it ("will not go
   * unanswered") or the phrase is itself negative ("cannot be left without consequences").
   */
  private threatNegated(words: readonly string[], i: number, from: number, inName?: Int32Array): boolean {
    const phrases = this.lexicon.cues.threatPhrases;
    if (this.lexicon.cues.negators.has(words[i]!)) return false;
    if ([1, 2, 3].some((k) => phrases.startingWith(words[i - k]).some((p) => p.length > k && phraseAt(words, p, i - k)))) return false;
    return [1, 2, 3].some((k) => i - k >= from && this.negates(words, i - k) && (!inName || inName[i - k] === -1));
  }

  /** A one-word praise after a first-person subject and copula ("we felt brave") describes the speaker, praising no one. */
  private selfDescribed(words: readonly string[], phrase: readonly string[], i: number): boolean {
    return phrase.length === 1 && this.lexicon.cues.selfDescription.some((s) => phraseAt(words, s, i - s.length));
  }

  /** A stance frame opening at `i`: its head, not negated, then one of its objects within the frame's window. */
  private frameAt(words: readonly string[], i: number, from: number, to: number): 'support' | 'threat' | undefined {
    for (const frame of this.lexicon.cues.stanceFrames) {
      const head = frame.heads.at(words, i);
      if (!head || [1, 2].some((k) => i - k >= from && this.negates(words, i - k))) continue;
      // Quotation marks are no words: "called for a “total war” against X".
      const after = words.slice(i + head.length, Math.min(to, i + head.length + frame.window + 4)).filter((w) => !QUOTE_MARK.test(w));
      for (let j = 0; j < Math.min(after.length, frame.window); j++) {
        if (frame.objects.some((o) => phraseAt(after, o, j))) return frame.label;
      }
    }
    return undefined;
  }

  /** A harm verb at `k`: one word, or the first of a harm phrase whose other words follow within three ("hold them accountable"). */
  private harmAt(words: readonly string[], k: number, to: number): boolean {
    if (this.lexicon.cues.harmVerbs.has(words[k]!)) return !this.harmlessObjectAfter(words, k, to);
    return this.lexicon.cues.harmPhrases
      .startingWith(words[k])
      .some(([, ...rest]) => [1, 2, 3, 4].some((gap) => k + gap + rest.length <= to && phraseAt(words, rest, k + gap)));
  }

  /** "strike a new trade deal", "hit a record": an object within four words, before any preposition, that no one is harmed by. */
  private harmlessObjectAfter(words: readonly string[], k: number, to: number): boolean {
    for (let t = k + 1; t < Math.min(to, k + 5) && !this.lexicon.grammar.prepositions.has(words[t]!); t++) {
      if (this.lexicon.cues.harmlessObjects.has(words[t]!)) return true;
    }
    return false;
  }

  /**
   * What the lexicon sees in a statement's words, as feature names for a
   * learned model: cue lemmas and labels, intention to harm, support phrases,
   * negation.
   */
  signals(words: readonly string[]): string[] {
    const found = new Set<string>();
    words.forEach((word, i) => {
      const verb = this.lexicon.cues.verbs.get(word);
      if (verb) {
        found.add(`cue_${verb.lemma}`);
        found.add(`cue_${verb.label}`);
      }
      if (this.negates(words, i)) found.add('negation');
    });
    const stance = this.contentStance(words, 0, words.length);
    if (stance.threat) found.add('harm_intent');
    if (stance.support) found.add('support_phrase');
    if (stance.negated) found.add('negated_harm');
    return [...found].sort();
  }
}

/** How many words after its verb a punitive phrase may end, determiners and degree words included: "increase the steep tariffs". */
const PUNITIVE_REACH = 5;

/** A token that is only quotation marks. */
const QUOTE_MARK = /^["“”‘’'`]+$/;

/** The mention each token of a document is in (-1 for none), computed once per mention list. */
const mentionsByToken = new WeakMap<readonly unknown[], Int32Array>();
function mentionTokens(doc: Document): Int32Array {
  let index = mentionsByToken.get(doc.mentions);
  if (!index) {
    index = mentionIndexByToken(doc);
    mentionsByToken.set(doc.mentions, index);
  }
  return index;
}

/** A token the tagger reads as a verb. */
function verbAt(doc: Document, k: number): boolean {
  return k < doc.tokens.length && (partOfSpeech(doc).get(doc.tokens[k]!.start)?.has('Verb') ?? false);
}

/** A token the tagger reads as a noun and not as a verb. */
function nounOnly(doc: Document, k: number): boolean {
  const tags = partOfSpeech(doc).get(doc.tokens[k]!.start);
  return (tags?.has('Noun') ?? false) && !tags!.has('Verb');
}
