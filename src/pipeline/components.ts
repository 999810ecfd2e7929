import { CompromiseRecognizer } from '../models/compromise/recognizer.js';
import { KbRecognizer } from '../models/kb/gazetteer.js';
import { LearnedNerRecognizer } from '../models/ner/recognizer.js';
import { AcronymRecognizer } from '../models/rules/acronyms.js';
import { NameEchoRecognizer } from '../models/rules/echo.js';
import { NameRulesRecognizer } from '../models/rules/name-rules.js';
import { FatalError } from '../errors.js';
import type { Lexicons } from '../resources/lexicons.js';
import { Registry, type RecognizerEntry, type StageEntry } from './registry.js';
import type { DefaultPipelineOptions } from './options.js';
import { statementExtractor } from './statement-finder.js';
import { EMBEDDED_NER_MODEL } from './model-files.js';
import { EntityStage } from './stages/entities.js';
import { ResolveStage } from './stages/resolve.js';
import { RoleStage } from './stages/roles.js';
import { SegmentStage } from './stages/segment.js';
import { StatementStage } from './stages/statements.js';
import { ZoneStage } from './stages/zones.js';

let embeddedTagger: LearnedNerRecognizer | undefined;

/** The learned tagger a pipeline uses, loaded once per process for the embedded file. */
function learnedTagger(path: string | undefined, lexicons: Lexicons): LearnedNerRecognizer {
  if (path !== undefined) return LearnedNerRecognizer.load(path, lexicons);
  embeddedTagger ??= LearnedNerRecognizer.load(EMBEDDED_NER_MODEL, lexicons);
  return embeddedTagger;
}

/**
 * Every entity recognizer a configuration can name. Adding one is its own
 * module and one entry here; its rank places it among the others.
 */
export const RECOGNIZERS = new Registry<RecognizerEntry<DefaultPipelineOptions>>('entity recognizer')
  .register({ name: 'kb', version: '1', rank: 10, feedsTagger: true, create: ({ knowledgeBase }) => new KbRecognizer(knowledgeBase) })
  .register({ name: 'rules', version: '1', rank: 20, feedsTagger: true, create: ({ lexicons }) => new NameRulesRecognizer(lexicons) })
  .register({
    name: 'tagger',
    version: '1',
    rank: 30,
    create: ({ lexicons, options }) => options.tagger ?? learnedTagger(options.taggerModel, lexicons),
  })
  .register({
    // After the knowledge base, name rules and learned tagger, so their ids and types stand; before the fallbacks, so it outranks them.
    name: 'transformer',
    version: '1',
    rank: 35,
    fromOptions: true,
    create: ({ options }) => {
      if (!options.nerModel) throw new FatalError('E006', 'the "transformer" recognizer needs a loaded model (--ner-model)');
      return options.nerModel;
    },
  })
  .register({ name: 'acronyms', version: '1', rank: 40, create: () => new AcronymRecognizer() })
  .register({ name: 'compromise', version: '1', rank: 50, create: () => new CompromiseRecognizer() })
  .register({ name: 'echo', version: '1', rank: 60, create: () => new NameEchoRecognizer() });

/** Every stage a configuration can name, each built from the shared resources. */
export const STAGES = new Registry<StageEntry<DefaultPipelineOptions>>('stage')
  .register({ name: 'zones', version: '2', create: ({ lexicons }) => new ZoneStage(lexicons) })
  .register({ name: 'segment', version: '1', create: ({ lexicons }) => new SegmentStage(lexicons) })
  .register({
    name: 'entities',
    version: '1',
    create: ({ lexicons, options, recognizers }) => new EntityStage(recognizers, lexicons, options.nerPolicy),
  })
  .register({ name: 'resolve', version: '1', create: () => new ResolveStage() })
  .register({ name: 'roles', version: '1', create: ({ lexicons }) => new RoleStage(lexicons) })
  .register({
    name: 'statements',
    version: '1',
    create: ({ lexicons, knowledgeBase, options }) =>
      new StatementStage(statementExtractor(lexicons, options, knowledgeBase), lexicons.demonyms.data.demonyms),
  });
