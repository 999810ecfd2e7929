import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeGold, spanOf } from '../helpers/articles.js';
import { cli } from '../helpers/cli.js';
import { temp } from '../helpers/output.js';

/** Training runs for minutes on real data: each command must say on stderr how far it has got, phase by phase. */
describe('train progress on stderr', () => {
  it('train attribution: documents, training examples, then each perceptron’s epochs', async () => {
    const converted = temp('polnear');
    expect((await cli('convert', 'polnear', 'tests/fixtures/polnear', '--out', converted)).code).toBe(0);
    const { code, stderr } = await cli(
      'train',
      'attribution',
      '--polnear',
      converted,
      '--out',
      join(temp('model'), 'a.json'),
      '--epochs',
      '3',
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/stancemap: rules over documents: 2\/2 \(\d+ s\)/);
    expect(stderr).toMatch(/stancemap: training examples from documents: 2\/2 \(\d+ s\)/);
    expect(stderr).toMatch(/stancemap: sentence detector epochs \(\d+ sentences\): 3\/3/);
    expect(stderr).toMatch(/stancemap: source tagger epochs \(\d+ tokens\): 3\/3/);
  });

  it('train ner: documents prepared per set, featurised, and gone through in each epoch', async () => {
    const fixture = 'tests/fixtures/conll/tagger-train.conll';
    const { code, stderr } = await cli('train', 'ner', '--conll', fixture, '--epochs', '2', '--out', join(temp('model'), 'n.gz'));
    expect(code).toBe(0);
    expect(stderr).toMatch(/stancemap: preparing tagger-train\.conll: 3\/3/);
    expect(stderr).toMatch(/stancemap: document features: 3\/3/);
    expect(stderr).toMatch(/stancemap: epoch 1\/2 documents: 3\/3/);
    expect(stderr).toMatch(/stancemap: epoch 2\/2 documents: 3\/3/);
  });

  it('train stance: statements featurised, the fit, and each cross-validation fold', async () => {
    const root = temp('stance');
    mkdirSync(join(root, 'corpus'));
    mkdirSync(join(root, 'gold'));
    const texts: Record<string, string> = {
      quay: 'The harbour master praised the dock workers. The union warned it would strike on Monday.',
      mill: 'The mayor thanked the volunteers. The owners threatened to close the mill.',
    };
    for (const [id, text] of Object.entries(texts)) {
      writeFileSync(join(root, 'corpus', `${id}.txt`), text);
      const [first, second] = text.split('. ');
      const statements = [
        { ...spanOf(text, `${first}.`), label: 'support' as const, speaker: null },
        { ...spanOf(text, second!), label: 'threat' as const, speaker: null },
      ];
      writeFileSync(join(root, 'gold', `${id}.json`), JSON.stringify(makeGold(id, { statements })));
    }
    const args = ['--gold', join(root, 'gold'), '--corpus', join(root, 'corpus'), '--out', join(root, 's.json'), '--folds', '2'];
    const { code, stderr } = await cli('train', 'stance', ...args);
    expect(code).toBe(0);
    expect(stderr).toMatch(/stancemap: read 2 gold documents and 2 texts/);
    expect(stderr).toMatch(/stancemap: statement features: 4\/4/);
    expect(stderr).toMatch(/stancemap: fitting the logistic regression: 1\/1/);
    expect(stderr).toMatch(/stancemap: cross-validation folds: 2\/2/);
  });
});
