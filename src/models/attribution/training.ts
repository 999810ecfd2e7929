import type { Document, Sentence, Span } from '../../document/types.js';
import { overlapLength } from '../../document/spans.js';
import { canPair } from '../../evaluate/pairing.js';
import { AveragedPerceptron, type TrainingExample } from '../learned/perceptron.js';
import type { RuleStatementExtractor } from '../statements/rule-extractor.js';
import type { ProgressCallback } from '../types.js';
import { buildContext, candidateSentences, type AttributionContext } from './context.js';
import { SOURCE_TAGS, sentenceFeatures, tokenFeatures, type SourceTag } from './features.js';
import { AttributionModel } from './model.js';

/** One PolNeAR attribution as training needs it: content and source fragments. */
export interface GoldAttribution {
  content: Span[];
  source: Span[] | null;
}

export interface TrainingDocument {
  doc: Document;
  attributions: GoldAttribution[];
}

export interface TrainingOptions {
  epochs: number;
  seed: number;
  /** Sentences scoring at least this are attributions (chosen on held-out data by the caller). */
  threshold: number;
  onProgress?: ProgressCallback;
}

/** The share of a sentence's statement span that a gold attribution's content covers, as the scorer pairs them. */
function pairsWith(span: Span, attribution: GoldAttribution): number {
  const overlap = attribution.content.reduce((sum, f) => sum + overlapLength(span, f), 0);
  const length = attribution.content.reduce((sum, f) => sum + f.end - f.start, 0);
  return overlap > 0 && canPair(overlap, length, span.end - span.start) ? overlap / Math.min(length, span.end - span.start) : 0;
}

/** Source tags of a sentence's tokens: B/I over the tokens inside the gold source fragments, O elsewhere. */
function sourceTags(ctx: AttributionContext, sentence: Sentence, source: Span[] | null): SourceTag[] {
  const tags: SourceTag[] = [];
  let previous: SourceTag = 'O';
  for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
    const token = ctx.doc.tokens[k]!;
    const inside = source?.some((f) => f.start <= token.start && token.end <= f.end) ?? false;
    const tag: SourceTag = !inside ? 'O' : previous === 'O' ? 'B' : 'I';
    tags.push(tag);
    previous = tag;
  }
  return tags;
}

/** Detector and tagger examples of one document, with gold decisions as the history features. */
export function documentExamples(
  item: TrainingDocument,
  rules: RuleStatementExtractor,
): { sentences: TrainingExample[]; tokens: TrainingExample[] } {
  const ctx = buildContext(item.doc, rules.extractOne(item.doc), rules.lexicon);
  const sentences: TrainingExample[] = [];
  const tokens: TrainingExample[] = [];
  let previousPositive = false;
  for (const { sentence, span } of candidateSentences(item.doc)) {
    const best = bestAttribution(span, item.attributions);
    const positive = best !== null;
    sentences.push({ features: sentenceFeatures(ctx, sentence, previousPositive), label: positive ? 'yes' : 'no' });
    previousPositive = positive;
    if (!best) continue;
    const tags = sourceTags(ctx, sentence, best.source);
    tags.forEach((tag, i) =>
      tokens.push({ features: tokenFeatures(ctx, sentence, sentence.tokenStart + i, i === 0 ? 'O' : tags[i - 1]!), label: tag }),
    );
  }
  return { sentences, tokens };
}

function bestAttribution(span: Span, attributions: readonly GoldAttribution[]): GoldAttribution | null {
  let best: GoldAttribution | null = null;
  let bestShare = 0;
  for (const a of attributions) {
    const share = pairsWith(span, a);
    if (share > bestShare) {
      best = a;
      bestShare = share;
    }
  }
  return best;
}

/** Trains both perceptrons on the documents, deterministically. */
export function trainAttributionModel(
  items: readonly TrainingDocument[],
  rules: RuleStatementExtractor,
  options: TrainingOptions,
): AttributionModel {
  const progress = options.onProgress ?? (() => {});
  const sentenceExamples: TrainingExample[] = [];
  const tokenExamples: TrainingExample[] = [];
  for (const [i, item] of items.entries()) {
    const { sentences, tokens } = documentExamples(item, rules);
    sentenceExamples.push(...sentences);
    tokenExamples.push(...tokens);
    progress('training examples from documents', i + 1, items.length);
  }
  const { epochs, seed } = options;
  const detector = AveragedPerceptron.train(['no', 'yes'], sentenceExamples, {
    epochs,
    seed,
    onEpoch: (epoch) => progress(`sentence detector epochs (${sentenceExamples.length} sentences)`, epoch, epochs),
  });
  const tagger = AveragedPerceptron.train(SOURCE_TAGS, tokenExamples, {
    epochs,
    seed,
    onEpoch: (epoch) => progress(`source tagger epochs (${tokenExamples.length} tokens)`, epoch, epochs),
  });
  return new AttributionModel({
    detector,
    sourceTagger: tagger,
    threshold: options.threshold,
    sha256: 'in-memory',
    trainedOn: 'in-memory',
  });
}
