import type { Document, EntityType, Mention, Sentence } from '../../document/types.js';
import type { Quote } from '../../text/quotes.js';
import { mentionsIn } from '../../document/queries.js';
import { firstEndingAfter, insideSorted } from '../../document/spans.js';
import { englishLexicon } from '../../text/english.js';
import type { StatementCandidate } from '../types.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';

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

/** What a pronoun or a description may refer to: the entity types that fit, its own words, and for "he" or "she" a gender. */
export interface Reference {
  types: readonly EntityType[];
  text: string;
  gender?: Gender | undefined;
  /** Whether an entity of a fitting type is one the words can describe ("the ministry" is no news outlet). */
  fits?: ((entity: number) => boolean) | undefined;
}

/** Where a reference is read: the sentence, its quotations, and the statements found before it. */
export interface StatementsSoFar {
  doc: Document;
  sentence: Sentence;
  quotes: readonly Quote[];
  earlier: readonly StatementCandidate[];
}

/**
 * The most salient compatible source: the speaker of the latest statement
 * in this paragraph or the two sentences before, if it is of a fitting type
 * (and gender, for "he" and "she").
 */
export function salientSpeaker({ doc, earlier, sentence }: StatementsSoFar, { types, text, gender, fits }: Reference): Speaker | undefined {
  for (let k = earlier.length - 1; k >= 0; k--) {
    const previous = earlier[k]!;
    const previousSentence = doc.sentences[previous.sentence]!;
    if (previousSentence.paragraph !== sentence.paragraph && previous.sentence < sentence.index - 2) break;
    if (previous.speakerEntity === null) continue;
    const entity = doc.entities[previous.speakerEntity]!;
    if (!types.includes(entity.type) || (gender && !genderFits(doc, previous.speakerEntity, entity.name, gender))) continue;
    if (fits && !fits(previous.speakerEntity)) continue;
    return { mention: previous.speakerMention, entity: previous.speakerEntity, text };
  }
  return undefined;
}

/** The latest statement in this paragraph or the two sentences before, if any. */
export function latestStatement({ doc, earlier, sentence }: StatementsSoFar): StatementCandidate | undefined {
  const previous = earlier.at(-1);
  if (!previous) return undefined;
  const inReach = doc.sentences[previous.sentence]!.paragraph === sentence.paragraph || previous.sentence >= sentence.index - 2;
  return inReach ? previous : undefined;
}

/**
 * A person (or thing of the reference's types) the text introduced after the
 * latest statement, as the first of its type named in a sentence since (its
 * subject, in most sentences): "Sithole was diagnosed in 2019. … he said" is
 * Sithole, and "Saleh met Aziz in Beirut. … he said" is Saleh, not the
 * previous speaker. Only within two sentences.
 */
export function newlyIntroduced(context: StatementsSoFar, offset: number, reference: Reference): Speaker | undefined {
  const { doc, quotes } = context;
  const latest = latestStatement(context);
  const found = antecedent(doc, offset, reference, 2);
  if (found.mention === null) return undefined;
  const mention = doc.mentions[found.mention]!;
  // Introduced in narration: a name inside a quotation ("I congratulate X," she said) is no antecedent.
  if ((latest && mention.sentence <= latest.sentence) || insideSorted(quotes, mention.start)) return undefined;
  const first = firstOfTypes(doc, mention, reference.types);
  // The first of its type in its sentence: "The United Nations refugee agency (UNHCR) shares …" introduces the agency.
  const sameThing =
    first === found.mention || (doc.mentions[first]!.entity !== undefined && doc.mentions[first]!.entity === mention.entity);
  // The subject is preferred only across sentences: "X asked Y why she had …" is Y.
  const subjectFirst = mention.sentence < context.sentence.index && !insideSorted(quotes, doc.mentions[first]!.start);
  const introduced = sameThing ? found : subjectFirst ? fittingMention(doc, first, reference) : undefined;
  if (!introduced || (latest && introduced.entity !== null && introduced.entity === latest.speakerEntity)) return undefined;
  return introduced;
}

/** The index of the first mention of one of `types` in `mention`'s sentence (at the latest, `mention` itself). */
function firstOfTypes(doc: Document, mention: Mention, types: readonly EntityType[]): number {
  let m = firstEndingAfter(doc.mentions, doc.sentences[mention.sentence]!.start);
  while (!types.includes(doc.mentions[m]!.type)) m++;
  return m;
}

/** The mention as the reference's speaker, if it fits its gender and description. */
function fittingMention(doc: Document, index: number, { text, gender, fits }: Reference): Speaker | undefined {
  const m = doc.mentions[index]!;
  const entity = m.entity ?? null;
  if (gender && !genderFits(doc, entity, entity !== null ? doc.entities[entity]!.name : m.text, gender)) return undefined;
  if (fits && entity !== null && !fits(entity)) return undefined;
  return { mention: index, entity, text };
}

/** The nearest mention of a compatible type before `offset` (a pronoun's antecedent), within `maxSentences` back. */
export function antecedent(doc: Document, offset: number, { types, text, gender, fits }: Reference, maxSentences = 4): Speaker {
  // Mentions are in text order: start at the last one before `offset` (binary search), not at the end.
  const next = firstEndingAfter(doc.mentions, offset);
  // The window counts back from the sentence the pronoun is in.
  const sentence = Math.min(firstEndingAfter(doc.sentences, offset), doc.sentences.length - 1);
  for (let i = next; i >= 0; i--) {
    const m = doc.mentions[i];
    if (!m || m.start >= offset) continue;
    if (m.sentence < sentence - maxSentences) break;
    if (!types.includes(m.type)) continue;
    const name = m.entity !== undefined ? doc.entities[m.entity]!.name : m.text;
    if (gender && !genderFits(doc, m.entity ?? null, name, gender)) continue;
    if (fits && m.entity !== undefined && !fits(m.entity)) continue;
    return { mention: i, entity: m.entity ?? null, text };
  }
  return { mention: null, entity: null, text };
}

/**
 * Whether a person could be "he" or "she": a given name tagged for the other
 * gender rules it out; for a name the lexicon does not know, the pronouns the
 * text uses right after the person's mentions ("Canos-Donnay said she …").
 */
export function genderFits(doc: Document, entity: number | null, name: string, gender: Gender): boolean {
  const tag = englishLexicon[name.split(/\s+/)[0]!.toLowerCase()];
  if (tag === 'FemaleName') return gender === 'female';
  if (tag === 'MaleName') return gender === 'male';
  const inferred = entity === null ? undefined : textGenders(doc).get(entity);
  return inferred === undefined || inferred === gender;
}

const PRONOUN_GENDER: ReadonlyMap<string, Gender> = new Map([
  ['he', 'male'],
  ['him', 'male'],
  ['his', 'male'],
  ['himself', 'male'],
  ['she', 'female'],
  ['her', 'female'],
  ['hers', 'female'],
  ['herself', 'female'],
]);

const gendersByDoc = new WeakMap<Document, Map<number, Gender>>();

/** Per person entity, the gender of the pronouns that most often follow its mentions in the same sentence before another person is named. */
function textGenders(doc: Document): Map<number, Gender> {
  let genders = gendersByDoc.get(doc);
  if (genders) return genders;
  const votes = new Map<number, { male: number; female: number }>();
  // Start of the next person mention after each mention, from one backward pass.
  const nextPersonStart = new Array<number>(doc.mentions.length);
  let following = Infinity;
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    nextPersonStart[i] = following;
    if (doc.mentions[i]!.type === 'PERSON') following = doc.mentions[i]!.start;
  }
  doc.mentions.forEach((mention, index) => {
    if (mention.type !== 'PERSON' || mention.entity === undefined) return;
    const limit = Math.min(doc.sentences[mention.sentence]!.end, nextPersonStart[index]!);
    for (let k = firstEndingAfter(doc.tokens, mention.end); k < doc.tokens.length && doc.tokens[k]!.start < limit; k++) {
      const gender = PRONOUN_GENDER.get(doc.tokens[k]!.text.toLowerCase());
      if (!gender) continue;
      const count = votes.get(mention.entity) ?? { male: 0, female: 0 };
      count[gender]++;
      votes.set(mention.entity, count);
      break;
    }
  });
  genders = new Map();
  for (const [entity, { male, female }] of votes) if (male !== female) genders.set(entity, male > female ? 'male' : 'female');
  gendersByDoc.set(doc, genders);
  return genders;
}

/**
 * A person whose entity has the role named by `roleWord` (from the role
 * stage), within the organization the phrase names if it names one; only
 * when exactly one person fits.
 */
export function personWithRole(
  doc: Document,
  lexicon: StatementLexicon,
  phrase: { start: number; head: number },
  roleWord: string,
): number | undefined {
  const { start: phraseStart, head } = phrase;
  if (!lexicon.cues.personNouns.has(roleWord) && !lexicon.cues.sourceNouns.has(roleWord)) return undefined;
  if (lexicon.grammar.inanimateSourceNouns.has(roleWord)) return undefined;
  if (lexicon.grammar.indefiniteDeterminers.has(doc.tokens[phraseStart]!.text.toLowerCase())) return undefined;
  const org = mentionsIn(doc, doc.tokens[phraseStart]!.start, doc.tokens[head]!.end)
    .map((m) => doc.mentions[m]!.entity)
    .find((e) => e !== undefined && doc.entities[e]!.type !== 'PERSON');
  const withTitleWord = (word: string) =>
    doc.entities
      .map((entity, index) => ({ entity, index }))
      .filter(({ entity }) => entity.roles?.some((r) => r.title.split(' ').includes(word) && (org === undefined || r.of === org)));
  const fits = withTitleWord(roleWord);
  if (fits.length > 0) return fits.length === 1 ? fits[0]!.index : undefined;
  // "the commerce chief" after "Commerce Secretary Howard Lutnick": a common word before a singular head that only
  // one person's title holds names that person ("Afghan officials" and "the Chinese envoy" name no one by it), when
  // the nearest person is known to hold another title (roles the text gave in other ways are not all recorded).
  if (roleWord.endsWith('s')) return undefined;
  const modifiers = doc.tokens
    .slice(phraseStart, head)
    .map((t) => t.text)
    .filter((w) => /^\p{Ll}{4,}$/u.test(w) && !lexicon.cues.personNouns.has(w));
  const byModifier = [...new Set(modifiers.flatMap((w) => withTitleWord(w).map((f) => f.index)))];
  if (byModifier.length !== 1) return undefined;
  const nearest = antecedent(doc, doc.tokens[phraseStart]!.start, { types: ['PERSON'], text: '' }, 3).entity;
  const nearestTitled = nearest !== null && (doc.entities[nearest]!.roles?.length ?? 0) > 0;
  return nearest === byModifier[0] || nearestTitled ? byModifier[0] : undefined;
}
