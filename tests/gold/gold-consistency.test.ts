import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusTexts } from '../../src/evaluate/corpus-texts.js';
import { markupToGold, parseMarkup } from '../../src/evaluate/markup.js';
import { GoldSchema } from '../../src/schema/article.js';

function annotatedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? annotatedFiles(path) : name.endsWith('.txt') ? [path] : [];
  });
}

describe('sample corpus gold', async () => {
  const texts = await corpusTexts(['corpus']);
  const files = annotatedFiles('gold/annotated');

  it('has an annotated copy for every corpus document, and at least 12 documents', () => {
    const annotated = files.map((f) => relative('gold/annotated', f).replace(/\.txt$/, '')).sort();
    expect(annotated).toEqual([...texts.keys()].sort());
    expect(annotated.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files)('%s strips to the exact corpus text, and gold/<docId>.json is built from it', (file) => {
    const docId = relative('gold/annotated', file).replace(/\.txt$/, '');
    const parsed = parseMarkup(readFileSync(file, 'utf8'));
    expect(parsed.text).toBe(texts.get(docId));
    const committed = GoldSchema.parse(JSON.parse(readFileSync(join('gold', `${docId}.json`), 'utf8')));
    expect(committed).toEqual(GoldSchema.parse(markupToGold(docId, parsed)));
  });
});

describe('parseMarkup', () => {
  it('turns inline markup into offsets into the plain text', () => {
    const parsed = parseMarkup('<<threat @kh>>[[Kata’ib Hizballah|O:kh!]] ([[KH|O:kh]]) vowed to hit {{U.S.-led}} forces.<</>>');
    expect(parsed.text).toBe('Kata’ib Hizballah (KH) vowed to hit U.S.-led forces.');
    const gold = markupToGold('d', parsed);
    expect(gold.entities).toEqual([
      { type: 'ORGANIZATION', name: 'Kata’ib Hizballah', mentions: [{ start: 0, end: 17, text: 'Kata’ib Hizballah' }, { start: 19, end: 21, text: 'KH' }] },
    ]);
    expect(gold.statements).toEqual([{ label: 'threat', start: 0, end: parsed.text.length, speaker: 'Kata’ib Hizballah' }]);
    expect(gold.ignore).toEqual([{ start: 36, end: 44 }]);
  });

  it('reports malformed markup with its line', () => {
    expect(() => parseMarkup('ok\n[[Name|X:key]]')).toThrow(/line 2: bad mention spec/);
    expect(() => parseMarkup('<<claim @a>>never closed')).toThrow(/left open/);
    expect(() => markupToGold('d', parseMarkup('<<claim @nobody>>x<</>>'))).toThrow(/no entity key/);
  });
});
