import type { Document, Sentence, Span, StanceLabel } from '../../document/types.js';
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
 * The sentence after an introducer ("The governor added:") is its content,
 * quoted or not.
 */
export function quoteContinuations(
  input: ContinuationInput,
  labeller: StanceLabeller,
  grammar: StatementGrammar,
  modelName: string,
): StatementCandidate[] {
  const { doc, words, quotes, found } = input;
  // Continuations chain: a third quoted sentence may take its speaker from the second.
  const seen = new StatementsBySentence(found);
  const out: StatementCandidate[] = [];
  for (const sentence of input.pending) {
    // A quotation opening the sentence and closed by a frame is its statement however short ("“No,” Haddad mused.").
    const opening = quoteOver(quotes, sentence, 0);
    const quote = quoteOver(quotes, sentence) ?? (opening && attributionFrame(input, sentence, opening) ? opening : undefined);
    const introducer = input.introducers.get(sentence.index - 1);
    if (!quote && !introducer) continue;
    const attributed = introducer ?? (quote && input.attributedQuotes.get(quote)) ?? seen.neighbour(doc, sentence);
    const framed = quote && !introducer ? attributionFrame(input, sentence, quote) : undefined;
    const source = framed ? withFrame(doc, framed, attributed) : attributed;
    const span = input.spanOf(sentence);
    if (!source || !span) continue;
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

  /** The latest found statement within two sentences before (same or previous paragraph), else the first in the next sentence of the paragraph. */
  neighbour(doc: Document, sentence: Sentence): StatementCandidate | undefined {
    const before = [...(this.bySentence.get(sentence.index - 2) ?? []), ...(this.bySentence.get(sentence.index - 1) ?? [])]
      .filter(({ statement }) => doc.sentences[statement.sentence]!.paragraph >= sentence.paragraph - 1)
      .sort((a, b) => a.order - b.order)
      .at(-1);
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

/** A speaker named right after a quotation closes, in a frame of a name (or pronoun) and one verb: "“…,” Mr. Graham continued." */
interface Frame {
  mention: number | null;
  text: string;
}

/**
 * The frame after a quotation that ends inside the sentence: at most four
 * words, one name or subject pronoun and lower-case words ("Graham
 * continued", "she went on", "recalled Ms. Ortiz"), whatever the verb; the
 * cue lexicon need not know it.
 */
function attributionFrame({ doc, words }: ContinuationInput, sentence: Sentence, quote: Quote): Frame | undefined {
  if (quote.end >= sentence.end) return undefined;
  let k = firstEndingAfter(doc.tokens, quote.end);
  let end = sentence.tokenEnd;
  while (end > k && /^[.!?]$/.test(words[end - 1]!)) end--;
  if (end - k < 2 || end - k > 5 || end < sentence.tokenEnd - 1) return undefined;
  let frame: Frame | undefined;
  for (; k < end; k++) {
    const mention = doc.mentions.findIndex((m) => m.start <= doc.tokens[k]!.start && doc.tokens[k]!.end <= m.end);
    if (mention !== -1 && doc.mentions[mention]!.type !== 'LOCATION') {
      if (frame && frame.mention !== mention) return undefined;
      frame = { mention, text: doc.mentions[mention]!.text };
    } else if (/^(?:he|she|they|we|i)$/.test(words[k]!)) {
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
