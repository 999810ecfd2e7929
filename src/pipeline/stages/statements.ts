import type { Document, Statement } from '../../document/types.js';
import type { StatementExtractor } from '../../models/types.js';
import type { Stage } from '../stage.js';

/**
 * Runs the statement extractor and turns its candidates into statements:
 * overlapping candidates keep the first, and targets are the entities
 * mentioned in the statement other than its speaker.
 */
export class StatementStage implements Stage {
  readonly name = 'statements';
  readonly requires = ['sentences', 'entities'] as const;
  readonly assigns = ['statements'] as const;

  constructor(private readonly extractor: StatementExtractor) {}

  get models() {
    return [this.extractor.info];
  }

  async run(docs: readonly Document[]): Promise<void> {
    const perDoc = await this.extractor.extract(docs);
    docs.forEach((doc, d) => {
      const statements: Statement[] = [];
      for (const candidate of perDoc[d] ?? []) {
        if (statements.some((s) => s.start < candidate.end && candidate.start < s.end)) continue;
        const targets: number[] = [];
        for (const mention of doc.mentions) {
          if (mention.start < candidate.start || mention.end > candidate.end || mention.entity === undefined) continue;
          if (mention.entity === candidate.speakerEntity || targets.includes(mention.entity)) continue;
          targets.push(mention.entity);
        }
        statements.push({
          start: candidate.start,
          end: candidate.end,
          label: candidate.label,
          sentence: candidate.sentence,
          text: doc.text.slice(candidate.start, candidate.end),
          speaker: candidate.speakerEntity,
          speakerText: candidate.speakerText,
          targets,
          cue: candidate.cue,
          confidence: candidate.confidence,
          provenance: candidate.provenance,
        });
      }
      doc.statements = statements;
    });
  }
}
