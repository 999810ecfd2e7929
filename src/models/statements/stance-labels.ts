import type { Document, StanceLabel } from '../../document/types.js';
import { compromiseTags } from '../compromise/parse.js';
import type { CueHit, SentenceView } from './cue-finder.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';

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
    const negated = [1, 2, 3].some((k) => hit.first - k >= sentence.tokenStart && this.negates(words, hit.first - k));
    if (hit.cue.label === 'claim' || negated) return 'claim';
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
    if (!this.lexicon.cues.harmVerbs.has(words[k]!)) return false;
    const before = words[k - 1] === 'to' ? k - 2 : k - 1;
    return !this.negates(words, before) && !this.negates(words, k - 1) && !this.lexicon.grammar.cessationVerbs.has(words[before] ?? '');
  }

  /** A negator that really negates: "will not hesitate to respond" is no negation. */
  negates(words: readonly string[], at: number): boolean {
    return this.lexicon.cues.negators.has(words[at]!) && !this.lexicon.grammar.notNegatedBefore.has(words[at + 1] ?? '');
  }

  /**
   * Threat: an intention marker before a harm verb, or a threat phrase.
   * Support: a support phrase. With `doc` (whose tokens `words` are), a harm
   * word the tagger reads as a noun ("must see the attacks") is no harm verb.
   */
  contentStance(words: readonly string[], from: number, to: number, doc?: Document): ContentStance {
    const { cues } = this.lexicon;
    let threat = false;
    let support = false;
    let negated = false;
    const at = (phrase: string[], i: number) => phrase.every((w, k) => words[i + k] === w);
    for (let i = from; i < to; i++) {
      if (cues.threatPhrases.some((p) => at(p, i))) threat = true;
      // "did not deserve anything": a negated support phrase is none.
      if (
        cues.supportPhrases.some((p) => at(p, i) && this.hasObject(words, p, i, to)) &&
        ![1, 2].some((k) => i - k >= from && this.negates(words, i - k))
      )
        support = true;
      const marker = cues.intentMarkers.find((p) => at(p, i));
      if (!marker) continue;
      let localNegation = false;
      for (let j = i + marker.length; j < Math.min(to, i + marker.length + 5); j++) {
        if (this.negates(words, j)) localNegation = true;
        // "will be the hardest hit": "be" before a noun phrase is a state, not an act; "will be struck" stays a threat,
        // "agreements will be reached" does not.
        const { passiveAuxiliaries, activeOnlyHarm } = this.lexicon.grammar;
        if (doc && passiveAuxiliaries.has(words[j]!) && (!verbAt(doc, j + 1) || activeOnlyHarm.has(words[j + 1] ?? ''))) break;
        // A harm noun is harm only as the object of an act ("would keep up their attacks"), not seen or discussed.
        if (cues.harmVerbs.has(words[j]!) && !(doc && nounOnly(doc, j) && !this.carriedHarm(words, j, i + marker.length))) {
          if (localNegation || this.lexicon.grammar.cessationVerbs.has(words[j - 1]!)) negated = true;
          else threat = true;
          break;
        }
      }
    }
    return { threat, support, negated };
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

/** A token the tagger reads as a verb. */
function verbAt(doc: Document, k: number): boolean {
  return k < doc.tokens.length && (compromiseTags(doc).get(doc.tokens[k]!.start)?.has('Verb') ?? false);
}

/** A token the tagger reads as a noun and not as a verb. */
function nounOnly(doc: Document, k: number): boolean {
  const tags = compromiseTags(doc).get(doc.tokens[k]!.start);
  return (tags?.has('Noun') ?? false) && !tags!.has('Verb');
}
