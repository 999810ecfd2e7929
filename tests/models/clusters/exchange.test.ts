import { describe, expect, it } from 'vitest';
import { clusterWords } from '../../../src/models/clusters/exchange.js';
import { loadWordClasses, serializeWordClasses, wordClassKey } from '../../../src/models/clusters/word-classes.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Two families of words that never share a context: groups that "said" or
 * "fired" things, and weekdays that come after "on" and before a full stop.
 * Every sentence is built from these frames, so the classes are known.
 */
const GROUPS = ['Hamas', 'Hezbollah', 'Fatah', 'Amal'];
const DAYS = ['Monday', 'Tuesday', 'Friday', 'Sunday'];
const VERBS = ['said', 'fired', 'warned'];

function corpus(): string[][] {
  const sentences: string[][] = [];
  for (const g of GROUPS)
    for (const d of DAYS)
      for (const v of VERBS) {
        sentences.push([g, v, 'on', d, '.']);
        sentences.push(['the', 'leader', 'of', g, v, 'it', '.']);
      }
  return sentences;
}

const classOf = (result: ReturnType<typeof clusterWords>, word: string) => result.classOf[result.words.indexOf(word)];

describe('exchange clustering', () => {
  it('puts words of the same contexts in one class and words of other contexts apart', () => {
    const result = clusterWords(corpus(), { classes: 4, minCount: 1, iterations: 8 });
    const groupClasses = new Set(GROUPS.map((w) => classOf(result, w)));
    const dayClasses = new Set(DAYS.map((w) => classOf(result, w)));
    expect(groupClasses.size).toBe(1);
    expect(dayClasses.size).toBe(1);
    expect([...groupClasses][0]).not.toBe([...dayClasses][0]);
  });

  it('without a pass the words stay dealt round the classes by frequency', () => {
    const result = clusterWords(corpus(), { classes: 4, minCount: 1, iterations: 0 });
    expect(new Set(GROUPS.map((w) => classOf(result, w))).size).toBeGreaterThan(1);
  });

  it('is deterministic and leaves rare words out', () => {
    const sentences = [...corpus(), ['a', 'hapax', 'here']];
    const first = clusterWords(sentences, { classes: 4, minCount: 2, iterations: 5 });
    const second = clusterWords(sentences, { classes: 4, minCount: 2, iterations: 5 });
    expect(first.words).toEqual(second.words);
    expect([...first.classOf]).toEqual([...second.classOf]);
    expect(first.words).not.toContain('hapax');
    expect(first.words[0]).toBe('.');
  });
});

describe('word-class file', () => {
  it('round-trips and folds digits', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wc-')), 'classes.tsv.gz');
    const classes = clusterWords(corpus(), { classes: 4, minCount: 1, iterations: 4 });
    writeFileSync(path, serializeWordClasses(classes, { trainedOn: 'fixture' }));
    const file = loadWordClasses(path);
    expect(file.header.trainedOn).toBe('fixture');
    expect(file.classes.get('Hamas')).toBe(String(classOf(classes, 'Hamas')));
    expect(file.classes.size).toBe(classes.words.length);
    expect(wordClassKey('2024')).toBe('0000');
    expect(wordClassKey('F-16s')).toBe('F-00s');
  });

  it('a file of another kind is refused', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wc-')), 'other.tsv.gz');
    writeFileSync(path, gzipSync('{"format":"stancemap-pos/1"}\nsaid\t1\n'));
    expect(() => loadWordClasses(path)).toThrow();
  });
});
