import type { Document, Statement } from '../../document/types.js';
import { DisjointSpans, firstEndingAfter } from '../../document/spans.js';
import type { StatementExtractor } from '../../models/types.js';
import { linkSpeakers } from '../../models/statements/speaker-linking.js';
import type { Stage } from '../stage.js';

/**
 * Runs the statement extractor and turns its candidates into statements:
 * speaker phrases the extractor left unlinked are linked to the entity they
 * name (`linkSpeakers`), overlapping candidates keep the first, and targets
 * are the entities mentioned in the statement other than its speaker.
 */
export class StatementStage implements Stage {
  readonly name = 'statements';
  readonly requires = ['text', 'metadata', 'zones', 'tokens', 'sentences', 'mentions', 'entities', 'roles'] as const;
  readonly assigns = ['statements'] as const;

  private readonly demonyms: ReadonlyMap<string, string>;

  /** `demonyms`: plural demonym → knowledge-base id ("Americans" → "united-states"), for targets. */
  constructor(
    private readonly extractor: StatementExtractor,
    demonyms: Record<string, string> = {},
  ) {
    this.demonyms = new Map(Object.entries(demonyms));
  }

  get models() {
    return [this.extractor.info];
  }

  async run(docs: readonly Document[]): Promise<void> {
    const perDoc = await this.extractor.extract(docs);
    docs.forEach((doc, d) => {
      const statements: Statement[] = [];
      const taken = new DisjointSpans();
      for (const candidate of linkSpeakers(doc, perDoc[d] ?? [])) {
        if (taken.overlapsAny(candidate)) continue;
        taken.add(candidate);
        const targets: number[] = [];
        const addTarget = (entity: number) => {
          if (entity !== candidate.speakerEntity && !targets.includes(entity)) targets.push(entity);
        };
        for (const item of this.targetsIn(doc, candidate)) addTarget(item);
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

  /**
   * Entities a statement is about, in text order: those it mentions, and
   * those its plural demonyms point at when the document names them ("the
   * Americans must pay" → the United States).
   */
  private targetsIn(doc: Document, span: { start: number; end: number }): number[] {
    const found: Array<{ at: number; entity: number }> = [];
    for (let m = firstEndingAfter(doc.mentions, span.start); m < doc.mentions.length && doc.mentions[m]!.start < span.end; m++) {
      const mention = doc.mentions[m]!;
      if (mention.start >= span.start && mention.end <= span.end && mention.entity !== undefined)
        found.push({ at: mention.start, entity: mention.entity });
    }
    if (this.demonyms.size > 0) {
      for (let t = firstEndingAfter(doc.tokens, span.start); t < doc.tokens.length && doc.tokens[t]!.start < span.end; t++) {
        const token = doc.tokens[t]!;
        if (token.start < span.start || token.end > span.end) continue;
        const kbId = this.demonyms.get(token.text);
        if (kbId === undefined) continue;
        const entity = doc.entities.findIndex((e) => e.kbId === kbId);
        if (entity !== -1) found.push({ at: token.start, entity });
      }
    }
    return found.sort((a, b) => a.at - b.at).map((f) => f.entity);
  }
}
