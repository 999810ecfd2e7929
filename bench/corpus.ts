import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/models/learned/perceptron.js';

/**
 * The bench corpus: documents recombined from the paragraphs of our own
 * sample articles (corpus/*.txt and *.md, which we wrote), drawn with a fixed
 * seed, with their figures redrawn, so that every document is a different mix
 * of real-looking news text. Deterministic: the same size gives the same bytes.
 */

function sampleParagraphs(root = 'corpus'): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(txt|md)$/.test(name)) files.push(path);
    }
  };
  walk(root);
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 80 && !p.startsWith('#') && !p.startsWith('---')),
  );
}

/** An endless stream of paragraphs, each with its digits redrawn. */
export function paragraphStream(seed = 1): () => string {
  const paragraphs = sampleParagraphs();
  const random = seededRandom(seed);
  return () => paragraphs[Math.floor(random() * paragraphs.length)]!.replace(/\d/g, () => String(Math.floor(random() * 10)));
}

/**
 * Texts of about `size` characters each (`varied`: anywhere from a quarter to
 * twice that, as articles are), `total` characters in all, cut at paragraph
 * ends from one stream: the same text whatever the size.
 */
export function documentsOfSize(size: number, total: number, varied = false): string[] {
  const next = paragraphStream(1);
  const sizes = seededRandom(2);
  const docs: string[] = [];
  let current: string[] = [];
  let length = 0;
  let written = 0;
  let target = size;
  while (written < total) {
    const paragraph = next();
    current.push(paragraph);
    length += paragraph.length + 2;
    written += paragraph.length + 2;
    if (length >= target) {
      target = varied ? Math.round(size * (0.25 + 1.75 * sizes())) : size;
      docs.push(current.join('\n\n') + '\n');
      current = [];
      length = 0;
    }
  }
  if (current.length > 0) docs.push(current.join('\n\n') + '\n');
  return docs;
}

/** Writes texts as `<dir>/<group>/<n>.txt`, a thousand to a folder, as a crawl would; returns the total bytes. */
export function writeCorpus(dir: string, texts: readonly string[]): number {
  let bytes = 0;
  texts.forEach((text, i) => {
    const folder = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${String(i).padStart(6, '0')}.txt`), text);
    bytes += Buffer.byteLength(text);
  });
  return bytes;
}
