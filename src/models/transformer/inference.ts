import type { LoadedModel, Tokenizer } from './loader.js';

/** The ids a tokenizer puts around one sequence: [CLS] … [SEP] for BERT, <s> … </s> for RoBERTa. */
export interface SpecialTemplate {
  prefix: number[];
  suffix: number[];
  padId: number;
}

export function specialTokenTemplate(tokenizer: Tokenizer): SpecialTemplate {
  const inner = tokenizer.encode('a', null, { add_special_tokens: false });
  const full = tokenizer.encode('a');
  let at = -1;
  for (let i = 0; i + inner.length <= full.length && at < 0; i++) if (inner.every((id, k) => full[i + k] === id)) at = i;
  if (at < 0) return { prefix: [], suffix: [], padId: tokenizer.pad_token_id ?? 0 };
  return { prefix: full.slice(0, at), suffix: full.slice(at + inner.length), padId: tokenizer.pad_token_id ?? 0 };
}

/** What `runInBatches` runs: a token-level model, the special tokens its tokenizer adds, and how many sequences go in one call. */
export interface TokenModelRun {
  model: LoadedModel;
  template: SpecialTemplate;
  batchSize: number;
}

/**
 * Runs a token-level model over sequences of piece ids, `batchSize` at a
 * time, each wrapped in the special tokens and padded to the longest in its
 * batch. `onResult` gets each sequence's logits for its own pieces only
 * (pieces × labels, row-major).
 */
export async function runInBatches(
  run: TokenModelRun,
  sequences: readonly number[][],
  onResult: (index: number, logits: Float32Array, width: number) => void,
): Promise<void> {
  const { model, template, batchSize } = run;
  for (let from = 0; from < sequences.length; from += batchSize) {
    const batch = sequences.slice(from, from + batchSize);
    const rows = batch.map((sequence) => ({ ids: [...template.prefix, ...sequence, ...template.suffix] }));
    const { logits } = await model.run(paddedInputs(model, rows, template.padId));
    const [, length, width] = logits.dims as [number, number, number];
    const data = logits.data as Float32Array;
    batch.forEach((sequence, b) => {
      const start = (b * length + template.prefix.length) * width;
      onResult(from + b, data.slice(start, start + sequence.length * width), width);
    });
  }
}

/** Softmax of each row of a row-major matrix. */
export function softmaxRows(values: Float32Array, width: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let row = 0; row < values.length; row += width) {
    let max = -Infinity;
    for (let k = 0; k < width; k++) max = Math.max(max, values[row + k]!);
    let sum = 0;
    for (let k = 0; k < width; k++) sum += out[row + k] = Math.exp(values[row + k]! - max);
    for (let k = 0; k < width; k++) out[row + k]! /= sum;
  }
  return out;
}

/**
 * What a tokenizer puts around a premise–hypothesis pair, with the segment
 * (token type) of each part: [CLS] A [SEP] B [SEP] with types 0…0 1…1 for
 * BERT, <s> A </s></s> B </s> for RoBERTa. Read once from the tokenizer, so
 * pairs can be built from ids already encoded (each premise is encoded once,
 * not once per hypothesis).
 */
export interface PairTemplate {
  parts: Array<{ ids: number[]; type: number } | { segment: 'A' | 'B'; type: number }>;
  /** Special tokens in a pair. */
  overhead: number;
  padId: number;
}

export function pairTemplate(tokenizer: Tokenizer): PairTemplate {
  const [a] = tokenizer.encode('a', null, { add_special_tokens: false });
  const [b] = tokenizer.encode('b', null, { add_special_tokens: false });
  const encoded = tokenizer(['a'], { text_pair: ['b'] });
  const ids = Array.from(encoded.input_ids!.data as ArrayLike<number | bigint>, Number);
  const types = encoded.token_type_ids ? Array.from(encoded.token_type_ids.data as ArrayLike<number | bigint>, Number) : ids.map(() => 0);
  const parts: PairTemplate['parts'] = [];
  ids.forEach((id, i) => {
    const type = types[i] ?? 0;
    if (id === a && !parts.some((p) => 'segment' in p)) parts.push({ segment: 'A', type });
    else if (id === b && parts.some((p) => 'segment' in p)) parts.push({ segment: 'B', type });
    else {
      const last = parts.at(-1);
      if (last && 'ids' in last && last.type === type) last.ids.push(id);
      else parts.push({ ids: [id], type });
    }
  });
  if (parts.filter((p) => 'segment' in p).length !== 2) throw new Error('the tokenizer does not encode sentence pairs');
  return { parts, overhead: ids.length - 2, padId: tokenizer.pad_token_id ?? 0 };
}

/** A padded batch of premise–hypothesis pairs, as model inputs. */
export function pairInputs(
  model: LoadedModel,
  template: PairTemplate,
  pairs: ReadonlyArray<{ premise: readonly number[]; hypothesis: readonly number[] }>,
): Record<string, unknown> {
  const rows = pairs.map(({ premise, hypothesis }) => {
    const ids: number[] = [];
    const types: number[] = [];
    for (const part of template.parts) {
      const piece = 'ids' in part ? part.ids : part.segment === 'A' ? premise : hypothesis;
      ids.push(...piece);
      types.push(...piece.map(() => part.type));
    }
    return { ids, types };
  });
  return paddedInputs(model, rows, template.padId);
}

/** Rows of ids (and token types, 0 when absent) padded to the longest, with the attention mask, as int64 model inputs. */
function paddedInputs(
  model: LoadedModel,
  rows: ReadonlyArray<{ ids: readonly number[]; types?: readonly number[] }>,
  padId: number,
): Record<string, unknown> {
  const length = Math.max(...rows.map((r) => r.ids.length));
  const ids = new BigInt64Array(rows.length * length).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * length);
  const types = new BigInt64Array(rows.length * length);
  rows.forEach((row, r) => {
    row.ids.forEach((id, t) => {
      ids[r * length + t] = BigInt(id);
      mask[r * length + t] = 1n;
      types[r * length + t] = BigInt(row.types?.[t] ?? 0);
    });
  });
  const dims = [rows.length, length];
  return {
    input_ids: model.int64Tensor(ids, dims),
    attention_mask: model.int64Tensor(mask, dims),
    token_type_ids: model.int64Tensor(types, dims),
  };
}
