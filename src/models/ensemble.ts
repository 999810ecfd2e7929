import type { Document, Mention } from '../document/types.js';
import { overlaps } from '../document/spans.js';
import type { EntityRecognizer, MentionCandidate, ScoredRecognition, VetoingRecognizer } from './types.js';

/**
 * How a statistical recognizer combines with the knowledge base and rules.
 * union: the model adds what the others miss and vetoes their weak hits;
 * kb-first: the model only fills gaps, never overriding or vetoing;
 * model-only: the model alone.
 */
export const NER_POLICIES = ['union', 'kb-first', 'model-only'] as const;
export type NerPolicy = (typeof NER_POLICIES)[number];

export const VETO = {
  /** Only hits less trusted than this can be vetoed: compromise's guesses, never the knowledge base, a name rule or an echo of a known name. */
  scoreBelow: 0.6,
  /** The model must read every word of the hit as "O" at least this surely. */
  outsideFrom: 0.9,
};

export function isVetoing(recognizer: EntityRecognizer): recognizer is VetoingRecognizer {
  return typeof (recognizer as Partial<VetoingRecognizer>).recognizeScored === 'function';
}

/** The model's candidates that overlap no accepted mention. */
export function gapsOnly(doc: Document, candidates: readonly MentionCandidate[]): MentionCandidate[] {
  return candidates.filter((c) => !doc.mentions.some((m) => overlaps(m, c)));
}

/**
 * Removes weak mentions that the model read, word by word and with
 * confidence, as no name at all; returns what it removed.
 */
export function vetoWeakMentions(doc: Document, recognition: ScoredRecognition): Mention[] {
  const vetoed = doc.mentions.filter((mention) => {
    if (mention.provenance.source === 'model' || mention.provenance.score >= VETO.scoreBelow) return false;
    if (recognition.candidates.some((c) => overlaps(c, mention))) return false;
    const words = recognition.outside.filter((o) => o.start < mention.end && o.end > mention.start);
    const covered = words.reduce((sum, o) => sum + Math.min(o.end, mention.end) - Math.max(o.start, mention.start), 0);
    const letters = doc.text.slice(mention.start, mention.end).replace(/\s/gu, '').length;
    return words.length > 0 && covered >= letters && words.every((o) => o.score >= VETO.outsideFrom);
  });
  if (vetoed.length > 0) {
    doc.mentions = doc.mentions.filter((m) => !vetoed.includes(m));
    doc.aliasLinks = doc.aliasLinks.filter((l) => !vetoed.some((m) => m.start === l.alias.start || m.start === l.target.start));
  }
  return vetoed;
}
