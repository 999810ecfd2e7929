/**
 * Whether a predicted statement names the source of the PolNeAR attribution it
 * paired with (../shared/tools/polnear.mjs header, "score" (b)). Gold and
 * predictions are read as loose JSON: a field of the wrong type simply fails
 * the rule that needs it, as it does in the reference scorer.
 */

import { overlapLength, overlaps } from '../../document/spans.js';
import type { Span } from '../../document/types.js';
import { isValidSpan, scoringNameKey } from '../prediction.js';

/** A span as the scorer reads it. */
export type Range = Span;

/** A field of a JSON object; undefined for anything that is not an object. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * A gold source fragment as numbers. Fragments are not validated (the gold is
 * ours), so a missing offset becomes NaN and fails every comparison, as an
 * `undefined` would.
 */
function asRange(value: unknown): Range {
  return { start: Number(field(value, 'start')), end: Number(field(value, 'end')) };
}

const nameKeys = new Map<string, string>();

/**
 * The key names are compared by (`scoringNameKey`, as score.mjs and
 * polnear.mjs define it), cached.
 */
export function sourceNameKey(value: unknown): string {
  const surface = String(value ?? '');
  let key = nameKeys.get(surface);
  if (key === undefined) {
    key = scoringNameKey(surface);
    // The same few source and chain texts come back for every pair; a bounded cache keeps scoring quick.
    if (nameKeys.size >= 50_000) nameKeys.clear();
    nameKeys.set(surface, key);
  }
  return key;
}

/** Personal, possessive, reflexive, demonstrative and relative pronouns: a source that is one of these alone is a "bare pronoun". */
const PRONOUNS = new Set([
  ...['i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves'],
  ...['you', 'your', 'yours', 'yourself', 'yourselves'],
  ...['he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself', 'it', 'its', 'itself', 'one'],
  ...['they', 'them', 'their', 'theirs', 'themselves'],
  ...['this', 'that', 'these', 'those'],
  ...['who', 'whom', 'whose', 'which'],
]);
/** Relative pronouns: their antecedent is usually written right before them ("the Department, which said"). */
const RELATIVE_PRONOUNS = new Set(['who', 'whom', 'whose', 'which', 'that']);

export function isBarePronoun(value: unknown): boolean {
  return PRONOUNS.has(sourceNameKey(value));
}

/** What the prediction offers as the speaker of one statement. */
export interface PredictedSpeaker {
  /** The statement had a non-empty `speaker` id. */
  hasSpeaker: boolean;
  /** `speakerText`, trimmed; '' when absent. */
  speakerText: string;
  /** Valid mentions of the speaker entity (none when the id did not resolve). */
  mentions: Range[];
  /** The entity's name and aliases that have a non-empty key. */
  names: string[];
}

/** Where `speakerText` occurs, case-insensitively, in the text around the statement and its gold content. */
export function speakerTextOccurrences(speakerText: string, text: string, around: Range, window: number): Range[] {
  const lo = Math.max(0, around.start - window);
  const hi = Math.min(text.length, around.end + window);
  const pattern = new RegExp(speakerText.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), 'giu');
  const found: Range[] = [];
  for (const match of text.slice(lo, hi).matchAll(pattern)) {
    found.push({ start: lo + match.index, end: lo + match.index + match[0].length });
  }
  return found;
}

export interface SourceVerdict {
  /** E1 or E2. */
  viaEntity: boolean;
  /** T1 or T2. */
  viaText: boolean;
  /** Correct under the lenient reading (CoreNLP chain, relative pronouns); implied by a strict match. */
  lenient: boolean;
}

/** The gold source of one attribution, read from loose JSON. */
export interface GoldSource {
  text: unknown;
  key: string;
  fragments: Range[];
  coref: unknown[];
}

export function readGoldSource(source: unknown): GoldSource {
  const fragments = field(source, 'fragments');
  const coref = field(source, 'coref');
  const text = field(source, 'text');
  return {
    text,
    key: sourceNameKey(text),
    fragments: (Array.isArray(fragments) && fragments.length > 0 ? fragments : [source]).map(asRange),
    coref: Array.isArray(coref) ? coref.filter(isValidSpan) : [],
  };
}

/**
 * Strict rules: E1 an entity mention overlaps a source fragment; E2 the
 * entity's name or alias is the source text; T1 speakerText is the source
 * text; T2 a speakerText occurrence and a source fragment overlap by at least
 * half the longer of the two (a phrase that merely contains the source did
 * not isolate the speaker).
 */
function strictVerdict(gold: GoldSource, speaker: PredictedSpeaker, occurrences: readonly Range[]): Omit<SourceVerdict, 'lenient'> {
  const viaEntity =
    speaker.mentions.some((m) => gold.fragments.some((f) => overlaps(m, f))) || speaker.names.some((n) => sourceNameKey(n) === gold.key);
  const isolates = (o: Range, f: Range): boolean => 2 * overlapLength(o, f) >= Math.max(o.end - o.start, f.end - f.start);
  const viaText =
    speaker.speakerText !== '' &&
    (sourceNameKey(speaker.speakerText) === gold.key || occurrences.some((o) => gold.fragments.some((f) => isolates(o, f))));
  return { viaEntity, viaText };
}

/** Lenient via the automatic chain: a mention on a chain head, or a name or speakerText equal to a non-pronoun chain text. */
function matchesChain(gold: GoldSource, speaker: PredictedSpeaker): boolean {
  if (gold.coref.length === 0) return false;
  const heads = gold.coref.map((m) => (isValidSpan(field(m, 'head')) ? (field(m, 'head') as Range) : (m as Range)));
  const keys = new Set<string>();
  for (const m of gold.coref) {
    if (!isBarePronoun(field(m, 'text'))) keys.add(sourceNameKey(field(m, 'text')));
    const headText = field(field(m, 'head'), 'text');
    if (headText && !isBarePronoun(headText)) keys.add(sourceNameKey(headText));
  }
  keys.delete('');
  return (
    speaker.mentions.some((m) => heads.some((h) => overlaps(m, h))) ||
    speaker.names.some((n) => keys.has(sourceNameKey(n))) ||
    (speaker.speakerText !== '' && keys.has(sourceNameKey(speaker.speakerText)))
  );
}

/** Lenient for who/which/that sources: a mention or speakerText occurrence ends right before it, with at most 3 spaces or commas between. */
function precedesRelativePronoun(gold: GoldSource, speaker: PredictedSpeaker, occurrences: readonly Range[], text: string | null): boolean {
  if (!RELATIVE_PRONOUNS.has(gold.key)) return false;
  const at = gold.fragments[0]!.start;
  const adjacent = (r: Range): boolean => r.end <= at && at - r.end <= 3 && (text === null || /^[\s,]*$/.test(text.slice(r.end, at)));
  return speaker.mentions.some(adjacent) || occurrences.some(adjacent);
}

export function judgeSource(
  gold: GoldSource,
  speaker: PredictedSpeaker,
  occurrences: readonly Range[],
  text: string | null,
): SourceVerdict {
  const { viaEntity, viaText } = strictVerdict(gold, speaker, occurrences);
  const lenient = viaEntity || viaText || matchesChain(gold, speaker) || precedesRelativePronoun(gold, speaker, occurrences, text);
  return { viaEntity, viaText, lenient };
}
