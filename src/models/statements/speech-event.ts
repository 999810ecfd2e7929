import type { StatementGrammar } from '../../resources/statement-lexicon.js';

/** How far back a "neither … nor" subject may open before its verb: "Neither ICE nor its parent agency, the Department of Homeland Security, have". */
const NEITHER_REACH = 16;

/**
 * Whether a verb cue at `at` (token index) reports no speech although its
 * word is a speech verb: it is negated ("did not respond", "has not yet
 * confirmed", "never said"), its subject is "neither X nor Y", or its object
 * says nothing was given ("offered no evidence") or asks for speech
 * ("requesting comment"). Such a sentence tells that
 * someone did not speak, which the guideline does not count as a statement.
 */
export function reportsNoSpeech(words: readonly string[], at: number, sentenceStart: number, grammar: StatementGrammar): boolean {
  return negatedVerb(words, at, sentenceStart, grammar) || neitherSubject(words, at, sentenceStart) || withheldObject(words, at, grammar);
}

function isNegator(word: string): boolean {
  return word === 'not' || word === 'never' || word.endsWith("n't");
}

/** "did not immediately respond", "has not yet confirmed", "wouldn't say": a negator among the auxiliaries and adverbs before the verb. */
function negatedVerb(words: readonly string[], at: number, sentenceStart: number, grammar: StatementGrammar): boolean {
  const { skippedBeforeVerb, negationAuxiliaries } = grammar;
  for (let k = at - 1; k >= sentenceStart; k--) {
    const word = words[k]!;
    if (isNegator(word)) return true;
    if (!skippedBeforeVerb.has(word) && !negationAuxiliaries.has(word) && !/^[a-z]{3,}ly$/.test(word)) return false;
  }
  return false;
}

/** "Neither China nor Thailand has explained …": the verb's subject names no one who spoke. */
function neitherSubject(words: readonly string[], at: number, sentenceStart: number): boolean {
  let nor = false;
  for (let k = at - 1; k >= Math.max(sentenceStart, at - NEITHER_REACH); k--) {
    const word = words[k]!;
    if (word === ';' || word === ':') return false;
    if (word === 'nor') nor = true;
    else if (word === 'neither') return nor;
  }
  return false;
}

/**
 * "offered no evidence", "gave no further details": the object, maybe after
 * one modifier, says nothing was given; "an email requesting comment": what
 * was asked for is speech still to come.
 */
function withheldObject(words: readonly string[], at: number, grammar: StatementGrammar): boolean {
  const withheld = (k: number) => grammar.withheldObjects.has(words[k] ?? '');
  return (words[at + 1] === 'no' && (withheld(at + 2) || withheld(at + 3))) || words[at + 1] === 'comment';
}
