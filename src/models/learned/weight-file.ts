import { gunzipSync, gzipSync } from 'node:zlib';

/** Weights are stored as integers in thousandths. */
const SCALE = 1000;

/** A weight table's element type, made over shared memory so that worker threads read one copy. */
type SharedTable<T> = new (buffer: SharedArrayBuffer) => T;

/**
 * Our taggers' model file: gzip of a header line (JSON: format, tags, how it
 * was trained) and one line per feature, "feature<TAB>tag:weight …", weights
 * in thousandths, zeros and those below `minimum` left out (most of a
 * perceptron's weights are tiny; dropping them keeps the file a few MB).
 * `rows` come in the order the file lists them.
 */
export function writeWeightFile(
  header: { format: string; tags: readonly string[] } & Record<string, unknown>,
  rows: Iterable<readonly [string, ArrayLike<number>]>,
  minimum = 0,
): Buffer {
  const lines = [JSON.stringify(header)];
  for (const [feature, row] of rows) {
    const cells: string[] = [];
    for (let c = 0; c < row.length; c++) {
      const w = Math.round(row[c]! * SCALE);
      if (w !== 0 && Math.abs(row[c]!) >= minimum) cells.push(`${c}:${w}`);
    }
    if (cells.length > 0) lines.push(`${feature}\t${cells.join(' ')}`);
  }
  return gzipSync(lines.join('\n') + '\n', { level: 9 });
}

/** A model file read back: its header, its features in file order, and their weights, one row of `tags.length` per feature. */
export interface WeightFile<T> {
  header: Record<string, unknown>;
  tags: string[];
  features: string[];
  table: T;
}

/** Reads a file `writeWeightFile` wrote, checking its format, the weights straight into one flat table in shared memory. */
export function readWeightFile<T extends Float32Array | Float64Array>(bytes: Buffer, format: string, Table: SharedTable<T>): WeightFile<T> {
  const lines = gunzipSync(bytes).toString('utf8').split('\n');
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  if (header.format !== format) throw new Error(`not a ${format} model (format ${String(header.format)})`);
  const tags = header.tags as string[];
  const rows = lines.slice(1).filter((line) => line !== '');
  const bytesPerElement = (Table as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const table = new Table(new SharedArrayBuffer(Math.max(1, rows.length * tags.length) * bytesPerElement));
  const features = rows.map((line, r) => {
    const tab = line.lastIndexOf('\t');
    for (const cell of line.slice(tab + 1).split(' ')) {
      const colon = cell.indexOf(':');
      table[r * tags.length + Number(cell.slice(0, colon))] = Number(cell.slice(colon + 1)) / SCALE;
    }
    return line.slice(0, tab);
  });
  return { header, tags, features, table };
}
