import type { Document, Mention } from '../document/types.js';
import { areDisjoint, byPosition, overlappingRun, overlaps } from '../document/spans.js';
import type { MentionCandidate } from './types.js';

/** How much each kind of evidence is trusted when two mentions compete for a span. */
export const SOURCE_PRIORITY: Record<Mention['provenance']['source'], number> = {
  kb: 3,
  definition: 3,
  acronym: 3,
  rule: 2,
  echo: 2,
  model: 2,
  compromise: 1,
};

/** compromise may swallow a known place into a person or organization name, but not widen a place into a place. */
function nestedPlace(inner: Mention, outer: MentionCandidate): boolean {
  return inner.type === 'LOCATION' && outer.type !== 'LOCATION';
}

export interface MergeResult {
  accepted: number;
  rejected: number;
}

/**
 * Adds candidates to `doc.mentions`. A candidate that overlaps an accepted
 * mention is dropped, unless it strictly contains every mention it overlaps
 * and is trusted at least as much: then it replaces them (a rule's "Kata'ib
 * Nasr al-Din" replaces compromise's "Nasr"). A place nested in a longer name
 * gives way even to a less trusted source, since nested names are not
 * mentions: "National [Taiwan] University", "Jude [Bellingham]". Organizations
 * and people from the knowledge base are never overridden by a rule.
 * Candidates are taken longest first.
 */
export function mergeCandidates(
  doc: Document,
  candidates: readonly MentionCandidate[],
  sentenceOf: (offset: number) => number,
): MergeResult {
  const ordered = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      SOURCE_PRIORITY[b.provenance.source] - SOURCE_PRIORITY[a.provenance.source] ||
      a.start - b.start,
  );
  const mentions = [...doc.mentions].sort(byPosition);
  // Accepted mentions never overlap, so those a candidate clashes with are one run of the sorted list, found by binary search.
  const disjoint = areDisjoint(mentions);
  let accepted = 0;
  let rejected = 0;
  for (const candidate of ordered) {
    if (candidate.end <= candidate.start) {
      rejected++;
      continue;
    }
    const { first, last } = disjoint ? overlappingRun(mentions, candidate) : { first: 0, last: 0 };
    const clashing = disjoint ? mentions.slice(first, last) : mentions.filter((m) => overlaps(m, candidate));
    if (clashing.length > 0 && !replacesAll(candidate, clashing)) {
      rejected++;
      continue;
    }
    const mention = toMention(doc, candidate, sentenceOf);
    if (disjoint) mentions.splice(first, last - first, mention);
    else mentions.splice(0, mentions.length, ...mentions.filter((m) => !clashing.includes(m)), mention);
    accepted++;
  }
  doc.mentions = disjoint ? mentions : mentions.sort(byPosition);
  return { accepted, rejected };
}

/** Whether a candidate strictly contains every mention it clashes with and is trusted enough to replace them. */
function replacesAll(candidate: MentionCandidate, clashing: readonly Mention[]): boolean {
  const priority = SOURCE_PRIORITY[candidate.provenance.source];
  return clashing.every(
    (m) =>
      m.start >= candidate.start &&
      m.end <= candidate.end &&
      (m.start !== candidate.start || m.end !== candidate.end) &&
      (priority >= 2 ? priority >= SOURCE_PRIORITY[m.provenance.source] || m.type === 'LOCATION' : nestedPlace(m, candidate)),
  );
}

function toMention(doc: Document, candidate: MentionCandidate, sentenceOf: (offset: number) => number): Mention {
  const mention: Mention = {
    start: candidate.start,
    end: candidate.end,
    text: doc.text.slice(candidate.start, candidate.end),
    type: candidate.type,
    sentence: sentenceOf(candidate.start),
    provenance: candidate.provenance,
  };
  if (candidate.kbId !== undefined) mention.kbId = candidate.kbId;
  return mention;
}
