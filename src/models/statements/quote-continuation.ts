import type { Document, Sentence, Span, StanceLabel } from '../../document/types.js';
import { joinsNeighbours } from '../../document/queries.js';
import { firstEndingAfter } from '../../document/spans.js';
import type { Quote } from '../../text/quotes.js';
import type { StatementCandidate } from '../types.js';
import { roundConfidence } from './clauses.js';
import type { StatementGrammar } from '../../resources/statement-lexicon.js';
import type { StanceLabeller } from './stance-labels.js';

export interface ContinuationInput {
  doc: Document;
  words: readonly string[];
  /** Sentences with no cue of their own, in text order. */
  pending: readonly Sentence[];
  quotes: readonly Quote[];
  /** The statement that attributed each quotation, where one did. */
  attributedQuotes: ReadonlyMap<Quote, StatementCandidate>;
  /** Statements found so far, in text order. */
  found: readonly StatementCandidate[];
  spanOf: (sentence: Sentence) => Span | undefined;
  /** Sentence index → the statement of an introducer ending there ("He said:"), whose content is the next sentence. */
  introducers: ReadonlyMap<number, StatementCandidate>;
}

/**
 * ANNOTATION.md makes each quoted sentence a statement: a quoted sentence
 * with no cue takes the speaker of its quotation, or of the statement just
 * before in the paragraph (or just after, when the attribution follows).
 * A frame whose verb the lexicon need not know ("“…,” she went on", "He
 * continued: “…”") names the speaker of its quotation, in every sentence
 * the quotation spans. The sentence after an introducer ("The governor
 * added:") is its content, quoted or not.
 */
export function quoteContinuations(
  input: ContinuationInput,
  labeller: StanceLabeller,
  grammar: StatementGrammar,
  modelName: string,
): StatementCandidate[] {
  const { doc, words, found } = input;
  // Continuations chain: a third quoted sentence may take its speaker from the second.
  const seen = new StatementsBySentence(found);
  const quoteSources = new Map<Quote, Source>(input.attributedQuotes);
  const context: FrameContext = {
    closing: closingFrames(input, grammar.creditDashes),
    prepositions: grammar.prepositions,
    creditDashes: grammar.creditDashes,
  };
  const out: StatementCandidate[] = [];
  for (const sentence of input.pending) {
    const introducer = input.introducers.get(sentence.index - 1);
    const quoted = introducer ? undefined : quotedSentence(input, sentence, context);
    if (!quoted && !introducer) continue;
    const attributed = introducer ?? (quoted && quoteSources.get(quoted.quotes[0]!)) ?? seen.neighbour(doc, sentence);
    const source = quoted?.frame ? withFrame(doc, quoted.frame, attributed) : attributed;
    const span = input.spanOf(sentence);
    if (!source || !span) continue;
    if (quoted?.frame) for (const quote of quoted.quotes) if (!quoteSources.has(quote)) quoteSources.set(quote, source);
    const stance = labeller.contentStance(words, sentence.tokenStart, sentence.tokenEnd, doc);
    const label: StanceLabel = stance.threat ? 'threat' : stance.support ? 'support' : 'claim';
    const confidence = roundConfidence(
      label === 'claim' ? grammar.confidence.quoteContinuation : grammar.confidence.quoteContinuationStance,
    );
    const statement: StatementCandidate = {
      ...span,
      sentence: sentence.index,
      label,
      speakerMention: source.speakerMention,
      speakerEntity: source.speakerEntity,
      speakerText: source.speakerText,
      cue: source.cue,
      confidence,
      provenance: { source: 'rule', model: modelName, rule: 'quote-continuation', score: confidence },
    };
    out.push(statement);
    seen.add(statement);
  }
  return out;
}

/** A sentence read as quoted speech: its quotations (the first one the sentence's own) and the frame that attributes them, if any. */
interface QuotedSentence {
  quotes: Quote[];
  frame?: Frame | undefined;
}

/** What frames are read with: the frames that close quotations in later sentences, the prepositions no frame opens with, and the dashes that credit a quotation. */
interface FrameContext {
  closing: ReadonlyMap<Quote, Frame>;
  prepositions: ReadonlySet<string>;
  creditDashes: ReadonlySet<string>;
}

/**
 * How a sentence with no cue holds quoted speech: mostly a quotation
 * (framed in the sentence, or by the frame that closes the quotation in a
 * later sentence); a quotation opening the sentence and closed by a frame
 * however short ("“No,” Haddad mused."); two quotations around a frame
 * ("“…,” she went on, “…”"); or a frame opening the sentence before its
 * quotation ("He continued, “…”").
 */
function quotedSentence(input: ContinuationInput, sentence: Sentence, context: FrameContext): QuotedSentence | undefined {
  const { quotes } = input;
  const quote = quoteOver(quotes, sentence);
  if (quote)
    return { quotes: [quote], frame: attributionFrame(input, sentence, quote, context.creditDashes) ?? context.closing.get(quote) };
  const opening = quoteOver(quotes, sentence, 0);
  const frame = opening && attributionFrame(input, sentence, opening, context.creditDashes);
  if (opening && frame) return { quotes: [opening], frame };
  return (opening && framedBetween(input, sentence, opening)) ?? leadingFrame(input, sentence, context.prepositions);
}

/** Quotations that run over several sentences and close in a sentence without a cue, with the frame after them there ("…,” he went on."). */
function closingFrames(input: ContinuationInput, creditDashes: ReadonlySet<string>): Map<Quote, Frame> {
  const { quotes, attributedQuotes } = input;
  const frames = new Map<Quote, Frame>();
  for (const sentence of input.pending) {
    for (let i = firstEndingAfter(quotes, sentence.start); i < quotes.length && quotes[i]!.end <= sentence.end; i++) {
      const quote = quotes[i]!;
      if (quote.start >= sentence.start || attributedQuotes.has(quote)) continue;
      const frame = attributionFrame(input, sentence, quote, creditDashes);
      if (frame) frames.set(quote, frame);
    }
    const credit = creditLineAfter(input, sentence, creditDashes);
    if (credit && !attributedQuotes.has(credit.quote)) frames.set(credit.quote, credit.frame);
  }
  return frames;
}

/** "“…”" then, as a sentence of its own (on its line or not), "— Tom Reed": the credit line and the quotation that closes the sentence before it. */
function creditLineAfter(
  { doc, words, quotes }: ContinuationInput,
  sentence: Sentence,
  creditDashes: ReadonlySet<string>,
): { quote: Quote; frame: Frame } | undefined {
  const previous = doc.sentences[sentence.index - 1];
  if (!previous || previous.paragraph < sentence.paragraph - 1) return undefined;
  let end = sentence.tokenEnd;
  while (end > sentence.tokenStart && /^[.!?]$/.test(words[end - 1]!)) end--;
  const frame = creditLine({ doc, words }, sentence.tokenStart, end, creditDashes);
  const closing = quotes[firstEndingAfter(quotes, previous.end - 2)];
  // The quotation must close the sentence before: nothing but its closing punctuation after it.
  if (!frame || !closing || closing.end > previous.end || !/^[\s.!?]*$/.test(doc.text.slice(closing.end, previous.end))) return undefined;
  return { quote: closing, frame };
}

/** Statements by sentence, in the order they were found: a neighbour is looked up, not searched for among all of them. */
class StatementsBySentence {
  private readonly bySentence = new Map<number, Array<{ statement: StatementCandidate; order: number }>>();
  private count = 0;

  constructor(found: readonly StatementCandidate[]) {
    for (const statement of found) this.add(statement);
  }

  add(statement: StatementCandidate): void {
    const list = this.bySentence.get(statement.sentence);
    const entry = { statement, order: this.count++ };
    if (list) list.push(entry);
    else this.bySentence.set(statement.sentence, [entry]);
  }

  /**
   * The nearest statement within two sentences before (same or previous paragraph; the latest found in that sentence),
   * else the first in the next sentence of the paragraph. Nearest in the text, not latest found: a continuation found
   * after "“…,” he added." must not take a speaker from the sentence before it.
   */
  neighbour(doc: Document, sentence: Sentence): StatementCandidate | undefined {
    const inParagraph = (index: number) =>
      (this.bySentence.get(index) ?? []).filter(({ statement }) => doc.sentences[statement.sentence]!.paragraph >= sentence.paragraph - 1);
    const nearest = [sentence.index - 1, sentence.index - 2].map(inParagraph).find((list) => list.length > 0);
    const before = nearest?.sort((a, b) => a.order - b.order).at(-1);
    if (before) return before.statement;
    const next = this.bySentence.get(sentence.index + 1)?.[0]?.statement;
    return next && doc.sentences[next.sentence]!.paragraph === sentence.paragraph ? next : undefined;
  }
}

function mostlyInside(sentence: Sentence, quote: Quote, share: number): boolean {
  const overlap = Math.min(sentence.end, quote.end) - Math.max(sentence.start, quote.start);
  return overlap > 0 && overlap >= (sentence.end - sentence.start) * share;
}

/** The quotation that holds `share` of a sentence (most, by default) starting in it (or one character before it): quotes are sorted and disjoint, so only those from the first ending after its start can. */
function quoteOver(quotes: readonly Quote[], sentence: Sentence, share = 0.6): Quote | undefined {
  for (let i = firstEndingAfter(quotes, sentence.start); i < quotes.length && quotes[i]!.start <= sentence.start + 1; i++) {
    if (mostlyInside(sentence, quotes[i]!, share)) return quotes[i];
  }
  return undefined;
}

/** A speaker named beside a quotation, in a frame of a name (or pronoun) and a verb: "“…,” Mr. Graham continued." */
interface Frame {
  mention: number | null;
  text: string;
}

/**
 * The frame after a quotation that ends inside the sentence and runs to
 * the sentence's end: "Graham continued", "she went on", "recalled Ms. Ortiz",
 * or a dash and the name it credits ("“…” ― Ann Miller").
 */
function attributionFrame(
  { doc, words }: ContinuationInput,
  sentence: Sentence,
  quote: Quote,
  creditDashes: ReadonlySet<string>,
): Frame | undefined {
  if (quote.end >= sentence.end) return undefined;
  const k = firstEndingAfter(doc.tokens, quote.end);
  let end = sentence.tokenEnd;
  while (end > k && /^[.!?]$/.test(words[end - 1]!)) end--;
  if (end < sentence.tokenEnd - 1) return undefined;
  return creditLine({ doc, words }, k, end, creditDashes) ?? frameIn(doc, words, k, end);
}

/** "― Ann Miller" in tokens [from, to): a dash standing apart and one name, not a place's, that fills the rest. */
function creditLine(
  { doc, words }: Pick<ContinuationInput, 'doc' | 'words'>,
  from: number,
  to: number,
  creditDashes: ReadonlySet<string>,
): Frame | undefined {
  if (!creditDashes.has(words[from]!) || to - from < 2 || joinsNeighbours(doc.tokens, from)) return undefined;
  const name = doc.tokens[from + 1]!;
  const mention = doc.mentions.findIndex((m) => m.start === name.start && m.end === doc.tokens[to - 1]!.end);
  if (mention === -1 || doc.mentions[mention]!.type === 'LOCATION') return undefined;
  return { mention, text: doc.mentions[mention]!.text };
}

/** "“…,” she continued, “…”": the frame between a quotation and the next one, which the frame attributes too. */
function framedBetween({ doc, words, quotes }: ContinuationInput, sentence: Sentence, opening: Quote): QuotedSentence | undefined {
  const next = quotes[quotes.indexOf(opening) + 1];
  if (!next || next.start >= sentence.end || !mostlyInside(sentence, next, 0.4)) return undefined;
  const from = firstEndingAfter(doc.tokens, opening.end);
  const to = firstEndingAfter(doc.tokens, next.start);
  if (words[to - 1] !== ',' && words[to - 1] !== ':') return undefined;
  const frame = frameIn(doc, words, from, to - 1);
  return frame && { quotes: [opening, next], frame };
}

/** "He continued, “…”", "Continued Ms. Ortiz: “…”": a frame opening the sentence, then a comma or colon and the quotation that fills the rest. */
function leadingFrame(
  { doc, words, quotes }: ContinuationInput,
  sentence: Sentence,
  prepositions: ReadonlySet<string>,
): QuotedSentence | undefined {
  // "For Ms. Ortiz: “…”" is no frame: a frame opens with its speaker or its verb.
  if (prepositions.has(words[sentence.tokenStart]!)) return undefined;
  const first = firstEndingAfter(quotes, sentence.start);
  const quote = quotes[first];
  // The quotation fills the rest of the sentence, whatever share of it the frame takes.
  if (!quote || quote.start >= sentence.end || quote.end < sentence.end - 1) return undefined;
  const mark = firstEndingAfter(doc.tokens, quote.start);
  if (words[mark - 1] !== ',' && words[mark - 1] !== ':') return undefined;
  const frame = frameIn(doc, words, sentence.tokenStart, mark - 1);
  return frame && { quotes: [quote], frame };
}

/**
 * The frame in tokens [from, to): two to five words, one name or subject
 * pronoun, and otherwise lower-case words or a capitalised title or verb,
 * whatever the verb; the cue lexicon need not know it.
 */
function frameIn(doc: Document, words: readonly string[], from: number, to: number): Frame | undefined {
  if (to - from < 2 || to - from > 5) return undefined;
  let frame: Frame | undefined;
  for (let k = from; k < to; k++) {
    const mention = doc.mentions.findIndex((m) => m.start <= doc.tokens[k]!.start && doc.tokens[k]!.end <= m.end);
    if (mention !== -1 && doc.mentions[mention]!.type !== 'LOCATION') {
      if (frame && frame.mention !== mention) return undefined;
      frame = { mention, text: doc.mentions[mention]!.text };
    } else if (/^(?:he|she|it|they|we|i)$/.test(words[k]!)) {
      if (frame) return undefined;
      frame = { mention: null, text: doc.tokens[k]!.text };
      // Lower-case words (the verb) and a capitalised title ("Senator", "Mr.") may stand around the name.
    } else if (!/^(?:\p{Ll}+|\p{Lu}\p{Ll}*\.?)$/u.test(doc.tokens[k]!.text)) return undefined;
  }
  return frame;
}

type Source = Pick<StatementCandidate, 'speakerMention' | 'speakerEntity' | 'speakerText' | 'cue'>;

/** Whom a frame attributes a quotation to: its name, or for a pronoun the source before it, in the pronoun's words. */
function withFrame(doc: Document, frame: Frame, attributed: Source | undefined): Source | undefined {
  if (frame.mention === null) return attributed && { ...attributed, speakerText: frame.text };
  const entity = doc.mentions[frame.mention]!.entity ?? null;
  return { speakerMention: frame.mention, speakerEntity: entity, speakerText: frame.text, cue: null };
}
