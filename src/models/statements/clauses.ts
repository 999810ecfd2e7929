import type { Span, StanceLabel } from '../../document/types.js';
import type { StatementCandidate } from '../types.js';
import type { CueHit } from './cue-finder.js';
import type { StatementLexicon } from './grammar.js';
import { hasSource, type Speaker } from './speaker-reference.js';
import type { SpeakerFinder, SpeakerView } from './speakers.js';
import type { StanceLabeller } from './stance-labels.js';

interface LabelledHit {
  hit: CueHit;
  label: StanceLabel;
}

interface Clause {
  span: Span;
  hits: LabelledHit[];
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
    const labelled = hits.map((hit) => ({ hit, label: this.labeller.decide(view.words, view.sentence, hit) }));
    const out: StatementCandidate[] = [];
    let sharedSpeaker: Speaker | undefined;
    for (const clause of this.clauses(view, span, labelled)) {
      const withSpeakers = clause.hits.map((d) => ({ ...d, speaker: this.speakers.find(view, d.hit) }));
      // The source is whoever speaks first in the clause, named or not: in "Biden said the United States stood with
      // Israel" it is Biden, and in "a source close to Hezbollah said the group would respond" the unnamed source, not
      // the group of the inner cue. "According to X" yields to a speaker ("according to Al-Manar, Nasrallah said"),
      // being only the channel.
      const main =
        withSpeakers.find((d) => !d.hit.sourceAfter && this.speakers.isSpeaker(d.speaker)) ??
        withSpeakers.find((d) => hasSource(d.speaker)) ??
        withSpeakers.find((d) => d.label !== 'claim') ??
        withSpeakers[0];
      if (!main) continue;
      let speaker = main.speaker;
      if (!hasSource(speaker) && sharedSpeaker) speaker = sharedSpeaker;
      sharedSpeaker ??= hasSource(speaker) ? speaker : undefined;
      if (!hasSource(speaker) && main.hit.cue.noVerb) continue;
      const stanceHit = withSpeakers.find((d) => d.label === 'threat') ?? withSpeakers.find((d) => d.label === 'support');
      const label = stanceHit?.label ?? this.contentLabel(view);
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

  /** One sentence, two stances: "praised the attack and vowed to respond" becomes two clauses at the conjunction. */
  private clauses(view: SpeakerView, span: Span, labelled: LabelledHit[]): Clause[] {
    const { doc, words } = view;
    const stances = labelled.filter((d) => d.label !== 'claim');
    const first = stances[0];
    const second = first && stances.find((d) => d.label !== first.label && d.hit.first > first.hit.last);
    const splitAt = first && second ? this.conjunctionBetween(words, first.hit.last, second.hit.first) : -1;
    if (splitAt === -1) return [{ span, hits: labelled }];
    const boundary = doc.tokens[splitAt]!;
    return [
      { span: { start: span.start, end: trimEnd(doc.text, boundary.start) }, hits: labelled.filter((d) => d.hit.first < splitAt) },
      { span: { start: doc.tokens[splitAt + 1]!.start, end: span.end }, hits: labelled.filter((d) => d.hit.first > splitAt) },
    ];
  }

  /** A claim cue whose content threatens or supports takes that label. */
  private contentLabel({ words, sentence }: SpeakerView): StanceLabel {
    const content = this.labeller.contentStance(words, sentence.tokenStart, sentence.tokenEnd);
    if (content.threat && !content.negated) return 'threat';
    return content.support ? 'support' : 'claim';
  }

  private confidence(cueHit: CueHit, label: StanceLabel, speaker: Speaker): number {
    const weights = this.lexicon.grammar.confidence;
    let confidence = label === cueHit.cue.label ? cueHit.cue.strength : weights.labelNotTheCues;
    if (speaker.entity !== null) confidence += weights.namedSpeakerBonus;
    else if (speaker.text === null) confidence -= weights.noSpeakerPenalty;
    return roundConfidence(confidence);
  }

  private conjunctionBetween(words: readonly string[], from: number, to: number): number {
    for (let i = to - 1; i >= from; i--) if (this.lexicon.grammar.clauseConjunctions.has(words[i]!)) return i;
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
