import type { Sentence, StanceLabel } from '../../document/types.js';
import type { CueHit } from './cue-finder.js';
import type { StatementLexicon } from './grammar.js';

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
  decide(words: readonly string[], sentence: Sentence, hit: CueHit): StanceLabel {
    const { cues } = this.lexicon;
    const negated = [1, 2, 3].some((k) => hit.first - k >= sentence.tokenStart && this.negates(words, hit.first - k));
    if (hit.cue.label === 'claim' || negated) return 'claim';
    const content = this.contentStance(words, hit.last, sentence.tokenEnd);
    // The stance verb is itself the intention: "vowed to strike", "threatened to respond".
    for (let k = hit.last; k < Math.min(sentence.tokenEnd, hit.last + 4); k++) {
      if (cues.harmVerbs.has(words[k]!) && !this.negates(words, k - 1)) content.threat = true;
    }
    // What a pledge or offer gives: "pledged $100 million", "offered assistance".
    const gives = words.slice(hit.last, Math.min(sentence.tokenEnd, hit.last + 6)).some((w) => cues.supportObjects.has(w));
    if (hit.cue.requiresSupport) return content.threat ? 'threat' : content.support || gives ? 'support' : 'claim';
    if (hit.cue.requiresHarm && gives && !content.threat) return 'support';
    if (hit.cue.requiresHarm) return content.threat ? 'threat' : content.support && hit.cue.lemma !== 'warn' ? 'support' : 'claim';
    return hit.cue.label;
  }

  /** The label of a sentence with no stance cue of its own, from its content. */
  ofContent(words: readonly string[], from: number, to: number): StanceLabel {
    const stance = this.contentStance(words, from, to);
    return stance.threat && !stance.negated ? 'threat' : stance.support ? 'support' : 'claim';
  }

  /** A negator that really negates: "will not hesitate to respond" is no negation. */
  negates(words: readonly string[], at: number): boolean {
    return this.lexicon.cues.negators.has(words[at]!) && !this.lexicon.grammar.notNegatedBefore.has(words[at + 1] ?? '');
  }

  /** Threat: an intention marker before a harm verb, or a threat phrase. Support: a support phrase. */
  contentStance(words: readonly string[], from: number, to: number): ContentStance {
    const { cues } = this.lexicon;
    let threat = false;
    let support = false;
    let negated = false;
    const at = (phrase: string[], i: number) => phrase.every((w, k) => words[i + k] === w);
    for (let i = from; i < to; i++) {
      if (cues.threatPhrases.some((p) => at(p, i))) threat = true;
      // "did not deserve anything": a negated support phrase is none.
      if (cues.supportPhrases.some((p) => at(p, i)) && ![1, 2].some((k) => i - k >= from && this.negates(words, i - k))) support = true;
      const marker = cues.intentMarkers.find((p) => at(p, i));
      if (!marker) continue;
      let localNegation = false;
      for (let j = i + marker.length; j < Math.min(to, i + marker.length + 5); j++) {
        if (this.negates(words, j)) localNegation = true;
        if (cues.harmVerbs.has(words[j]!)) {
          if (localNegation) negated = true;
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
