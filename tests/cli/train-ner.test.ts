import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const FIXTURE = 'tests/fixtures/conll/tagger-train.conll';
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `stancemap-${prefix}-`));

describe('stancemap train ner', () => {
  it('trains from a CoNLL file and a gold folder, reports dev figures per epoch, is deterministic, and extract uses the model', async () => {
    const converted = temp('ner-gold');
    expect((await cli('convert', 'conll', FIXTURE, '--out', converted)).code).toBe(0);
    const models = temp('ner-model');
    const train = (out: string) =>
      cli(
        'train',
        'ner',
        '--conll',
        FIXTURE,
        '--gold',
        join(converted, 'gold'),
        '--corpus',
        join(converted, 'corpus'),
        '--dev',
        FIXTURE,
        '--epochs',
        '3',
        '--out',
        out,
      );
    const first = await train(join(models, 'a.gz'));
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/epoch 1\/3: tagger-train\.conll F1 \d+\.\d/);
    expect(first.stderr).toMatch(/epoch 3\/3: tagger-train\.conll F1 \d+\.\d \(LOC \d+\.\d, ORG \d+\.\d, PER \d+\.\d\)/);
    expect(first.stderr).toMatch(/training on 6 documents \(tagger-train\.conll: 3, gold: 3\)/);
    expect((await train(join(models, 'b.gz'))).code).toBe(0);
    expect(readFileSync(join(models, 'a.gz')).equals(readFileSync(join(models, 'b.gz')))).toBe(true);

    const out = temp('ner-extract');
    expect((await cli('extract', join(converted, 'corpus'), '--out', out, '--quiet', '--tagger-model', join(models, 'a.gz'))).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const resources = manifest.models.find((m: { name: string }) => m.name === 'ner-perceptron').resources;
    expect(resources['ner.model.gz']).toMatch(/^[0-9a-f]{64}$/);
    expect(resources['word-classes.tsv.gz']).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('cross-validates over the gold documents through the pipeline and writes the held-out articles', async () => {
    const converted = temp('ner-gold');
    expect((await cli('convert', 'conll', FIXTURE, '--out', converted)).code).toBe(0);
    const cvOut = temp('ner-cv');
    const result = await cli(
      'train',
      'ner',
      '--gold',
      join(converted, 'gold'),
      '--corpus',
      join(converted, 'corpus'),
      '--epochs',
      '2',
      '--folds',
      '3',
      '--cv-out',
      cvOut,
      '--out',
      join(temp('ner-model'), 'm.gz'),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/3-fold cross-validation over 3 gold documents/);
    expect(result.stdout).toMatch(/gold\s+\d+\.\d/);
    expect(readdirSync(cvOut).sort()).toEqual(['tagger-train-0000.json', 'tagger-train-0001.json', 'tagger-train-0002.json']);
  }, 120_000);

  it('says what is wrong with its arguments', async () => {
    expect((await cli('train', 'ner', '--out', join(temp('ner-model'), 'm.gz'))).stderr).toMatch(
      /give training data: --conll <file> or --gold <dir>/,
    );
    const missingDev = await cli(
      'train',
      'ner',
      '--conll',
      FIXTURE,
      '--dev',
      'no/such/file.conll',
      '--out',
      join(temp('ner-model'), 'm.gz'),
    );
    expect(missingDev.code).toBe(1);
    expect(missingDev.stderr).toMatch(/--dev no\/such\/file\.conll: no such file or folder/);
  });
});
