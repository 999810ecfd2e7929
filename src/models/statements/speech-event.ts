import type { StatementGrammar } from '../../resources/statement-lexicon.js';

/** How far back a "neither … nor" subject may open before its verb: "Neither ICE nor its parent agency, the Department of Homeland Security, have". */
const NEITHER_REACH = 16;

/**
 * Whether a verb cue at `at` (token index) reports no speech although its
 * word is a speech verb: it is negated ("did not respond", "has not yet
 * confirmed", "never said") or refused ("declined to comment"), its subject
 * is "neither X nor Y" or no one ("No group has claimed"), or its object
 * says nothing was given ("offered no evidence", "said nothing") or asks for
 * speech ("requesting comment", "requests for comment"). Such a sentence
 * tells that someone did not speak, which the guideline does not count as a
 * statement.
 */
export function reportsNoSpeech(words: readonly string[], at: number, sentenceStart: number, grammar: StatementGrammar): boolean {
  return (
    negatedVerb(words, at, sentenceStart, grammar) ||
    refusedInfinitive(words, at, sentenceStart, grammar) ||
    neitherSubject(words, at, sentenceStart) ||
    noOneSubject(words, at, sentenceStart, grammar) ||
    withheldObject(words, at, grammar)
  );
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
    if (!skippedBeforeVerb.has(word) && !negationAuxiliaries.has(word) && !isAdverb(word)) return false;
  }
  return false;
}

/** "declined to comment", "refused to immediately say": the infinitive of a refusal. */
function refusedInfinitive(words: readonly string[], at: number, sentenceStart: number, grammar: StatementGrammar): boolean {
  const to = isAdverb(words[at - 1]) ? at - 2 : at - 1;
  return to - 1 >= sentenceStart && words[to] === 'to' && grammar.refusalWords.has(words[to - 1]!);
}

function isAdverb(word: string | undefined): boolean {
  return word !== undefined && /^[a-z]{3,}ly$/.test(word);
}

/**
 * "No group has claimed …", "so far nobody has said": a subject that names
 * no one, right before the verb and its auxiliaries. "no" must open the
 * subject (a clause's start, after punctuation or a conjunction), so that
 * "There is no doubt Iran said" keeps its speaker.
 */
function noOneSubject(words: readonly string[], at: number, sentenceStart: number, grammar: StatementGrammar): boolean {
  let head = at - 1;
  for (;;) {
    if (words[head] === 'far' && words[head - 1] === 'so') head -= 2;
    else if (head >= sentenceStart && (grammar.skippedBeforeVerb.has(words[head]!) || isAdverb(words[head]))) head--;
    else break;
  }
  // A quotation or a comma before the verb ("No," said the mayor) is no subject.
  if (head < sentenceStart || !/^[a-z]/.test(words[head]!)) return false;
  if (grammar.noOneSubjects.has(words[head]!)) return true;
  const opensClause = (k: number) =>
    k < sentenceStart || !/^[a-z]/.test(words[k]!) || grammar.clauseConjunctions.has(words[k]!) || grammar.subordinators.has(words[k]!);
  return [1, 2].some((width) => words[head - width] === 'no' && head - width >= sentenceStart && opensClause(head - width - 1));
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
 * "offered no evidence", "gave no further details", "said nothing": the
 * object, maybe after one modifier, says nothing was given; "an email
 * requesting comment", "requests for comment": what was asked for is speech
 * still to come.
 */
function withheldObject(words: readonly string[], at: number, grammar: StatementGrammar): boolean {
  const withheld = (k: number) => grammar.withheldObjects.has(words[k] ?? '');
  const next = words[at + 1];
  return (
    (next === 'no' && (withheld(at + 2) || withheld(at + 3))) ||
    next === 'nothing' ||
    next === 'comment' ||
    (next === 'for' && words[at + 2] === 'comment')
  );
}
