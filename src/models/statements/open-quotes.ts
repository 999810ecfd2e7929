import type { Document, Sentence } from '../../document/types.js';
import { findQuotes, type Quote } from '../../text/quotes.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';

/** The most words between a sentence's subject and its speech verb: "Exantus on Monday also said". */
const VERB_REACH = 3;

/**
 * The document's quotations as the statement rules read them: a quotation
 * left open ends before a sentence that opens with a name or a third-person
 * pronoun and its speech verb ("Exantus said …", "She told …"), which is
 * narration attributing speech, not more of the quotation.
 */
export function statementQuotes(doc: Document, words: readonly string[], mentionAt: Int32Array, lexicon: StatementLexicon): Quote[] {
  const view = { doc, words, mentionAt };
  return findQuotes(doc.text, doc.tokens, doc.sentences, (sentence) => opensWithAttribution(view, lexicon, sentence));
}

interface WordsView {
  doc: Document;
  words: readonly string[];
  mentionAt: Int32Array;
}

function opensWithAttribution({ doc, words, mentionAt }: WordsView, lexicon: StatementLexicon, sentence: Sentence): boolean {
  let k = sentence.tokenStart;
  const mention = mentionAt[k]!;
  if (mention !== -1 && doc.mentions[mention]!.type !== 'LOCATION') while (mentionAt[k] === mention) k++;
  else if (lexicon.grammar.personalPronouns.has(words[k]!) || words[k] === 'they') k++;
  else return false;
  const { skippedBeforeVerb } = lexicon.grammar;
  for (let gap = 0; gap < VERB_REACH && (skippedBeforeVerb.has(words[k] ?? '') || /^[a-z]{3,}ly$/.test(words[k] ?? '')); gap++) k++;
  return k < sentence.tokenEnd && lexicon.cues.verbs.has(words[k]!);
}
