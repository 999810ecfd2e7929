import type { Document, EntityType, Span } from '../../document/types.js';
import { firstEndingAfter } from '../../document/spans.js';
import { FatalError } from '../../errors.js';
import type { MentionCandidate, ModelInfo, OutsideSpan, ScoredRecognition, VetoingRecognizer } from '../types.js';
import { insideAny, noEntityZones } from '../zones.js';
import { alignPieces, type AlignedPiece } from './alignment.js';
import { decodeTags, loadLabelMap, parseTag, type LabelMap, type Tag } from './labels.js';
import { loadModel, type LoadedModel, type ModelLoadOptions } from './loader.js';
import { runInBatches, softmaxRows, specialTokenTemplate, type SpecialTemplate } from './inference.js';
import { bestWindowPerPiece, planWindows, type Window } from './windows.js';

export interface TransformerNerOptions extends ModelLoadOptions {
  /** Extra label-map files (same format as src/resources/transformer/ner-labels.json). */
  labelFiles?: string[];
  /** Pieces each window shares with the one before; a quarter of the window by default. */
  overlap?: number;
  /** Windows per model call. */
  batchSize?: number;
  /** A shorter window than the model allows. */
  maxLength?: number;
}

interface PreparedDocument {
  doc: Document;
  ids: number[];
  pieces: AlignedPiece[];
  windows: Window[];
  /** Per window, the label probabilities of its pieces (pieces × labels). */
  probabilities: Float32Array[];
}

const DEFAULT_BATCH_SIZE = 8;

/**
 * A Hugging Face token-classification model (BERT-style, any BIO/BIOES label
 * set) as an entity recognizer. Sub-word pieces are placed on the original
 * characters by `alignPieces`, long texts are read in overlapping windows and
 * each piece's label is taken from the window that sees it with most
 * context; a word takes its first piece's label, and B/I runs of words become
 * mentions, which never cross a sentence boundary.
 */
export class TransformerNerRecognizer implements VetoingRecognizer {
  readonly info: ModelInfo;
  /** Types in the model's label set that the label map does not know; their mentions are dropped. */
  readonly unmappedTypes: string[];
  private readonly tags: Tag[];
  private readonly template: SpecialTemplate;
  private readonly capacity: number;
  private readonly overlap: number;
  private readonly batchSize: number;

  private constructor(
    private readonly model: LoadedModel,
    private readonly labelMap: LabelMap,
    labelHashes: Record<string, string>,
    options: TransformerNerOptions,
  ) {
    const id2label = model.config.id2label ?? {};
    const count = Object.keys(id2label).length;
    this.tags = Array.from({ length: count }, (_, i) => parseTag(id2label[String(i)] ?? 'O'));
    this.unmappedTypes = [...new Set(this.tags.filter((t) => t.position !== 'O' && !labelMap.has(t.type)).map((t) => t.type))];
    this.template = specialTokenTemplate(model.tokenizer);
    const maxLength = Math.min(model.maxLength, options.maxLength ?? Number.MAX_SAFE_INTEGER);
    this.capacity = Math.max(1, maxLength - this.template.prefix.length - this.template.suffix.length);
    this.overlap = Math.min(options.overlap ?? Math.floor(this.capacity / 4), this.capacity - 1);
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.info = { ...model.info, name: `ner:${model.info.name}`, resources: { ...model.info.resources, ...labelHashes } };
  }

  static async load(spec: string, options: TransformerNerOptions = {}): Promise<TransformerNerRecognizer> {
    const labels = loadLabelMap(options.labelFiles ?? []);
    const model = await loadModel(spec, 'token-classification', options);
    if (!model.config.id2label || Object.keys(model.config.id2label).length === 0) {
      throw new FatalError('E007', `${model.info.name}: config.json has no id2label, so it is not a token-classification model`);
    }
    const hashes = Object.fromEntries(labels.files.map((f, i) => [`labels${i === 0 ? '' : `-${i}`}`, f.sha256]));
    return new TransformerNerRecognizer(model, labels.map, hashes, options);
  }

  /** Model window, special tokens excluded, and the overlap between windows. */
  get windowing(): { capacity: number; overlap: number } {
    return { capacity: this.capacity, overlap: this.overlap };
  }

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return (await this.recognizeScored(docs)).map((r) => r.candidates);
  }

  async recognizeScored(docs: readonly Document[]): Promise<ScoredRecognition[]> {
    const prepared = docs.map((doc) => this.prepare(doc));
    const jobs = prepared.flatMap((p) => p.windows.map((window, w) => ({ p, w, ids: p.ids.slice(window.start, window.end) })));
    const run = { model: this.model, template: this.template, batchSize: this.batchSize };
    await runInBatches(
      run,
      jobs.map((j) => j.ids),
      (index, logits, width) => {
        const job = jobs[index]!;
        job.p.probabilities[job.w] = softmaxRows(logits, width);
      },
    );
    return prepared.map((p) => this.decode(p));
  }

  private prepare(doc: Document): PreparedDocument {
    const ids = this.model.tokenizer.encode(doc.text, null, { add_special_tokens: false });
    const pieces = alignPieces(doc.text, this.model.tokenizer.model.convert_ids_to_tokens(ids), this.model.pieceStyle);
    const windows = planWindows(ids.length, this.capacity, this.overlap);
    return { doc, ids, pieces, windows, probabilities: new Array(windows.length) };
  }

  private decode({ doc, pieces, windows, probabilities }: PreparedDocument): ScoredRecognition {
    const width = this.tags.length;
    const best = bestWindowPerPiece(pieces.length, windows);
    const words: Array<{ span: Span; tag: Tag; score: number }> = [];
    pieces.forEach((piece, i) => {
      if (piece.span === null) return;
      if (piece.continuesWord && words.length > 0) {
        words[words.length - 1]!.span = { start: words[words.length - 1]!.span.start, end: piece.span.end };
        return;
      }
      const w = best[i]!;
      const row = (i - windows[w]!.start) * width;
      const probs = probabilities[w]!;
      let top = 0;
      for (let k = 1; k < width; k++) if (probs[row + k]! > probs[row + top]!) top = k;
      words.push({ span: piece.span, tag: this.tags[top]!, score: probs[row + top]! });
    });

    const blocked = noEntityZones(doc);
    const candidates: MentionCandidate[] = [];
    for (const run of decodeTags(words)) {
      const type: EntityType | null | undefined = this.labelMap.get(run.type);
      if (!type) continue;
      const span = { start: words[run.first]!.span.start, end: words[run.end - 1]!.span.end };
      if (insideAny(blocked, span.start) || !withinOneSentence(doc, span)) continue;
      const score = Math.round(run.score * 100) / 100;
      candidates.push({ ...span, type, provenance: { source: 'model', model: this.info.name, rule: `ner:${run.type}`, score } });
    }
    const outside: OutsideSpan[] = words.filter((w) => w.tag.position === 'O').map((w) => ({ ...w.span, score: w.score }));
    return { candidates, outside };
  }
}

function withinOneSentence(doc: Document, span: Span): boolean {
  if (doc.sentences.length === 0) return true;
  return firstEndingAfter(doc.sentences, span.start) === firstEndingAfter(doc.sentences, span.end - 1);
}
