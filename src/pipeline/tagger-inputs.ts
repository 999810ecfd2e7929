import type { Document } from '../document/types.js';
import type { KnowledgeBase } from '../resources/kb.js';
import type { Lexicons } from '../resources/lexicons.js';
import { RECOGNIZERS } from './components.js';
import { EntityStage } from './stages/entities.js';
import { SegmentStage } from './stages/segment.js';
import { ZoneStage } from './stages/zones.js';

/**
 * Brings documents to the state the learned tagger sees them in the default
 * pipeline (zones, tokens, sentences, and the mentions of the recognizers
 * registered as feeding it: the knowledge base and the name rules), so
 * training and tagging read the same features.
 */
export async function prepareForTagger(docs: readonly Document[], lexicons: Lexicons, knowledgeBase: KnowledgeBase): Promise<void> {
  const context = { lexicons, knowledgeBase, options: {} };
  const feeding = RECOGNIZERS.all()
    .filter((entry) => entry.feedsTagger)
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.create(context));
  const stages = [new ZoneStage(lexicons), new SegmentStage(lexicons), new EntityStage(feeding, lexicons)];
  for (const stage of stages) await stage.run(docs);
}
