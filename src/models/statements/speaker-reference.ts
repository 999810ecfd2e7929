import type { Document, Mention, Sentence } from '../../document/types.js';
import { mentionsIn } from '../../document/queries.js';
import { firstEndingAfter } from '../../document/spans.js';
import { englishLexicon } from '../../text/english.js';
import type { StatementCandidate } from '../types.js';
import type { StatementLexicon } from './grammar.js';

/** Who speaks: a mention and its entity when the speaker is named, and the words that name or describe it. */
export interface Speaker {
  mention: number | null;
  entity: number | null;
  text: string | null;
}

export const NO_SPEAKER: Speaker = { mention: null, entity: null, text: null };

export function hasSource(speaker: Speaker): boolean {
  return speaker.entity !== null || speaker.text !== null;
}

export type Gender = 'male' | 'female';

/**
 * The most salient compatible source: the speaker of the latest statement
 * in this paragraph or the two sentences before, if it is of a fitting type
 * (and gender, for "he" and "she").
 */
export function salientSpeaker(doc: Document, earlier: readonly StatementCandidate[], sentence: Sentence, types: ReadonlyArray<Mention['type']>, text: string, gender?: Gender): Speaker | undefined {
  for (let k = earlier.length - 1; k >= 0; k--) {
    const previous = earlier[k]!;
    const previousSentence = doc.sentences[previous.sentence]!;
    if (previousSentence.paragraph !== sentence.paragraph && previous.sentence < sentence.index - 2) break;
    if (previous.speakerEntity === null) continue;
    const entity = doc.entities[previous.speakerEntity]!;
    if (!types.includes(entity.type) || (gender && !genderFits(entity.name, gender))) continue;
    return { mention: previous.speakerMention, entity: previous.speakerEntity, text };
  }
  return undefined;
}

/** The latest statement in this paragraph or the two sentences before, if any. */
export function latestStatement(doc: Document, earlier: readonly StatementCandidate[], sentence: Sentence): StatementCandidate | undefined {
  const previous = earlier.at(-1);
  if (!previous) return undefined;
  const inReach = doc.sentences[previous.sentence]!.paragraph === sentence.paragraph || previous.sentence >= sentence.index - 2;
  return inReach ? previous : undefined;
}

/**
 * A person the text introduced after the latest statement, as the first
 * person named in a sentence since: "Sithole was diagnosed in 2019. … he
 * said" is Sithole, not the previous speaker. Only within two sentences.
 */
export function newlyIntroduced(doc: Document, latest: StatementCandidate | undefined, offset: number, text: string, gender: Gender, quoted: (offset: number) => boolean): Speaker | undefined {
  const found = antecedent(doc, offset, ['PERSON'], text, 2, gender);
  if (found.mention === null) return undefined;
  const mention = doc.mentions[found.mention]!;
  // Introduced in narration: a name inside a quotation ("I congratulate X," she said) is no antecedent.
  if ((latest && mention.sentence <= latest.sentence) || quoted(mention.start)) return undefined;
  let firstPerson: Mention | undefined;
  for (let m = firstEndingAfter(doc.mentions, doc.sentences[mention.sentence]!.start); m <= found.mention && !firstPerson; m++) {
    if (doc.mentions[m]!.type === 'PERSON') firstPerson = doc.mentions[m];
  }
  if (firstPerson !== mention || (latest && found.entity !== null && found.entity === latest.speakerEntity)) return undefined;
  return found;
}

/** The nearest mention of a compatible type before `offset` (a pronoun's antecedent), within `maxSentences` back. */
export function antecedent(doc: Document, offset: number, types: ReadonlyArray<Mention['type']>, text: string, maxSentences = 4, gender?: Gender): Speaker {
  // Mentions are in text order: start at the last one before `offset` (binary search), not at the end.
  const next = firstEndingAfter(doc.mentions, offset);
  const sentence = doc.mentions[next]?.sentence ?? doc.sentences.length;
  for (let i = next; i >= 0; i--) {
    const m = doc.mentions[i];
    if (!m || m.start >= offset) continue;
    if (m.sentence < sentence - maxSentences) break;
    if (!types.includes(m.type)) continue;
    const name = m.entity !== undefined ? doc.entities[m.entity]!.name : m.text;
    if (gender && !genderFits(name, gender)) continue;
    return { mention: i, entity: m.entity ?? null, text };
  }
  return { mention: null, entity: null, text };
}

/** Whether a person's given name could be "he" or "she": a name tagged for the other gender is ruled out. */
export function genderFits(name: string, gender: Gender): boolean {
  const tag = englishLexicon[name.split(/\s+/)[0]!.toLowerCase()];
  if (tag === 'FemaleName') return gender === 'female';
  if (tag === 'MaleName') return gender === 'male';
  return true;
}

/**
 * A person whose entity has the role named by `roleWord` (from the role
 * stage), within the organization the phrase names if it names one; only
 * when exactly one person fits.
 */
export function personWithRole(doc: Document, lexicon: StatementLexicon, phraseStart: number, head: number, roleWord: string): number | undefined {
  if (!lexicon.cues.personNouns.has(roleWord) && !lexicon.cues.sourceNouns.has(roleWord)) return undefined;
  if (lexicon.grammar.inanimateSourceNouns.has(roleWord)) return undefined;
  if (lexicon.grammar.indefiniteDeterminers.has(doc.tokens[phraseStart]!.text.toLowerCase())) return undefined;
  const org = mentionsIn(doc, doc.tokens[phraseStart]!.start, doc.tokens[head]!.end)
    .map((m) => doc.mentions[m]!.entity)
    .find((e) => e !== undefined && doc.entities[e]!.type !== 'PERSON');
  const fits = doc.entities
    .map((entity, index) => ({ entity, index }))
    .filter(({ entity }) => entity.roles?.some((r) => r.title.split(' ').includes(roleWord) && (org === undefined || r.of === org)));
  return fits.length === 1 ? fits[0]!.index : undefined;
}
