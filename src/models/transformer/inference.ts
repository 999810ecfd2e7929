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

/**
 * Runs a token-level model over sequences of piece ids, `batchSize` at a
 * time, each wrapped in the special tokens and padded to the longest in its
 * batch. `onResult` gets each sequence's logits for its own pieces only
 * (pieces × labels, row-major).
 */
export async function runInBatches(
  model: LoadedModel,
  template: SpecialTemplate,
  sequences: readonly number[][],
  batchSize: number,
  onResult: (index: number, logits: Float32Array, width: number) => void,
): Promise<void> {
  for (let from = 0; from < sequences.length; from += batchSize) {
    const batch = sequences.slice(from, from + batchSize);
    const length = Math.max(...batch.map((s) => s.length)) + template.prefix.length + template.suffix.length;
    const ids = new BigInt64Array(batch.length * length).fill(BigInt(template.padId));
    const mask = new BigInt64Array(batch.length * length);
    batch.forEach((sequence, b) => {
      const row = [...template.prefix, ...sequence, ...template.suffix];
      row.forEach((id, t) => {
        ids[b * length + t] = BigInt(id);
        mask[b * length + t] = 1n;
      });
    });
    const dims = [batch.length, length];
    const { logits } = await model.run({
      input_ids: model.int64Tensor(ids, dims),
      attention_mask: model.int64Tensor(mask, dims),
      token_type_ids: model.int64Tensor(new BigInt64Array(ids.length), dims),
    });
    const width = logits.dims[2]!;
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
