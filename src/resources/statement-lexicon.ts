import type { Lexicons, StatementGrammarData } from './lexicons.js';
import { buildCueIndex, inflections, type CueIndex } from './cue-index.js';

/** `statement-grammar.json` as look-up sets: the closed-class words the statement rules read a clause by. */
export interface StatementGrammar {
  determiners: ReadonlySet<string>;
  indefiniteDeterminers: ReadonlySet<string>;
  /** Heads of a subject that counts people: "half of the voters", "most", "both". */
  quantityWords: ReadonlySet<string>;
  skippedBeforeVerb: ReadonlySet<string>;
  /** Verbs that take another verb as their object and share its subject: "began writing", "kept attacking". */
  catenativeVerbs: ReadonlySet<string>;
  personalPronouns: ReadonlyMap<string, 'male' | 'female'>;
  /** "it", "they" → the entity types they may refer to. */
  groupPronouns: ReadonlyMap<string, ReadonlyArray<'ORGANIZATION' | 'LOCATION'>>;
  relativePronouns: ReadonlySet<string>;
  /** Words that open a relative clause modifying the noun before: "economists who favor …". */
  relativeOpeners: ReadonlySet<string>;
  /** Folded word sequences that name members of a plural source: "including", "such as". */
  exampleMarkers: readonly string[][];
  coordinators: ReadonlySet<string>;
  clauseConjunctions: ReadonlySet<string>;
  /** Where a sentence with two sources splits: "; ", "but", "while", ", and". */
  sourceBoundaries: ReadonlySet<string>;
  /** Subordinators that open a sentence with a clause of its own, closed by a comma: "While X said …, Y said …". */
  frontedClauseOpeners: ReadonlySet<string>;
  passiveAuxiliaries: ReadonlySet<string>;
  /** Past participles of cue verbs that do not end in "-ed": "was said", "were told". */
  irregularParticiples: ReadonlySet<string>;
  /** Cue lemmas that may come before their subject: "…, said X", "…, wrote X" ("…, praised the fighters" is an object). */
  inversionCues: ReadonlySet<string>;
  /** Cue lemmas of an outlet relaying others: a stance it reports is someone else's, so its statement is a claim. */
  reportingCues: ReadonlySet<string>;
  subordinators: ReadonlySet<string>;
  /** Auxiliaries and modals that never follow a finite verb directly: "member states have", "media reports will". */
  finiteAuxiliaries: ReadonlySet<string>;
  /** Adverbs that join a sentence to the one before and are no part of its subject: "Yet economists say". */
  discourseAdverbs: ReadonlySet<string>;
  /** Words that qualify a title before a name: "former", "acting". */
  titleModifiers: ReadonlySet<string>;
  /** Nouns of documents and figures whose owner after "from", "by" or "of" is the source: "data from X". */
  documentNouns: ReadonlySet<string>;
  /** Words that open a fronted phrase that is no subject: "Like Lutnick, Hassett said". */
  adjunctOpeners: ReadonlySet<string>;
  /** Words that open an adjunct around a participle: "after blasting X, Y said", "upon saying". */
  participleOpeners: ReadonlySet<string>;
  timeWords: ReadonlySet<string>;
  timeLeads: ReadonlySet<string>;
  statementNouns: ReadonlySet<string>;
  /** Sources that are things, never a person through a role: "the report", "the website". */
  inanimateSourceNouns: ReadonlySet<string>;
  /** "the Thai government": heads that make a country adjective before them the country itself. */
  governmentNouns: ReadonlySet<string>;
  ownerPrepositions: ReadonlySet<string>;
  titleTokens: ReadonlySet<string>;
  prepositions: ReadonlySet<string>;
  notNegatedBefore: ReadonlySet<string>;
  /** Verbs that end a harm rather than intend it: "must stop killing". */
  cessationVerbs: ReadonlySet<string>;
  /** Verbs that carry out a harm named by a noun: "keep up their attacks", "launch strikes". */
  harmCarriers: ReadonlySet<string>;
  /** Harm verbs that threaten only in the active voice: "will reach Tel Aviv", not "agreements will be reached". */
  activeOnlyHarm: ReadonlySet<string>;
  /** Genre labels that open an opinion piece: "Opinion", "Commentary". */
  opinionLabels: ReadonlySet<string>;
  /** Folded word sequences that make a sentence the author's judgment: "should", "I believe". */
  opinionMarkers: readonly string[][];
  nonSpeakingPrevious: ReadonlySet<string>;
  /** Words that may stand between a negator and the verb it negates, beyond those before any verb: "did not", "has not yet". */
  negationAuxiliaries: ReadonlySet<string>;
  /** What "no" before it says was not given: "offered no evidence", "gave no details". */
  withheldObjects: ReadonlySet<string>;
  /** Every form of the verbs whose object speaks an infinitive after it: "led X to say", "forced him to admit". */
  objectControlVerbs: ReadonlySet<string>;
  /** Every form of the verbs that report a finding ("found", "shows", "projected") → its lemma: cues only after a source of findings (cue-finder.ts). */
  findingVerbs: ReadonlyMap<string, string>;
  /** What reports findings by itself: "the survey found", "a study shows". */
  findingSources: ReadonlySet<string>;
  /** Writings that say things, with no name of their own: "a memo on the campaign's website states", "the lawsuit alleges". */
  writingNouns: ReadonlySet<string>;
  /** Words that may stand inside a punitive phrase after its determiner: "impose new sanctions", "raise the tariffs" (with `determiners`). */
  penaltyModifiers: ReadonlySet<string>;
  /** Verbs that carry a passive as "be" does, only without an agent: "stands accused of", "remained banned". */
  stativePassiveVerbs: ReadonlySet<string>;
  /** People whose finding is a statement when a that-clause follows: "researchers found that". */
  findingResearchers: ReadonlySet<string>;
  /** Words before "to" that say the speech after it was not given: "declined to comment", "refused to say". */
  refusalWords: ReadonlySet<string>;
  /** Subjects that name no speaker: "nobody", "none" (and "no" before a noun, read in speech-event.ts). */
  noOneSubjects: ReadonlySet<string>;
  /** Dashes that credit a quotation to the name after them: "“…” ― Ann Miller". */
  creditDashes: ReadonlySet<string>;
  /** Verbs that make a plural cue word before them its subject noun: "media reports say". */
  verbsAfterNounCue: ReadonlySet<string>;
  /** Pronouns that can be a clause's subject: "he", "we", "it". */
  subjectPronouns: ReadonlySet<string>;
  confidence: StatementGrammarData['confidence'];
}

export function buildStatementGrammar(data: StatementGrammarData): StatementGrammar {
  const folded = (list: readonly string[]) => new Set(list.map((w) => w.toLowerCase()));
  return {
    determiners: folded(data.determiners),
    indefiniteDeterminers: folded(data.indefiniteDeterminers),
    quantityWords: folded(data.quantityWords),
    skippedBeforeVerb: folded(data.skippedBeforeVerb),
    catenativeVerbs: folded(data.catenativeVerbs),
    personalPronouns: new Map(Object.entries(data.personalPronouns).map(([w, g]) => [w.toLowerCase(), g])),
    groupPronouns: new Map(Object.entries(data.groupPronouns).map(([w, types]) => [w.toLowerCase(), types])),
    relativePronouns: folded(data.relativePronouns),
    relativeOpeners: folded(data.relativeOpeners),
    exampleMarkers: data.exampleMarkers.map((m) => m.toLowerCase().split(/\s+/)),
    coordinators: folded(data.coordinators),
    clauseConjunctions: folded(data.clauseConjunctions),
    sourceBoundaries: folded(data.sourceBoundaries),
    frontedClauseOpeners: folded(data.frontedClauseOpeners),
    passiveAuxiliaries: folded(data.passiveAuxiliaries),
    irregularParticiples: folded(data.irregularParticiples),
    inversionCues: folded(data.inversionCues),
    reportingCues: folded(data.reportingCues),
    subordinators: folded(data.subordinators),
    finiteAuxiliaries: folded(data.finiteAuxiliaries),
    discourseAdverbs: folded(data.discourseAdverbs),
    titleModifiers: folded(data.titleModifiers),
    documentNouns: folded(data.documentNouns),
    adjunctOpeners: folded(data.adjunctOpeners),
    participleOpeners: folded(data.participleOpeners),
    timeWords: folded(data.timeWords),
    timeLeads: folded(data.timeLeads),
    statementNouns: folded(data.statementNouns),
    inanimateSourceNouns: folded(data.inanimateSourceNouns),
    governmentNouns: folded(data.governmentNouns),
    ownerPrepositions: folded(data.ownerPrepositions),
    titleTokens: new Set(data.titleTokens),
    prepositions: folded(data.prepositions),
    notNegatedBefore: folded(data.notNegatedBefore),
    cessationVerbs: folded(data.cessationVerbs),
    harmCarriers: folded(data.harmCarriers),
    activeOnlyHarm: folded(data.activeOnlyHarm),
    opinionLabels: folded(data.opinionLabels),
    opinionMarkers: data.opinionMarkers.map((m) => m.toLowerCase().split(/\s+/)),
    nonSpeakingPrevious: folded(data.nonSpeakingPrevious),
    negationAuxiliaries: folded(data.negationAuxiliaries),
    withheldObjects: folded(data.withheldObjects),
    refusalWords: folded(data.refusalWords),
    findingVerbs: new Map(data.findingVerbs.flatMap((lemma) => inflections(lemma.toLowerCase()).map((form) => [form, lemma.toLowerCase()]))),
    findingSources: folded(data.findingSources),
    writingNouns: folded(data.writingNouns),
    penaltyModifiers: folded(data.penaltyModifiers),
    stativePassiveVerbs: folded(data.stativePassiveVerbs),
    objectControlVerbs: new Set(data.objectControlVerbs.flatMap((lemma) => inflections(lemma.toLowerCase()))),
    findingResearchers: folded(data.findingResearchers),
    noOneSubjects: folded(data.noOneSubjects),
    creditDashes: folded(data.creditDashes),
    verbsAfterNounCue: folded(data.verbsAfterNounCue),
    subjectPronouns: folded(data.subjectPronouns),
    confidence: data.confidence,
  };
}

/** Everything the statement rules read: the cue lexicon and the clause grammar. */
export interface StatementLexicon {
  cues: CueIndex;
  grammar: StatementGrammar;
  /** Country adjective, folded ("thai") → knowledge-base id of the country. */
  countryAdjectives: ReadonlyMap<string, string>;
}

/** The cue index (its person nouns joined by the role nouns of `org-designators.json`, which every reader of the index then sees) and clause grammar; read it through `languageIndex(lexicons).statements`, which builds it once. */
export function buildStatementLexicon(lexicons: Lexicons): StatementLexicon {
  const cues = buildCueIndex(lexicons.cues.data);
  // A role in an apposition ("X, a research associate") is a person in a subject too ("the Indiana governor said").
  for (const role of lexicons.designators.data.roleNouns) cues.personNouns.add(role.toLowerCase());
  return {
    cues,
    grammar: buildStatementGrammar(lexicons.statementGrammar.data),
    countryAdjectives: new Map(Object.entries(lexicons.demonyms.data.adjectives).map(([adjective, kbId]) => [adjective.toLowerCase(), kbId])),
  };
}
