import nlp from 'compromise';
import type { Document, EntityType, Span } from '../../document/types.js';
import type { EntityRecognizer, MentionCandidate, ModelInfo } from '../types.js';
import { compromiseView } from './parse.js';
import { insideAny, noEntityZones } from '../zones.js';
import { loadLexicons } from '../../resources/lexicons.js';

interface CompromiseMatch {
  text: string;
  offset: { start: number; length: number };
}

const VIEWS: Array<[EntityType, 'people' | 'organizations' | 'places']> = [
  ['PERSON', 'people'],
  ['ORGANIZATION', 'organizations'],
  ['LOCATION', 'places'],
];

/**
 * compromise's people, organizations and places, as a fallback for names the
 * knowledge base and rules miss. Its spans often carry titles, punctuation or
 * a leading "the"; the entity stage trims those for every recognizer alike.
 */
export class CompromiseRecognizer implements EntityRecognizer {
  readonly info: ModelInfo = { name: 'compromise', version: compromiseVersion(), kind: 'compromise' };

  constructor(private readonly score: number = loadLexicons().ruleScores.data.compromise) {}

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return docs.map((doc) => this.recognizeOne(doc));
  }

  recognizeOne(doc: Document): MentionCandidate[] {
    const blocked = noEntityZones(doc);
    const parsed = compromiseView(doc);
    const out: MentionCandidate[] = [];
    for (const [type, view] of VIEWS) {
      const matches = parsed[view]().json({ offset: true }) as CompromiseMatch[];
      for (const match of matches) {
        const span: Span = { start: match.offset.start, end: match.offset.start + match.offset.length };
        if (span.end > doc.text.length || insideAny(blocked, span.start)) continue;
        out.push({ ...span, type, provenance: { source: 'compromise', model: this.info.name, rule: view, score: this.score } });
      }
    }
    return out;
  }
}

function compromiseVersion(): string {
  return (nlp as unknown as { version?: string }).version ?? 'unknown';
}
