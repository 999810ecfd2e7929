import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { packedBytes } from '../../src/document/packed-text.js';
import { Utf8Text } from '../../src/document/utf8-text.js';
import { processDocuments, type ProcessedDocument } from '../../src/pipeline/processor.js';
import { windowsOf } from '../../src/pipeline/windows.js';
import { packText } from '../../src/pipeline/wire.js';
import { ArticleChecked, type Article } from '../../src/schema/article.js';
import { defaultPipeline, makeDocument } from '../helpers/documents.js';

const PARAGRAPHS = [
  'Tomas Veller, the mayor of Kelvane, said on Monday that the city would open the new dam in May.',
  '“We stand with the farmers of the valley,” Oruba Tesfanet, the head of the Kelvane Water Authority, told reporters.',
  'Hamas threatened to attack Israel again, the Israeli army said in a statement.',
  'Ilse Marrow, a hydrologist at the University of Kelvane, said the reservoir would take two years to fill.',
];

/** The article's bytes; a spooled one is read and its spool folder removed, as the runner would. */
function contentOf(result: ProcessedDocument | undefined): string {
  if (!result?.ok) throw new Error(`not processed: ${JSON.stringify(result)}`);
  if (typeof result.content === 'string') return result.content;
  const text = readFileSync(result.content.spooled, 'utf8');
  rmSync(dirname(result.content.spooled), { recursive: true });
  return text;
}

function article(result: ProcessedDocument | undefined): Article {
  return ArticleChecked.parse(JSON.parse(contentOf(result)));
}

describe('windows over long documents', () => {
  it('cut at paragraph breaks, cover the text once, and read some earlier text as context', () => {
    const text = PARAGRAPHS.join('\n\n').repeat(3);
    const windows = windowsOf(text, { size: 400, overlap: 150 });
    expect(windows.length).toBeGreaterThan(2);
    expect(windows[0]!.start).toBe(0);
    expect(windows.at(-1)!.end).toBe(text.length);
    windows.forEach((w, i) => {
      if (i > 0) expect(w.start).toBe(windows[i - 1]!.end);
      if (w.end < text.length) expect(text.slice(w.end - 2, w.end)).toMatch(/\n\n$|\n$/);
      expect(w.contextStart).toBeLessThanOrEqual(w.start);
      if (i > 0) expect(w.start - w.contextStart).toBeGreaterThanOrEqual(150);
      // A paragraph start, or a word start when that paragraph reaches far back.
      expect(w.contextStart === 0 || /\n\n$| $/.test(text.slice(w.contextStart - 2, w.contextStart))).toBe(true);
    });
  });

  it('cut a text with no paragraph break at a line break, or after a space, and never read back to its start', () => {
    const oneLine = 'Tomas Veller said the dam would open. '.repeat(200);
    const windows = windowsOf(oneLine, { size: 1_000, overlap: 200 });
    expect(windows.length).toBeGreaterThan(5);
    for (const w of windows.slice(1)) {
      expect(oneLine[w.start - 1]).toBe(' ');
      expect(w.start - w.contextStart).toBeGreaterThanOrEqual(200);
      expect(w.start - w.contextStart).toBeLessThan(300);
    }
  });

  it('give the same article as one pass when each paragraph stands on its own', async () => {
    const text = Array.from({ length: 6 }, () => PARAGRAPHS.join('\n\n')).join('\n\n') + '\n';
    const [whole] = await processDocuments(defaultPipeline(), [makeDocument(text)]);
    const [windowed] = await processDocuments(defaultPipeline(), [makeDocument(text)], { size: 700, overlap: 250 });
    expect(windowsOf(text, { size: 700, overlap: 250 }).length).toBeGreaterThanOrEqual(3);
    expect(article(whole).statements.length).toBeGreaterThan(10);
    // The windowed article is streamed to a file piece by piece; the bytes are still those of the one-pass string.
    expect(windowed?.ok && typeof windowed.content).toBe('object');
    expect(contentOf(windowed)).toBe(contentOf(whole));
  });

  it('give the same article from a long text that came as bytes as from the string', async () => {
    const text = Array.from({ length: 4 }, () => PARAGRAPHS.join('\n\n')).join('\n\n') + ' 😀\n';
    const settings = { size: 400, overlap: 150 };
    const [fromString] = await processDocuments(defaultPipeline(), [makeDocument(text)], settings);
    const [fromBytes] = await processDocuments(defaultPipeline(), [packText(makeDocument(text), 10)], settings);
    expect(contentOf(fromBytes)).toBe(contentOf(fromString));
  });

  it('never decode a long text that came as bytes whole, not even to write it', async () => {
    const text = Array.from({ length: 200 }, () => PARAGRAPHS.join('\n\n')).join('\n\n') + '\n';
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    try {
      const [fromBytes] = await processDocuments(defaultPipeline(), [packText(makeDocument(text), 10)], { size: 20_000, overlap: 2_000 });
      expect(article(fromBytes).text).toBe(text);
      const longest = Math.max(...decode.mock.results.map((r) => (r.value as string).length));
      // The longest piece decoded is the writer's slice of the text (64 Ki characters), not the text.
      expect(text.length).toBeGreaterThan(80_000);
      expect(longest).toBeLessThan(text.length);
    } finally {
      decode.mockRestore();
    }
  });

  it('are the same over a text in bytes as over the string', () => {
    const paragraphs = PARAGRAPHS.join('\n\n');
    const texts = [
      paragraphs.repeat(5),
      `${paragraphs}\n \t\n\n${'😀 Veller '.repeat(300)}\n${paragraphs}`,
      'Tomas Veller said the dam would open. '.repeat(200),
      `${'x'.repeat(1_500)}\n\n${'y'.repeat(900)}`,
    ];
    for (const text of texts) {
      const bytes = new Utf8Text(packedBytes(new TextEncoder().encode(text)));
      for (const settings of [
        { size: 400, overlap: 150 },
        { size: 1_000, overlap: 200 },
      ]) {
        expect(windowsOf(bytes, settings)).toEqual(windowsOf(text, settings));
      }
    }
  });

  it('merge an actor named in several windows into one entity, with every mention in text order', async () => {
    const text = PARAGRAPHS.join('\n\n').repeat(1) + '\n\n' + PARAGRAPHS.join('\n\n') + '\n';
    const [windowed] = await processDocuments(defaultPipeline(), [makeDocument(text)], { size: 200, overlap: 100 });
    const result = article(windowed);
    const veller = result.entities.filter((e) => e.name === 'Tomas Veller');
    expect(veller).toHaveLength(1);
    expect(veller[0]!.mentions.map((m) => m.text)).toEqual(['Tomas Veller', 'Tomas Veller']);
    const starts = result.entities.map((e) => e.mentions[0]!.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('write a long article to a spool folder of its own and leave nothing behind when the runner has taken it', async () => {
    const text = Array.from({ length: 3 }, () => PARAGRAPHS.join('\n\n')).join('\n\n') + '\n';
    const [windowed] = await processDocuments(defaultPipeline(), [makeDocument(text)], { size: 300, overlap: 100 });
    if (!windowed?.ok || typeof windowed.content === 'string') throw new Error('expected a spooled article');
    const folder = dirname(windowed.content.spooled);
    expect(existsSync(folder)).toBe(true);
    article(windowed);
    expect(existsSync(folder)).toBe(false);
  });
});
