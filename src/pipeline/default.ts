import { CompromiseRecognizer } from '../models/compromise/recognizer.js';
import { KbRecognizer } from '../models/kb/gazetteer.js';
import { AcronymRecognizer } from '../models/rules/acronyms.js';
import { NameEchoRecognizer } from '../models/rules/echo.js';
import { NameRulesRecognizer } from '../models/rules/name-rules.js';
import { RuleStatementExtractor } from '../models/statements/rule-extractor.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../resources/kb.js';
import { loadLexicons, type Lexicons } from '../resources/lexicons.js';
import { Pipeline } from './pipeline.js';
import { EntityStage } from './stages/entities.js';
import { ResolveStage } from './stages/resolve.js';
import { RoleStage } from './stages/roles.js';
import { SegmentStage } from './stages/segment.js';
import { StatementStage } from './stages/statements.js';
import { ZoneStage } from './stages/zones.js';

export interface DefaultPipelineOptions {
  /** User knowledge-base files added to (or overriding) the built-in one. */
  kbFiles?: string[];
}

export interface BuiltPipeline {
  pipeline: Pipeline;
  knowledgeBase: KnowledgeBase;
  lexicons: Lexicons;
}

/**
 * The embedded default pipeline: zones → tokens and sentences → entities
 * (knowledge base, name rules, acronyms and definitions, compromise, surname
 * echoes, in that order of trust) → resolution → roles → statements.
 */
export function buildDefaultPipeline(options: DefaultPipelineOptions = {}): BuiltPipeline {
  const lexicons = loadLexicons();
  const knowledgeBase = loadKnowledgeBase(options.kbFiles ?? []);
  const recognizers = [
    new KbRecognizer(knowledgeBase),
    new NameRulesRecognizer(lexicons),
    new AcronymRecognizer(),
    new CompromiseRecognizer(),
    new NameEchoRecognizer(),
  ];
  const pipeline = new Pipeline(
    [
      new ZoneStage(),
      new SegmentStage(lexicons),
      new EntityStage(recognizers, lexicons),
      new ResolveStage(),
      new RoleStage(lexicons),
      new StatementStage(new RuleStatementExtractor(lexicons)),
    ],
    {
      lexicons: Object.fromEntries(Object.entries(lexicons).map(([name, r]) => [name, r.sha256])),
      knowledgeBase: knowledgeBase.files.map((f) => f.sha256),
    },
  );
  return { pipeline, knowledgeBase, lexicons };
}
