import type { Document } from '../../document/types.js';
import type { Lexicons } from '../../resources/lexicons.js';
import type { MentionCandidate, ModelInfo, OutsideSpan, ScoredRecognition, VetoingRecognizer } from '../types.js';
import { insideAny, noEntityZones } from '../zones.js';
import { emitContextFeatures, featureString, taggerLexicon, wordFeatures, type TaggerLexicon } from './features.js';
import { loadTaggerModelFile } from './model-file.js';
import { loadWordClasses } from '../clusters/word-classes.js';
import { decode, FrozenWeights } from './tagger.js';
import { ENTITY_OF, OUTSIDE, spansOfTags } from './tags.js';

/** Score margins → a confidence in (0, 1): a margin of MARGIN_SCALE is about 0.73. */
const MARGIN_SCALE = 10;
const confidenceOf = (margin: number): number => Math.round((1 / (1 + Math.exp(-margin / MARGIN_SCALE))) * 1000) / 1000;

/**
 * Our learned named-entity tagger (`stancemap train ner`) as a recognizer:
 * it reads the mentions the knowledge base and name rules already placed as
 * features, tags every sentence, and reports its names (PER, ORG, LOC; MISC
 * is learned but not output) with the confidence of their least sure token,
 * and the words it read as no name, so the ensemble can veto weak hits.
 */
export class LearnedNerRecognizer implements VetoingRecognizer {
  readonly info: ModelInfo;
  private readonly lexicon: TaggerLexicon;
  /** A word's own feature rows by its text: most words recur, so they are looked up once (bounded, cleared when full). */
  private readonly wordRows = new Map<string, number[]>();
  private readonly contextRows: ContextRowCache;

  constructor(
    private readonly weights: FrozenWeights,
    lexicons: Lexicons,
    sha256: string,
    readonly header: Record<string, unknown> = {},
  ) {
    this.lexicon = taggerLexicon(lexicons);
    this.contextRows = new ContextRowCache(weights);
    this.info = {
      name: 'ner-perceptron',
      version: '1',
      kind: 'statistical',
      resources: { 'ner.model.gz': sha256, 'word-classes.tsv.gz': loadWordClasses().sha256 },
    };
  }

  /** The tagger in a model file, its weights read once per process (shared-weights.ts). */
  static load(path: string, lexicons: Lexicons): LearnedNerRecognizer {
    const data = loadTaggerModelFile(path);
    return new LearnedNerRecognizer(FrozenWeights.fromData(data.weights), lexicons, data.sha256, data.header);
  }

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return (await this.recognizeScored(docs)).map((r) => r.candidates);
  }

  async recognizeScored(docs: readonly Document[]): Promise<ScoredRecognition[]> {
    return docs.map((doc) => this.recognizeOne(doc));
  }

  recognizeOne(doc: Document): ScoredRecognition {
    const rows: number[][] = new Array(doc.tokens.length);
    let current: number[] = [];
    emitContextFeatures(
      doc,
      this.lexicon,
      (k) => (rows[k] = current = [...this.rowsOfWord(doc.tokens[k]!.text)]),
      (name, value, second) => {
        const r = this.contextRows.row(name, value, second);
        if (r !== -1) current.push(r);
      },
    );
    const { tags, margins } = decode(doc, rows, this.weights);
    const candidates: MentionCandidate[] = [];
    const skipped = noEntityZones(doc);
    for (const span of spansOfTags(tags)) {
      const type = ENTITY_OF[span.type];
      if (type === null || insideAny(skipped, doc.tokens[span.first]!.start)) continue;
      let margin = Infinity;
      for (let k = span.first; k < span.end; k++) margin = Math.min(margin, margins[k]!);
      const score = confidenceOf(margin);
      candidates.push({
        start: doc.tokens[span.first]!.start,
        end: doc.tokens[span.end - 1]!.end,
        type,
        provenance: { source: 'model', model: this.info.name, score },
      });
    }
    const outside: OutsideSpan[] = [];
    tags.forEach((tag, k) => {
      if (tag === OUTSIDE && doc.tokens[k])
        outside.push({ start: doc.tokens[k]!.start, end: doc.tokens[k]!.end, score: confidenceOf(margins[k]!) });
    });
    return { candidates, outside };
  }

  private rowsOfWord(text: string): number[] {
    let rows = this.wordRows.get(text);
    if (!rows) {
      if (this.wordRows.size >= WORD_CACHE_SIZE) this.wordRows.clear();
      rows = this.weights.rowsOf(wordFeatures(text, this.lexicon));
      this.wordRows.set(text, rows);
    }
    return rows;
  }
}

/**
 * Bounds of the two caches, in entries. Each worker thread keeps its own, so
 * they count twice in a pool's memory: 200,000 words and 300,000 context
 * entries could take some 60 MB a thread on a large corpus; these take a
 * quarter to a third of that, and a cleared cache refills with the frequent
 * words first.
 */
const WORD_CACHE_SIZE = 50_000;

/**
 * Context feature rows by name, value and second value, so tagging builds no
 * feature strings: the values are the document's own word and shape strings.
 * Bounded: cleared when it holds CONTEXT_CACHE_SIZE entries.
 */
class ContextRowCache {
  private singles = new Map<string, Map<string, number>>();
  private pairs = new Map<string, Map<string, Map<string, number>>>();
  private size = 0;

  constructor(private readonly weights: FrozenWeights) {}

  row(name: string, value?: string, second?: string): number {
    if (this.size >= CONTEXT_CACHE_SIZE) this.clear();
    const key = value ?? '';
    if (second === undefined) {
      let values = this.singles.get(name);
      if (!values) this.singles.set(name, (values = new Map()));
      let r = values.get(key);
      if (r === undefined) {
        r = this.weights.row(featureString(name, value));
        values.set(key, r);
        this.size++;
      }
      return r;
    }
    let values = this.pairs.get(name);
    if (!values) this.pairs.set(name, (values = new Map()));
    let seconds = values.get(key);
    if (!seconds) values.set(key, (seconds = new Map()));
    let r = seconds.get(second);
    if (r === undefined) {
      r = this.weights.row(featureString(name, value, second));
      seconds.set(second, r);
      this.size++;
    }
    return r;
  }

  private clear(): void {
    this.singles = new Map();
    this.pairs = new Map();
    this.size = 0;
  }
}

const CONTEXT_CACHE_SIZE = 100_000;
