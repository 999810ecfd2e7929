import type { Document, Sentence, Span, StanceLabel } from '../../document/types.js';
import { firstEndingAfter } from '../../document/spans.js';
import type { RuleStatementExtractor } from '../statements/rule-extractor.js';
import type { ModelInfo, StatementCandidate, StatementExtractor } from '../types.js';
import { linkSpeakers } from '../statements/speaker-linking.js';
import { newlyIntroduced } from '../statements/speaker-reference.js';
import { buildContext, candidateSentences, type AttributionContext } from './context.js';
import type { AttributionModel, SourceSpan } from './model.js';
import type { StatementGrammar } from '../../resources/statement-lexicon.js';
import { reportsNoSpeech } from '../statements/speech-event.js';
import { partOfSpeech } from '../pos/tag-lookup.js';

/**
 * How the learned attribution model and the statement rules combine:
 * - `rules`: the rules alone;
 * - `union`: every rule statement, plus a statement for each sentence the
 *   model reads as reported speech where the rules found none, when that
 *   sentence shows speech (`speechEvidence`);
 * - `model`: the model decides which sentences are statements; the rules'
 *   statement for such a sentence is kept (its label, speaker and cue),
 *   others get the model's source, and rule statements in sentences the model
 *   rejects are dropped.
 */
import type { AttributionPolicy } from '../policies.js';
export type { AttributionPolicy } from '../policies.js';

/**
 * ANNOTATION.md's statements are narrower than PolNeAR's attributions (no
 * bare beliefs, plans or poll findings, no narration): under `union` a
 * sentence the rules passed over becomes a statement only with evidence of
 * speech — a quotation making up most of the sentence, or a source phrase
 * with a cue word of the lexicon right after it ("X, an analyst, said") or
 * right before it ("said X").
 */
function speechEvidence(ctx: AttributionContext, sentence: Sentence, source: SourceSpan | null, grammar: StatementGrammar): boolean {
  let quoted = 0;
  let quotedWords = 0;
  let capitalised = 0;
  for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
    if (!ctx.quoted[k]) continue;
    quoted++;
    const text = ctx.doc.tokens[k]!.text;
    if (!/\p{L}/u.test(text)) continue;
    quotedWords++;
    if (/^\p{Lu}/u.test(text)) capitalised++;
  }
  // "the book “I Am Malala: The Story of …”": a title in quotation marks is no speech.
  const title = quotedWords >= 3 && capitalised >= TITLE_CAPITALS * quotedWords;
  if (!title && quoted * 2 > sentence.tokenEnd - sentence.tokenStart) return true;
  if (!source) return false;
  // "did not respond", "offered no evidence": a cue word that tells of no speech is no evidence of it. (The first
  // word of a phrase cue counts without the phrase's other words: requiring them lost 50 PolNeAR dev attributions
  // for 8 false ones.)
  const cueAt = (k: number) =>
    k >= sentence.tokenStart &&
    k < sentence.tokenEnd &&
    !ctx.quoted[k] &&
    ctx.cueLabel[k] !== null &&
    !reportsNoSpeech(ctx.words, k, sentence.tokenStart, grammar);
  for (let d = 0; d < CUE_REACH; d++) if (cueAt(source.last + d) || cueAt(source.first - 1 - d)) return true;
  return false;
}

/** A paragraph opened by a speaker label in capitals and a colon ("PENCE:", "MR. SMITH:"): the label's tokens. */
function transcriptLabel(ctx: AttributionContext, sentence: Sentence): SourceSpan | null {
  const first = ctx.doc.sentences[ctx.paragraphStart[sentence.index]!]!;
  let k = first.tokenStart;
  if (/^["“]$/.test(ctx.doc.tokens[k]?.text ?? '')) k++;
  const start = k;
  while (k < first.tokenEnd && k - start < 4 && /^\p{Lu}[\p{Lu}.'’-]*$/u.test(ctx.doc.tokens[k]!.text)) k++;
  return k > start && ctx.doc.tokens[k]?.text === ':' && /\p{Lu}{2}/u.test(ctx.doc.tokens[start]!.text) ? { first: start, last: k } : null;
}

/** Who speaks in a transcript: a statement with no source, or a first-person one ("I said"), in a paragraph opened by "PENCE:" is Pence's. */
function withTranscriptSpeaker(ctx: AttributionContext, sentence: Sentence, statement: StatementCandidate): StatementCandidate {
  if (statement.speakerEntity !== null || (statement.speakerText !== null && !/^(?:i|we)$/i.test(statement.speakerText))) return statement;
  const label = transcriptLabel(ctx, sentence);
  if (!label) return statement;
  const { doc } = ctx;
  const mention = ctx.mentionAt[label.first]!;
  const speakerText = doc.text.slice(doc.tokens[label.first]!.start, doc.tokens[label.last - 1]!.end);
  return {
    ...statement,
    speakerMention: mention === -1 ? null : mention,
    speakerEntity: mention === -1 ? null : (doc.mentions[mention]!.entity ?? null),
    speakerText,
  };
}

/** The name that follows the quotation a sentence is in, within a dash or comma of its close ("…” ― Carlos Raúl"). */
function nameAfterQuote(ctx: AttributionContext, sentence: Sentence): SourceSpan | null {
  const { doc } = ctx;
  const at = doc.tokens[sentence.tokenStart]!.start;
  const quote = ctx.quotes[firstEndingAfter(ctx.quotes, at)];
  if (!quote || quote.start > at + 1) return null;
  let k = firstEndingAfter(doc.tokens, quote.end);
  for (let skipped = 0; skipped < 3 && k < doc.tokens.length && /^[―—–,-]+$/.test(doc.tokens[k]!.text); skipped++) k++;
  const mention = ctx.mentionAt[k];
  if (mention === undefined || mention === -1 || doc.mentions[mention]!.type !== 'PERSON') return null;
  let last = k;
  while (ctx.mentionAt[last] === mention) last++;
  return { first: k, last };
}

/** How many tokens may stand between a source phrase and its cue ("X on Tuesday said"). */
const CUE_REACH = 4;

/** The share of capitalised words that makes a quotation a title, not speech. */
const TITLE_CAPITALS = 0.6;

/** The person or organisation that opens a sentence as the subject of its verb ("Manning thinks “…”"): its tokens. */
function namedSubject(ctx: AttributionContext, sentence: Sentence): SourceSpan | null {
  const first = sentence.tokenStart;
  const mention = ctx.mentionAt[first]!;
  if (mention === -1 || ctx.mentionType[first] === 'LOCATION') return null;
  let last = first;
  while (last < sentence.tokenEnd && ctx.mentionAt[last] === mention) last++;
  const verb = partOfSpeech(ctx.doc).get(ctx.doc.tokens[last]?.start ?? -1);
  const lowerCase = /^\p{Ll}/u.test(ctx.doc.tokens[last]?.text ?? '');
  return lowerCase && verb?.has('Verb') && !verb.has('Noun') ? { first, last } : null;
}

/** A sentence the model reads as reported speech where the rules found no statement. */
interface ModelDetection {
  sentence: Sentence;
  /** The sentence's statement span. */
  span: Span;
  /** The detector's yes-score minus no-score for the sentence. */
  margin: number;
  /** The source phrase the tagger marks in the sentence, if any. */
  source: SourceSpan | null;
}

export class AttributionStatementExtractor implements StatementExtractor {
  readonly info: ModelInfo;

  constructor(
    private readonly rules: RuleStatementExtractor,
    private readonly model: AttributionModel,
    private readonly policy: AttributionPolicy,
  ) {
    this.info = {
      name: `statement-rules+attribution-${policy}`,
      version: '1',
      kind: 'statistical',
      resources: { ...rules.info.resources, 'attribution.json': model.sha256 },
    };
  }

  async extract(docs: readonly Document[]): Promise<StatementCandidate[][]> {
    return docs.map((doc) => this.extractOne(doc));
  }

  extractOne(doc: Document): StatementCandidate[] {
    const ruled = this.rules.extractOne(doc);
    if (this.policy === 'rules') return ruled;
    const ctx = buildContext(doc, ruled, this.rules.lexicon);
    const out: StatementCandidate[] = [];
    let previousPositive = false;
    for (const { sentence, span } of candidateSentences(doc)) {
      const margin = this.model.margin(ctx, sentence, previousPositive);
      const positive = margin >= this.model.threshold;
      previousPositive = positive;
      const fromRules = ctx.rulesBySentence.get(sentence.index) ?? [];
      if (fromRules.length > 0 && (positive || this.policy === 'union'))
        out.push(...fromRules.map((s) => withTranscriptSpeaker(ctx, sentence, s)));
      else if (positive && fromRules.length === 0) {
        const source = this.model.source(ctx, sentence);
        if (this.policy === 'model' || speechEvidence(ctx, sentence, source, this.rules.lexicon.grammar))
          out.push(this.fromModel(ctx, { sentence, span, margin, source }, out));
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }

  private fromModel(ctx: AttributionContext, detection: ModelDetection, earlier: readonly StatementCandidate[]): StatementCandidate {
    const { sentence, span, margin, source } = detection;
    const stance = this.rules.labels.contentStance(ctx.words, sentence.tokenStart, sentence.tokenEnd, ctx.doc);
    const label: StanceLabel = stance.negated ? 'claim' : stance.threat ? 'threat' : stance.support ? 'support' : 'claim';
    const speaker = this.speakerOf(ctx, sentence, source, earlier);
    const confidence = Math.round(Math.min(0.9, 0.5 + Math.max(0, margin) / 40) * 100) / 100;
    return {
      ...span,
      sentence: sentence.index,
      label,
      ...speaker,
      cue: null,
      confidence,
      provenance: { source: 'model', model: this.info.name, rule: 'model:attribution', score: confidence },
    };
  }

  /**
   * The source phrase as a speaker: a phrase that starts with a name is that
   * name's entity; a bare pronoun is the source of the statement before it;
   * any other phrase ("a senior official") is an unnamed source. With no
   * phrase in the sentence: the transcript label that opens its paragraph
   * ("PENCE: …"), else the name right after its quotation closes ("“…” ―
   * Name"), else a name that opens the sentence as its subject ("Manning
   * thinks …"), else the previous statement's source when that is at most
   * two sentences back.
   */
  private speakerOf(
    ctx: AttributionContext,
    sentence: Sentence,
    source: SourceSpan | null,
    earlier: readonly StatementCandidate[],
  ): Pick<StatementCandidate, 'speakerMention' | 'speakerEntity' | 'speakerText'> {
    const previous = earlier.at(-1);
    const none = { speakerMention: null, speakerEntity: null, speakerText: null };
    // The previous statement's speaker phrase is linked first, so "Wasuge said … He added" passes Wasuge on.
    const inherit = () => {
      if (!previous) return none;
      const linked = linkSpeakers(ctx.doc, [previous])[0]!;
      return { speakerMention: linked.speakerMention, speakerEntity: linked.speakerEntity, speakerText: linked.speakerText };
    };
    source ??= transcriptLabel(ctx, sentence) ?? nameAfterQuote(ctx, sentence) ?? namedSubject(ctx, sentence);
    if (!source) return previous && previous.sentence >= sentence.index - 2 ? inherit() : none;
    const { doc } = ctx;
    const text = doc.text.slice(doc.tokens[source.first]!.start, doc.tokens[source.last - 1]!.end);
    const mention = ctx.mentionAt[source.first]!;
    if (mention !== -1) return { speakerMention: mention, speakerEntity: doc.mentions[mention]!.entity ?? null, speakerText: text };
    // "Hamas, which says …": the relative pronoun stands for the name before its comma, as in the rules.
    const named = ctx.mentionAt[source.first - 2] ?? -1;
    const relative = source.last - source.first === 1 && this.rules.lexicon.grammar.relativePronouns.has(ctx.words[source.first]!);
    if (relative && ctx.words[source.first - 1] === ',' && named !== -1 && doc.mentions[named]!.type !== 'LOCATION')
      return { speakerMention: named, speakerEntity: doc.mentions[named]!.entity ?? null, speakerText: text };
    if (source.last - source.first === 1 && ctx.subjectPronouns.has(ctx.words[source.first]!)) {
      // The pronoun stays the speakerText (what the text says); the entity is whom it refers to: a person the text
      // named since the previous statement ("Zamora attended the hearing. … he called the ruling arbitrary"), else
      // the previous statement's source.
      const gender = this.rules.lexicon.grammar.personalPronouns.get(ctx.words[source.first]!);
      const person = { types: ['PERSON' as const], text, gender };
      const introduced = gender && newlyIntroduced({ doc, sentence, quotes: ctx.quotes, earlier }, doc.tokens[source.first]!.start, person);
      if (introduced) return { speakerMention: introduced.mention, speakerEntity: introduced.entity, speakerText: text };
      return previous && previous.sentence >= sentence.index - 3
        ? { ...inherit(), speakerText: text }
        : { speakerMention: null, speakerEntity: null, speakerText: text };
    }
    return { speakerMention: null, speakerEntity: null, speakerText: text };
  }
}
