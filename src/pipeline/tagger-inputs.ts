import type { Document } from '../document/types.js';
import { KbRecognizer } from '../models/kb/gazetteer.js';
import { NameRulesRecognizer } from '../models/rules/name-rules.js';
import type { KnowledgeBase } from '../resources/kb.js';
import type { Lexicons } from '../resources/lexicons.js';
import { EntityStage } from './stages/entities.js';
import { SegmentStage } from './stages/segment.js';
import { ZoneStage } from './stages/zones.js';

/** The recognizers that run before the learned tagger in the default pipeline; their mentions are its features. */
export const BEFORE_TAGGER = ['kb', 'rules'] as const;

/**
 * Brings documents to the state the learned tagger sees them in the default
 * pipeline (zones, tokens, sentences, and the knowledge base's and name
 * rules' mentions), so training and tagging read the same features.
 */
export async function prepareForTagger(docs: readonly Document[], lexicons: Lexicons, knowledgeBase: KnowledgeBase): Promise<void> {
  const stages = [new ZoneStage(lexicons), new SegmentStage(lexicons), new EntityStage([new KbRecognizer(knowledgeBase), new NameRulesRecognizer(lexicons)], lexicons)];
  for (const stage of stages) await stage.run(docs);
}
