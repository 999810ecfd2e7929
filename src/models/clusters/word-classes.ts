import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resourcePath } from '../../resources/paths.js';
import type { WordClasses } from './exchange.js';

/** The embedded word classes, learned from unlabelled news text (`npm run train:clusters`). */
export const EMBEDDED_WORD_CLASSES = resourcePath('models', 'word-classes.tsv.gz');

const FORMAT = 'stancemap-word-classes/1';

/** How a token is looked up: as written, digits folded ("1996" and "2024" are one word to the classes). */
export const wordClassKey = (text: string): string => (/\p{N}/u.test(text) ? text.replace(/\p{N}/gu, '0') : text);

/** Gzip of a JSON header line, then one "word TAB class" line per word, most frequent first. */
export function serializeWordClasses(classes: WordClasses, header: Record<string, unknown>): Buffer {
  const lines = [JSON.stringify({ format: FORMAT, ...header }), ...classes.words.map((w, i) => `${w}\t${classes.classOf[i]}`)];
  return gzipSync(lines.join('\n') + '\n', { level: 9 });
}

/** Word → class name, with the file's header and SHA-256. */
export interface WordClassFile {
  classes: ReadonlyMap<string, string>;
  header: Record<string, unknown>;
  sha256: string;
}

function parseWordClasses(path: string): WordClassFile {
  const bytes = readFileSync(path);
  const lines = gunzipSync(bytes).toString('utf8').split('\n');
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  if (header.format !== FORMAT) throw new Error(`${path}: not a word-class file (format ${String(header.format)}, expected ${FORMAT})`);
  const classes = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const tab = line.indexOf('\t');
    if (tab > 0) classes.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return { classes, header, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const loaded = new Map<string, WordClassFile>();

/** A word-class file, read once per process and thread (a few hundred kilobytes: not worth sharing between threads). */
export function loadWordClasses(path: string = EMBEDDED_WORD_CLASSES): WordClassFile {
  let file = loaded.get(path);
  if (!file) loaded.set(path, (file = parseWordClasses(path)));
  return file;
}
