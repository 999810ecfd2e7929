import type { Document } from '../../document/types.js';
import { sentenceAt } from '../../document/spans.js';
import { mergeCandidates } from '../../models/merge.js';
import { joinAdjacentPersons, SpanCleaner } from '../../models/mention-spans.js';
import { languageIndex } from '../../resources/language.js';
import { fold } from '../../resources/name-lexicon.js';
import type { EntityRecognizer, MentionCandidate, ScoredRecognition } from '../../models/types.js';
import { gapsOnly, isVetoing, overrideWithSure, vetoWeakMentions, type NerPolicy } from '../../models/ensemble.js';
import type { Lexicons } from '../../resources/lexicons.js';
import type { Stage } from '../stage.js';

/**
 * Runs the entity recognizers in order (knowledge base, in-document
 * definitions, rules, compromise, surname echoes), cleans every candidate to
 * ANNOTATION.md's span rules and merges it into `doc.mentions` by priority.
 */
export class EntityStage implements Stage {
  readonly name = 'entities';
  readonly requires = ['text', 'zones', 'tokens', 'sentences'] as const;
  readonly assigns = ['mentions', 'aliasLinks'] as const;
  private readonly spans: SpanCleaner;

  constructor(
    private readonly recognizers: readonly EntityRecognizer[],
    lexicons: Lexicons,
    /** How a statistical recognizer among them (one that reports "O" confidence) combines with the rest. */
    private readonly policy: NerPolicy = 'union',
  ) {
    this.spans = new SpanCleaner(languageIndex(lexicons));
  }

  get models() {
    return this.recognizers.map((r) => (isVetoing(r) ? { ...r.info, resources: { ...r.info.resources, policy: this.policy } } : r.info));
  }

  async run(docs: readonly Document[]): Promise<void> {
    const folded = new Map<Document, string[]>();
    for (const doc of docs) {
      doc.mentions = [];
      doc.aliasLinks = [];
      folded.set(
        doc,
        doc.tokens.map((t) => fold(t.text)),
      );
    }
    let scored: ScoredRecognition[] | undefined;
    for (const recognizer of this.recognizers) {
      let perDoc: MentionCandidate[][];
      if (isVetoing(recognizer)) {
        scored = await recognizer.recognizeScored(docs);
        // Under model-only the earlier recognizers were only the model's features (the learned tagger reads their mentions).
        if (this.policy === 'model-only') {
          for (const doc of docs) {
            doc.mentions = [];
            doc.aliasLinks = [];
          }
        }
        perDoc = scored.map((r) => r.candidates);
      } else perDoc = await recognizer.recognize(docs);
      docs.forEach((doc, d) => {
        const words = folded.get(doc)!;
        let cleaned = (perDoc[d] ?? []).map((c) => this.spans.clean(doc, c, words)).filter((c): c is MentionCandidate => c !== undefined);
        if (isVetoing(recognizer) && this.policy === 'kb-first') cleaned = gapsOnly(doc, cleaned);
        if (isVetoing(recognizer) && this.policy === 'union') cleaned = overrideWithSure(doc, cleaned);
        mergeCandidates(doc, cleaned, (offset) => sentenceAt(doc, offset));
        // A link stands only where a mention of the candidate's span and type stands (found by it or by another recognizer):
        // an organization alias rejected on a known person's name must not join the person to the organization.
        const standing = new Map(doc.mentions.map((m) => [`${m.start}:${m.end}`, m]));
        for (const candidate of cleaned) {
          if (candidate.aliasOf && standing.get(`${candidate.start}:${candidate.end}`)?.type === candidate.type) {
            doc.aliasLinks.push({ alias: { start: candidate.start, end: candidate.end }, target: candidate.aliasOf });
          }
        }
      });
    }
    if (scored && this.policy === 'union') docs.forEach((doc, d) => vetoWeakMentions(doc, scored[d]!));
    for (const doc of docs) joinAdjacentPersons(doc);
  }
}
