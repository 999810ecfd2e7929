import { z } from 'zod';
import { STANCE_LABELS } from '../document/types.js';
import { loadJsonResource, type LoadedResource } from './load.js';
import { resourcePath } from './paths.js';

const version = z.string().min(1);

export const AbbreviationsSchema = z.object({
  version,
  description: z.string().optional(),
  titles: z.array(z.string().endsWith('.')),
  acronyms: z.array(z.string().endsWith('.')),
  sentenceStarters: z.array(z.string().min(1)),
});

export const TitlesSchema = z.object({
  version,
  description: z.string().optional(),
  titles: z.array(z.string().min(1)),
  keptInSpan: z.array(z.string()),
});

export const DesignatorsSchema = z.object({
  version,
  description: z.string().optional(),
  organizationHeads: z.array(z.string().min(1)),
  organizationLeads: z.array(z.string().min(1)),
  facilityHeads: z.array(z.string().min(1)),
  facilityLeads: z.array(z.string().min(1)),
  placeNouns: z.array(z.string().min(1)),
  roleNouns: z.array(z.string().min(1)),
  groupNounsAfterName: z.array(z.string().min(1)),
  backingParticiples: z.array(z.string().min(1)),
});

export const NameWordsSchema = z.object({
  version,
  description: z.string().optional(),
  articles: z.array(z.string().regex(/^\p{Ll}+$/u, 'a lower-case article form')).min(1),
  standaloneArticles: z.array(z.string().min(1)),
  kunya: z.array(z.string().min(1)),
  patronymics: z.array(z.string().min(1)),
  foreignParticles: z.array(z.string().min(1)),
  connectors: z.array(z.string().min(1)),
  minorWords: z.array(z.string().min(1)),
  aliasCues: z.array(z.string().min(1)),
  wordsBeforeSpeechVerb: z.array(z.string().min(1)),
  openingDeterminers: z.array(z.string().min(1)),
  loanwords: z.array(z.string().regex(/^\p{Ll}+$/u, 'a lower-case word')),
});

const label = z.enum(STANCE_LABELS);
const strength = z.number().min(0).max(1);

export const CuesSchema = z.object({
  version,
  description: z.string().optional(),
  verbs: z.array(
    z.object({
      lemma: z.string().regex(/^[a-z]+$/, 'a verb lemma in lower case'),
      label,
      strength,
      requiresHarm: z.boolean().optional(),
      requiresSupport: z.boolean().optional(),
      forms: z.array(z.string().min(1)).optional(),
      /** Words that, right after the verb, make it another verb: "hails from" is no praise. */
      notBefore: z.array(z.string().min(1)).optional(),
      /** Whether the verb's subject is as often an organisation as a person, so it is no sign that a name before it is a person's ("proposed", "opposed"). */
      namesNoPerson: z.boolean().optional(),
      /** Objects the verb must have within a few words to be speech: "defended his remarks", not "defend the city". */
      objects: z.array(z.string().min(1)).optional(),
      /** Forms mostly used as nouns ("battleground states"): cues only in a clear verb frame ("it states that", "to state"). */
      nounForms: z.array(z.string().min(1)).optional(),
    }),
  ),
  phrases: z.array(
    z.object({
      words: z.array(z.string().min(1)).min(2),
      label,
      strength,
      requiresHarm: z.boolean().optional(),
      noVerb: z.boolean().optional(),
    }),
  ),
  sourcePrepositions: z.array(z.object({ words: z.array(z.string().min(1)).min(1), label, strength })),
  /** Hedges between a cue word and the particle that makes it another word: "thanks in large part to". */
  particleHedges: z.array(z.string().min(1)),
  harmVerbs: z.array(z.string().min(1)),
  /** Objects that make a harm verb harmless: "strike a deal", "hit a record". */
  harmlessObjects: z.array(z.string().min(1)),
  intentMarkers: z.array(z.string().min(1)),
  /** Acts that punish an actor without harming it bodily ("impose tariffs", "revoke"): a threat when intended on a condition. */
  punitiveVerbs: z.array(z.string().min(1)),
  /** Words that make a clause a condition: "if", "unless", "in case". */
  conditionMarkers: z.array(z.string().min(1)),
  /** Modals that mark an intention only on a condition and after the speaker's own pronoun: "it could retaliate if …". */
  conditionalIntentMarkers: z.array(z.string().min(1)),
  threatPhrases: z.array(z.string().min(1)),
  supportPhrases: z.array(z.string().min(1)),
  negators: z.array(z.string().min(1)),
  sourceNouns: z.array(z.string().min(1)),
  groupNouns: z.array(z.string().min(1)),
  personNouns: z.array(z.string().min(1)),
  supportObjects: z.array(z.string().min(1)),
  /** A stance carried by a verb and what it acts on, within `window` words: "urged X to drop all charges", "called for war against X". */
  stanceFrames: z.array(
    z.object({
      label: z.enum(['support', 'threat']),
      heads: z.array(z.string().min(1)).min(1),
      objects: z.array(z.string().min(1)).min(1),
      window: z.number().int().min(1).max(10),
    }),
  ),
  /** Verb lemmas that make a stance word after them someone else's: "received praise", "accused X of supporting". */
  othersStanceVerbs: z.array(z.string().regex(/^[a-z]+$/, 'a verb lemma in lower case')),
  /** A first-person subject and copula: a praise word right after it describes the speaker ("we felt brave"). */
  selfDescription: z.array(z.string().min(1)),
  /** Nouns of things, which hold no stance as the subject of a stance verb: "the agreement could threaten the base". */
  thingSubjects: z.array(z.string().min(1)),
  /** Verb lemmas of support, read in a statement's content when the tagger reads them as verbs: "Russia supports the plan". */
  supportVerbs: z.array(z.string().regex(/^[a-z]+$/, 'a verb lemma in lower case')),
});

export const FunctionWordsSchema = z.object({ version, description: z.string().optional(), words: z.array(z.string().min(1)) });

export const GivenNamesSchema = z.object({ version, description: z.string().optional(), names: z.array(z.string().min(1)) });

export const DemonymsSchema = z.object({
  version,
  description: z.string().optional(),
  demonyms: z.record(z.string().min(1), z.string().min(1)),
  adjectives: z.record(z.string().min(1), z.string().min(1)),
  suffixes: z.array(z.string().min(1)),
  placeEndings: z.array(z.string().min(1)),
});

const words = z.array(z.string().min(1));
const unitInterval = z.number().min(0).max(1);

export const StatementGrammarSchema = z.object({
  version,
  description: z.string().optional(),
  determiners: words,
  indefiniteDeterminers: words,
  quantityWords: words,
  skippedBeforeVerb: words,
  catenativeVerbs: words,
  personalPronouns: z.record(z.string().min(1), z.enum(['male', 'female'])),
  groupPronouns: z.record(z.string().min(1), z.array(z.enum(['ORGANIZATION', 'LOCATION'])).min(1)),
  relativePronouns: words,
  relativeOpeners: words,
  exampleMarkers: words,
  coordinators: words,
  clauseConjunctions: words,
  sourceBoundaries: words,
  frontedClauseOpeners: words,
  passiveAuxiliaries: words,
  irregularParticiples: words,
  inversionCues: words,
  reportingCues: words,
  subordinators: words,
  finiteAuxiliaries: words,
  discourseAdverbs: words,
  titleModifiers: words,
  documentNouns: words,
  adjunctOpeners: words,
  participleOpeners: words,
  timeWords: words,
  timeLeads: words,
  statementNouns: words,
  inanimateSourceNouns: words,
  governmentNouns: words,
  ownerPrepositions: words,
  titleTokens: words,
  prepositions: words,
  notNegatedBefore: words,
  cessationVerbs: words,
  harmCarriers: words,
  activeOnlyHarm: words,
  opinionLabels: words,
  opinionMarkers: words,
  nonSpeakingPrevious: words,
  negationAuxiliaries: words,
  withheldObjects: words,
  refusalWords: words,
  findingVerbs: words,
  objectControlVerbs: words,
  findingSources: words,
  writingNouns: words,
  penaltyModifiers: words,
  stativePassiveVerbs: words,
  findingResearchers: words,
  noOneSubjects: words,
  creditDashes: words,
  verbsAfterNounCue: words,
  subjectPronouns: words,
  confidence: z.object({
    quoteContinuation: unitInterval,
    quoteContinuationStance: unitInterval,
    labelNotTheCues: unitInterval,
    namedSpeakerBonus: unitInterval,
    noSpeakerPenalty: unitInterval,
    authorOpinion: unitInterval,
  }),
});

export type Abbreviations = z.infer<typeof AbbreviationsSchema>;
export type Titles = z.infer<typeof TitlesSchema>;
export type Designators = z.infer<typeof DesignatorsSchema>;
export type Cues = z.infer<typeof CuesSchema>;
const phrases = z.array(z.string().min(1)).min(1);

export const LayoutSchema = z.object({
  version,
  description: z.string().optional(),
  boilerplateLines: phrases,
  boilerplatePrefixes: phrases,
  stageDirections: phrases,
  bylineLabels: phrases,
  dateLabels: phrases,
  definitionsHeadings: phrases,
  notesHeadings: phrases,
});

const score = z.number().min(0).max(1);
const scoresOf = <K extends string>(keys: readonly [K, ...K[]]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, score])) as Record<K, typeof score>);

export const RuleScoresSchema = z.object({
  version,
  description: z.string().optional(),
  nameRules: scoresOf(['given-name', 'org-lead', 'org-head', 'org-head-complement', 'facility-head', 'facility-number', 'facility-lead', 'kunya', 'name-particle', 'title', 'context']),
  knowledgeBase: scoresOf(['name', 'transliteration', 'ambiguous']),
  definitions: scoresOf(['long-form', 'acronym', 'alias']),
  echo: score,
  compromise: score,
});

export type RuleScores = z.infer<typeof RuleScoresSchema>;

export const OrganizationKindsSchema = z.object({
  version,
  description: z.string().optional(),
  kinds: z.record(z.string().min(1), words),
  genericHeads: words,
});
export type OrganizationKindsData = z.infer<typeof OrganizationKindsSchema>;
export type LayoutData = z.infer<typeof LayoutSchema>;
export type NameParticlesData = z.infer<typeof NameWordsSchema>;
export type StatementGrammarData = z.infer<typeof StatementGrammarSchema>;

export interface Lexicons {
  abbreviations: LoadedResource<Abbreviations>;
  titles: LoadedResource<Titles>;
  designators: LoadedResource<Designators>;
  cues: LoadedResource<Cues>;
  functionWords: LoadedResource<z.infer<typeof FunctionWordsSchema>>;
  givenNames: LoadedResource<z.infer<typeof GivenNamesSchema>>;
  demonyms: LoadedResource<z.infer<typeof DemonymsSchema>>;
  statementGrammar: LoadedResource<StatementGrammarData>;
  nameWords: LoadedResource<NameParticlesData>;
  layout: LoadedResource<LayoutData>;
  ruleScores: LoadedResource<RuleScores>;
  organizationKinds: LoadedResource<OrganizationKindsData>;
}

let cached: Lexicons | undefined;

/** The built-in lexicons, read and validated once per process. */
export function loadLexicons(): Lexicons {
  cached ??= {
    abbreviations: loadJsonResource(resourcePath('lexicon', 'abbreviations.json'), AbbreviationsSchema),
    titles: loadJsonResource(resourcePath('lexicon', 'titles.json'), TitlesSchema),
    designators: loadJsonResource(resourcePath('lexicon', 'org-designators.json'), DesignatorsSchema),
    cues: loadJsonResource(resourcePath('lexicon', 'cues.json'), CuesSchema),
    functionWords: loadJsonResource(resourcePath('lexicon', 'function-words.json'), FunctionWordsSchema),
    givenNames: loadJsonResource(resourcePath('lexicon', 'given-names.json'), GivenNamesSchema),
    demonyms: loadJsonResource(resourcePath('lexicon', 'demonyms.json'), DemonymsSchema),
    statementGrammar: loadJsonResource(resourcePath('lexicon', 'statement-grammar.json'), StatementGrammarSchema),
    nameWords: loadJsonResource(resourcePath('lexicon', 'name-words.json'), NameWordsSchema),
    layout: loadJsonResource(resourcePath('lexicon', 'layout.json'), LayoutSchema),
    ruleScores: loadJsonResource(resourcePath('lexicon', 'rule-scores.json'), RuleScoresSchema),
    organizationKinds: loadJsonResource(resourcePath('lexicon', 'organization-kinds.json'), OrganizationKindsSchema),
  };
  return cached;
}

/**
 * A look-up derived from a set of lexicons (by default the built-in ones),
 * built on first use and once per set: every reader of one set shares it.
 */
export function perLexicons<T>(build: (lexicons: Lexicons) => T): (lexicons?: Lexicons) => T {
  const built = new WeakMap<Lexicons, T>();
  return (lexicons = loadLexicons()) => {
    let value = built.get(lexicons);
    if (value === undefined) {
      value = build(lexicons);
      built.set(lexicons, value);
    }
    return value;
  };
}
