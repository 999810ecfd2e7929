import { spanText } from '../../document/queries.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';
import { partOfSpeech } from '../pos/tag-lookup.js';
import { betweenSubjectAndVerb, type CueHit, type SentenceView } from './cue-finder.js';
import type { Speaker } from './speaker-reference.js';

/**
 * The source of a verb of finding, whose head noun the cue finder saw ("A
 * CNN/ORC poll of South Carolina showed", "polls from Monmouth University
 * show"): the noun phrase around it, with its modifiers up to the verb
 * unless a comma sets them off ("The poll, released by …, showed" is "The
 * poll"). Its owner speaks where the text names one: an organisation named
 * before the noun, else after "by" or "from", past a country's possessive
 * ("from Malawi's disaster agency").
 */
export function findingSource(view: SentenceView, hit: CueHit, head: number, lexicon: StatementLexicon): Speaker {
  const { doc, words, mentionAt } = view;
  const start = nounPhraseStart(view, head, lexicon);
  let end = words[head + 1] === ',' ? head : hit.first - 1;
  // "polls continue to show", "Another poll, however, found": what stands between the subject and its verb.
  const between = (k: number) => words[k] === ',' || words[k] === 'to' || betweenSubjectAndVerb(view, k, lexicon.grammar);
  while (end > head && between(end)) end--;
  const owner = findingOwner(view, { start, head, end: end + 1 }, lexicon);
  const text = spanText(doc, start, Math.max(end, owner === -1 ? head : lastTokenOf(mentionAt, owner)) + 1);
  if (owner === -1) return { mention: null, entity: null, text };
  const mention = mentionAt[owner]!;
  return { mention, entity: doc.mentions[mention]!.entity ?? null, text };
}

/** Where the noun phrase ending at `head` starts: back over names, determiners, numbers, adjectives and nouns ("A New York Times/CBS News poll"). */
function nounPhraseStart({ doc, words, sentence, mentionAt }: SentenceView, head: number, lexicon: StatementLexicon): number {
  const tags = partOfSpeech(doc);
  const { subordinators, relativeOpeners } = lexicon.grammar;
  const inPhrase = (k: number) => {
    if (mentionAt[k] !== -1 || /^(?:\/|-|'s)$/.test(words[k]!)) return true;
    if (subordinators.has(words[k]!) || relativeOpeners.has(words[k]!)) return false;
    const tag = tags.get(doc.tokens[k]!.start);
    if (tag?.has('Verb') || tag?.has('Preposition') || tag?.has('Conjunction')) return false;
    return /^\p{Lu}/u.test(doc.tokens[k]!.text) || (tag !== undefined && /^[\p{L}\d]/u.test(words[k]!));
  };
  let start = head;
  while (start > sentence.tokenStart && inPhrase(start - 1)) start--;
  return start;
}

/** The first token of the organisation that owns the finding's source noun at `head` (or is it), looked for up to `end`; -1 for none. */
function findingOwner(
  { doc, words, mentionAt }: SentenceView,
  { start, head, end }: { start: number; head: number; end: number },
  lexicon: StatementLexicon,
): number {
  const organization = (k: number) => mentionAt[k] !== -1 && doc.mentions[mentionAt[k]!]!.type === 'ORGANIZATION';
  for (let k = start; k <= head; k++) if (organization(k)) return k;
  for (let k = head + 1; k < end; k++) {
    if (words[k] !== 'by' && words[k] !== 'from') continue;
    let t = k + 1;
    while (t < end && lexicon.grammar.determiners.has(words[t]!)) t++;
    if (mentionAt[t] !== -1 && words[lastTokenOf(mentionAt, t) + 1] === "'s") t = lastTokenOf(mentionAt, t) + 2;
    return organization(t) ? t : -1;
  }
  return -1;
}

/** The last token of the mention at token `k`. */
function lastTokenOf(mentionAt: Int32Array, k: number): number {
  while (mentionAt[k + 1] === mentionAt[k]) k++;
  return k;
}
