import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWordClasses } from '../../src/models/clusters/word-classes.js';
import { cli } from '../helpers/cli.js';

const FIXTURE = 'tests/fixtures/conll/tagger-train.conll';
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `stancemap-${prefix}-`));

describe('stancemap train clusters', () => {
  it('learns word classes from a CoNLL file and a corpus folder, the same each time', async () => {
    const corpus = temp('clusters-corpus');
    writeFileSync(
      join(corpus, 'a.txt'),
      'Officials in Gaza said on Monday that talks would resume.\n\nOfficials in Cairo said on Friday that talks had stalled.\n',
    );
    const out = temp('clusters-out');
    const train = (file: string) =>
      cli('train', 'clusters', '--conll', FIXTURE, '--corpus', corpus, '--classes', '8', '--min-count', '2', '--out', join(out, file));
    const first = await train('a.tsv.gz');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/iteration 15\/15/);
    expect((await train('b.tsv.gz')).code).toBe(0);
    expect(readFileSync(join(out, 'a.tsv.gz')).equals(readFileSync(join(out, 'b.tsv.gz')))).toBe(true);
    const classes = loadWordClasses(join(out, 'a.tsv.gz'));
    expect(classes.header.classes).toBe(8);
    expect(classes.classes.get('Officials')).toBeDefined();
    expect(classes.classes.has('Gaza')).toBe(false);
  }, 60_000);

  it('refuses to run on no text', async () => {
    const empty = temp('clusters-empty');
    const result = await cli('train', 'clusters', '--corpus', empty, '--out', join(temp('clusters-out'), 'x.tsv.gz'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/no text/);
  });
});
