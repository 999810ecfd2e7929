import type { Sentence } from '../../document/types.js';
import type { AttributionContext } from './context.js';

/**
 * Features of the attribution model. Sentence features decide whether a
 * sentence reports what someone said; token features tag the source phrase
 * inside it. Both are plain strings, so the model file is readable.
 */

function shape(token: string): string {
  const s = token
    .replace(/\p{Lu}/gu, 'X')
    .replace(/\p{Ll}/gu, 'x')
    .replace(/\d/g, 'd')
    .replace(/(.)\1+/gu, '$1$1');
  return s.length > 6 ? s.slice(0, 6) : s;
}

/** Features of one sentence; `previousPositive` is the decision made for the sentence before it. */
export function sentenceFeatures(ctx: AttributionContext, sentence: Sentence, previousPositive: boolean): string[] {
  const { words, quoted, cueLabel, mentionType } = ctx;
  const f = ['bias', `prev:${previousPositive}`];
  let inQuote = 0;
  let outside = 0;
  let previous = '<s>';
  for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
    const w = words[k]!;
    if (quoted[k]) {
      inQuote++;
      continue;
    }
    outside++;
    f.push(`w:${w}`, `bi:${previous}_${w}`);
    if (cueLabel[k]) f.push(`cue:${cueLabel[k]}`, `cuew:${w}`);
    if (mentionType[k] && cueLabel[k + 1]) f.push(`ment-then-cue:${mentionType[k]}`);
    if (ctx.subjectPronouns.has(w) && cueLabel[k + 1]) f.push('pron-then-cue');
    previous = w;
  }
  const total = sentence.tokenEnd - sentence.tokenStart;
  f.push(`quoted:${bucket(inQuote / Math.max(1, total))}`, `len:${bucket(Math.min(60, total) / 60)}`, `outside:${Math.min(outside, 8)}`);
  f.push(`first:${words[sentence.tokenStart]}`, `last:${words[sentence.tokenEnd - 1]}`);
  if (words[sentence.tokenStart + 1] === ':' || words[sentence.tokenStart + 2] === ':') f.push('label-colon');
  const rules = ctx.rulesBySentence.get(sentence.index) ?? [];
  if (rules.length === 0) f.push('rules:none');
  for (const r of rules) {
    f.push(
      `rule:${r.provenance.rule ?? 'none'}`,
      `rulelabel:${r.label}`,
      `rulespeaker:${r.speakerEntity !== null ? 'entity' : r.speakerText ? 'text' : 'none'}`,
    );
    if (r.cue) f.push(`rulecue:${r.cue.toLowerCase()}`);
  }
  const previousRules = ctx.rulesBySentence.get(sentence.index - 1);
  if (previousRules?.length) f.push('prev-rule');
  const heading = ctx.doc.zones.some((z) => z.kind === 'headline' && z.start <= sentence.start && sentence.start < z.end);
  if (heading || sentence.index === 0) f.push('heading');
  if (sentence.index < 3) f.push(`position:${sentence.index}`);
  return f;
}

function bucket(fraction: number): string {
  return fraction === 0 ? '0' : fraction < 0.3 ? 'low' : fraction < 0.7 ? 'mid' : fraction < 1 ? 'high' : 'all';
}

/** Source-tag classes: B and I of the source phrase, O elsewhere. */
export const SOURCE_TAGS = ['O', 'B', 'I'] as const;
export type SourceTag = (typeof SOURCE_TAGS)[number];

/** Features of token k of a sentence, given the tag decided for the token before it. */
export function tokenFeatures(ctx: AttributionContext, sentence: Sentence, k: number, previousTag: SourceTag): string[] {
  const { words, quoted, mentionType, mentionStart, ruleSpeaker, doc } = ctx;
  const w = words[k]!;
  const at = (offset: number) =>
    k + offset >= sentence.tokenStart && k + offset < sentence.tokenEnd ? words[k + offset]! : offset < 0 ? '<s>' : '</s>';
  const f = [
    'bias',
    `w:${w}`,
    `shape:${shape(doc.tokens[k]!.text)}`,
    `p1:${at(-1)}`,
    `n1:${at(1)}`,
    `p2:${at(-2)}`,
    `n2:${at(2)}`,
    `pt:${previousTag}`,
    `pt-w:${previousTag}_${w}`,
  ];
  f.push(`p1-w:${at(-1)}_${w}`, `w-n1:${w}_${at(1)}`);
  if (quoted[k]) f.push('quoted');
  if (mentionType[k]) f.push(`ment:${mentionType[k]}`, `ment-start:${mentionStart[k]}`, `pt-ment:${previousTag}_${mentionType[k]}`);
  if (ruleSpeaker[k]) f.push('rule-speaker');
  if (ctx.subjectPronouns.has(w)) f.push('pronoun');
  if (k === sentence.tokenStart) f.push('sentence-start');
  f.push(`cue-left:${nearestCue(ctx, sentence, k, -1)}`, `cue-right:${nearestCue(ctx, sentence, k, 1)}`);
  return f;
}

/** Distance bucket to the nearest unquoted cue word on one side of token k, within its sentence. */
function nearestCue(ctx: Pick<AttributionContext, 'cueLabel' | 'quoted'>, sentence: Sentence, k: number, direction: 1 | -1): string {
  const { cueLabel, quoted } = ctx;
  for (let d = 1; d <= 8; d++) {
    const j = k + d * direction;
    if (direction === 1 ? j >= sentence.tokenEnd : j < sentence.tokenStart) break;
    if (cueLabel[j] && !quoted[j]) return d <= 2 ? String(d) : d <= 4 ? 'near' : 'far';
  }
  return 'none';
}
