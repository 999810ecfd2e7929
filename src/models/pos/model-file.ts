import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resourcePath } from '../../resources/paths.js';
import { FeatureIndex } from '../learned/feature-index.js';
import type { AveragedPerceptron, PerceptronData } from '../learned/perceptron.js';
import { loadWeightsOnce } from '../learned/shared-weights.js';

/** The embedded part-of-speech tagger, trained on CoNLL-2003 train (`npm run train:pos`). */
export const EMBEDDED_POS_MODEL = resourcePath('models', 'pos.model.gz');

const FORMAT = 'stancemap-pos/1';
/** Weights are stored as integers in thousandths. */
const SCALE = 1000;

/**
 * The model file: gzip of a header line (JSON: format, tags, how it was
 * trained) and one line per feature, "feature<TAB>tag:weight …", weights in
 * thousandths, those below `prune` left out (most of a perceptron's weights
 * are tiny, and dropping them keeps the file a few MB at no measurable cost).
 */
export function serializePosModel(model: AveragedPerceptron, header: Record<string, unknown>, prune: number): Buffer {
  const json = model.toJSON(prune);
  const lines = [JSON.stringify({ format: FORMAT, tags: json.classes, ...header })];
  for (const [feature, row] of Object.entries(json.weights)) {
    const cells: string[] = [];
    row.forEach((w, c) => {
      if (Math.abs(w) >= prune && Math.round(w * SCALE) !== 0) cells.push(`${c}:${Math.round(w * SCALE)}`);
    });
    if (cells.length > 0) lines.push(`${feature}\t${cells.join(' ')}`);
  }
  return gzipSync(lines.join('\n') + '\n', { level: 9 });
}

/** The file's weights straight into the flat shared table a loaded perceptron scores with (no per-feature arrays on the way). */
function parsePosModel(bytes: Buffer): { data: PerceptronData; header: Record<string, unknown> } {
  const lines = gunzipSync(bytes).toString('utf8').split('\n');
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  if (header.format !== FORMAT) throw new Error(`not a stancemap POS model (format ${String(header.format)})`);
  const classes = header.tags as string[];
  const rows = lines.slice(1).filter((line) => line !== '');
  const width = classes.length;
  const table = new Float64Array(new SharedArrayBuffer(Math.max(1, rows.length * width) * Float64Array.BYTES_PER_ELEMENT));
  const features = rows.map((line, r) => {
    const tab = line.lastIndexOf('\t');
    for (const cell of line.slice(tab + 1).split(' ')) {
      const colon = cell.indexOf(':');
      table[r * width + Number(cell.slice(0, colon))] = Number(cell.slice(colon + 1)) / SCALE;
    }
    return line.slice(0, tab);
  });
  return { data: { classes, index: FeatureIndex.build(features).data, table }, header };
}

/** What a POS model file holds once read: its weights (in shared memory), header and SHA-256. */
export interface PosModelFile {
  data: PerceptronData;
  header: Record<string, unknown>;
  sha256: string;
}

/** A POS model file, read once per process (shared-weights.ts). */
export function loadPosModelFile(path: string = EMBEDDED_POS_MODEL): PosModelFile {
  return loadWeightsOnce('pos', path, () => {
    const bytes = readFileSync(path);
    const { data, header } = parsePosModel(bytes);
    return { data, header, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}
