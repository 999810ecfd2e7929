import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OnnxGraph } from './onnx-graph.js';

/**
 * Writes tiny BERT-style models that load and run through the same
 * transformers.js and onnxruntime code as a real Hugging Face export
 * (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), with
 * weights chosen so that the expected output is known. No hub is reachable
 * on CI, so these stand in for real models in the tests and the benchmark.
 */

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const CHARACTERS = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const PUNCTUATION = [...'.,;:!?\'"’“”()-–—/&%$@#[]'];

export interface TinyNerSpec {
  /** The label set, in id order; must contain "O". */
  labels: string[];
  /** Whole vocabulary entries (lower case; "##" marks a word piece) and the label each one gets. */
  pieces: Record<string, string>;
  /** The model's window in tokens, [CLS] and [SEP] included. */
  maxLength: number;
  /**
   * The model is blind for this many tokens after [CLS]: it labels them "O"
   * whatever they are, so only correct window stitching recovers names there.
   */
  blindPrefix?: number;
}

export interface TinyNliSpec {
  /** Word (or piece) → vector; a premise and a hypothesis entail each other as much as their summed vectors agree. */
  vectors: Record<string, number[]>;
  /** Label order of the classification head; must contain an entailment and a contradiction label. */
  labels?: string[];
  maxLength: number;
}

export function writeTinyNerModel(dir: string, spec: TinyNerSpec): void {
  const outside = spec.labels.indexOf('O');
  if (outside < 0) throw new Error('tiny NER model: the labels need an "O"');
  const vocab = buildVocab(Object.keys(spec.pieces));
  const width = spec.labels.length;
  const tokenLogits = new Float32Array(vocab.length * width);
  vocab.forEach((token, id) => {
    const label = spec.pieces[token] ?? 'O';
    const index = spec.labels.indexOf(label);
    if (index < 0) throw new Error(`tiny NER model: "${token}" has unknown label ${label}`);
    tokenLogits[id * width + index] = 6;
  });
  const positionBias = new Float32Array(spec.maxLength * width);
  for (let position = 1; position <= (spec.blindPrefix ?? 0) && position < spec.maxLength; position++)
    positionBias[position * width + outside] = 40;

  const graph = new OnnxGraph('tiny-token-classification');
  const ids = graph.input('input_ids', 'int64', ['batch', 'sequence']);
  graph.input('attention_mask', 'int64', ['batch', 'sequence']);
  const perToken = graph.op('Gather', [graph.floats('token_logits', [vocab.length, width], tokenLogits), ids]);
  const shape = graph.op('Shape', [ids]);
  const length = graph.op('Gather', [shape, graph.int64s('one_scalar', [], [1])], { axis: 0 });
  const positions = graph.op('Range', [graph.int64s('zero', [], [0]), length, graph.int64s('step', [], [1])]);
  const perPosition = graph.op('Gather', [graph.floats('position_bias', [spec.maxLength, width], positionBias), positions]);
  graph.op('Add', [perToken, perPosition], {}, 'logits');
  graph.output('logits', 'float', ['batch', 'sequence', width]);

  writeModelFolder(dir, {
    graph,
    vocab,
    maxLength: spec.maxLength,
    head: {
      architectures: ['BertForTokenClassification'],
      id2label: Object.fromEntries(spec.labels.map((l, i) => [String(i), l])),
      label2id: Object.fromEntries(spec.labels.map((l, i) => [l, i])),
    },
  });
}

export function writeTinyNliModel(dir: string, spec: TinyNliSpec): void {
  const labels = spec.labels ?? ['contradiction', 'neutral', 'entailment'];
  const entail = labels.findIndex((l) => /^entail/i.test(l));
  const contradict = labels.findIndex((l) => /^contra/i.test(l));
  if (entail < 0 || contradict < 0) throw new Error('tiny NLI model: labels need entailment and contradiction');
  const vocab = buildVocab(Object.keys(spec.vectors));
  const width = Math.max(1, ...Object.values(spec.vectors).map((v) => v.length));
  const embeddings = new Float32Array(vocab.length * width);
  vocab.forEach((token, id) => (spec.vectors[token] ?? []).forEach((value, k) => (embeddings[id * width + k] = value)));

  const graph = new OnnxGraph('tiny-nli');
  const ids = graph.input('input_ids', 'int64', ['batch', 'sequence']);
  const mask = graph.op('Cast', [graph.input('attention_mask', 'int64', ['batch', 'sequence'])], { to: 1 });
  const types = graph.op('Cast', [graph.input('token_type_ids', 'int64', ['batch', 'sequence'])], { to: 1 });
  const vectors = graph.op('Gather', [graph.floats('embeddings', [vocab.length, width], embeddings), ids]);
  const hypothesisMask = graph.op('Mul', [mask, types]);
  const premiseMask = graph.op('Sub', [mask, hypothesisMask]);
  const pooled = (segmentMask: string): string =>
    graph.op('ReduceSum', [graph.op('Mul', [vectors, graph.op('Unsqueeze', [segmentMask], { axes: [2] })])], { axes: [1], keepdims: 0 });
  const agreement = graph.op('ReduceSum', [graph.op('Mul', [pooled(premiseMask), pooled(hypothesisMask)])], { axes: [1], keepdims: 1 });
  const zero = graph.op('Mul', [agreement, graph.floats('zero', [], [0])]);
  const columns = labels.map((_, i) => (i === entail ? agreement : i === contradict ? graph.op('Neg', [agreement]) : zero));
  graph.op('Concat', columns, { axis: 1 }, 'logits');
  graph.output('logits', 'float', ['batch', labels.length]);

  writeModelFolder(dir, {
    graph,
    vocab,
    maxLength: spec.maxLength,
    head: {
      architectures: ['BertForSequenceClassification'],
      id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])),
      label2id: Object.fromEntries(labels.map((l, i) => [l, i])),
    },
  });
}

/** Special tokens, the given entries, then single characters and "##" characters so that any word can be spelled. */
function buildVocab(entries: readonly string[]): string[] {
  const vocab: string[] = [...SPECIAL_TOKENS];
  const seen = new Set(vocab);
  const add = (token: string): void => {
    if (!seen.has(token)) {
      seen.add(token);
      vocab.push(token);
    }
  };
  entries.forEach(add);
  CHARACTERS.forEach(add);
  CHARACTERS.forEach((c) => add(`##${c}`));
  PUNCTUATION.forEach(add);
  return vocab;
}

/** What goes into a model folder: the graph, its vocabulary, its length limit, and the task head's config fields. */
interface ModelFolder {
  graph: OnnxGraph;
  vocab: readonly string[];
  maxLength: number;
  head: object;
}

function writeModelFolder(dir: string, { graph, vocab, maxLength, head }: ModelFolder): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), graph.encode());
  const config = {
    model_type: 'bert',
    ...head,
    vocab_size: vocab.length,
    max_position_embeddings: maxLength,
    _comment: 'tiny test model written by stancemap (tools/tiny-models/tiny-models.ts)',
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(wordPieceTokenizer(vocab)));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: maxLength,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
  );
}

/** A tokenizer.json in the Hugging Face tokenizers format: BERT's normalizer, pre-tokenizer and [CLS]/[SEP] template. */
function wordPieceTokenizer(vocab: readonly string[]): object {
  const id = (token: string): number => vocab.indexOf(token);
  const special = (token: string, typeId: number) => ({ SpecialToken: { id: token, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: id(token),
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]', 0), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]', 0)],
      pair: [
        special('[CLS]', 0),
        { Sequence: { id: 'A', type_id: 0 } },
        special('[SEP]', 0),
        { Sequence: { id: 'B', type_id: 1 } },
        special('[SEP]', 1),
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  };
}
