import type { Document, Mention } from '../document/types.js';
import { areDisjoint, byPosition, overlappingRun, overlaps } from '../document/spans.js';
import type { EntityRecognizer, MentionCandidate, ScoredRecognition, VetoingRecognizer } from './types.js';

/**
 * How a statistical recognizer combines with the knowledge base and rules.
 * union: the model adds what the others miss, vetoes their weak hits, and
 * where it is sure of a name (`OVERRIDE`) its span and type replace the
 * mentions it overlaps (a club named by its city, "Air France" around
 * "France"); a knowledge-base mention it agrees with keeps its id;
 * kb-first: the model only fills gaps, never overriding or vetoing;
 * model-only: the model alone (the learned tagger still reads the knowledge
 * base's and rules' mentions as features).
 */
export type { NerPolicy } from './policies.js';

export const VETO = {
  /** Only hits less trusted than this can be vetoed: compromise's guesses, never the knowledge base, a name rule or an echo of a known name. */
  scoreBelow: 0.6,
  /** The model must read every word of the hit as "O" at least this surely. */
  outsideFrom: 0.9,
};

export function isVetoing(recognizer: EntityRecognizer): recognizer is VetoingRecognizer {
  return typeof (recognizer as Partial<VetoingRecognizer>).recognizeScored === 'function';
}

/** From this confidence on, every word of it, a model's name overrides the mentions it overlaps. */
export const OVERRIDE = { scoreFrom: 0.7 };

/**
 * What the model's sure name may do to a mention it overlaps: anything to a
 * rule's or a fallback's hit, except make a person of a name typed by its
 * head word; to a knowledge-base name, widen it into a
 * longer name, or (for a place only) retype it where the spans are equal —
 * never cut one, and never retype a known person or organization.
 */
function mayReplace(m: Mention, candidate: MentionCandidate): boolean {
  if (m.kbId === undefined) return !(typedByHead(m) && candidate.type === 'PERSON');
  if (strictlyInside(m, candidate)) return true;
  return m.type === 'LOCATION' && m.start === candidate.start && m.end === candidate.end;
}

/**
 * Rules that type a name by its head word ("… Council", "Ministry of …"):
 * knowledge the model's training data may lack, so the model may re-span
 * such a name or read it as the place it also is ("Soviet Union"), but a
 * person it is not.
 */
const HEAD_TYPED_RULES = new Set(['org-lead', 'org-head', 'org-head-complement']);
const typedByHead = (m: Mention): boolean => m.provenance.source === 'rule' && HEAD_TYPED_RULES.has(m.provenance.rule ?? '');

const strictlyInside = (inner: Mention, outer: MentionCandidate): boolean =>
  inner.start >= outer.start && inner.end <= outer.end && (inner.start !== outer.start || inner.end !== outer.end);

/**
 * Under union, the model's sure names take their place: each candidate at
 * or above `OVERRIDE.scoreFrom` that differs from the mentions it overlaps
 * replaces them — a place read as the club or government it stands for, a
 * rule's over-long name, a known name inside a longer one — unless one of
 * them has the same span and type (then that mention, with its
 * knowledge-base id, stands) or is a known person or organization it does
 * not contain. Returns the candidates left for the ordinary merge.
 */
export function overrideWithSure(doc: Document, candidates: readonly MentionCandidate[]): MentionCandidate[] {
  const rest: MentionCandidate[] = [];
  const removed = new Set<Mention>();
  const sure: MentionCandidate[] = [];
  // The merge keeps mentions sorted and disjoint, so a candidate's clashes are found by binary search.
  const mentions = [...doc.mentions].sort(byPosition);
  const disjoint = areDisjoint(mentions);
  const clashesOf = (candidate: MentionCandidate): Mention[] => {
    if (!disjoint) return mentions.filter((m) => overlaps(m, candidate));
    const { first, last } = overlappingRun(mentions, candidate);
    return mentions.slice(first, last);
  };
  for (const candidate of candidates) {
    const clashing = clashesOf(candidate);
    const agreed = clashing.some((m) => m.start === candidate.start && m.end === candidate.end && m.type === candidate.type);
    if (
      candidate.provenance.score < OVERRIDE.scoreFrom ||
      clashing.length === 0 ||
      agreed ||
      clashing.some((m) => !mayReplace(m, candidate))
    )
      rest.push(candidate);
    else {
      for (const m of clashing) removed.add(m);
      sure.push(candidate);
    }
  }
  if (removed.size > 0) {
    doc.mentions = doc.mentions.filter((m) => !removed.has(m));
    doc.aliasLinks = doc.aliasLinks.filter((l) => ![...removed].some((m) => m.start === l.alias.start || m.start === l.target.start));
  }
  return [...sure, ...rest];
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
