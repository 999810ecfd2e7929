import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { FatalError } from '../../../src/errors.js';
import { StanceClassifier } from '../../../src/models/statements/learned.js';
import { RuleStatementExtractor } from '../../../src/models/statements/rule-extractor.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';

const rules = new RuleStatementExtractor(loadLexicons());
const examples = [
  { text: 'The group vowed to strike American bases again.', label: 'threat' as const },
  { text: '“We will attack them wherever they are,” the commander said.', label: 'threat' as const },
  { text: 'Hezbollah threatened to hit Haifa.', label: 'threat' as const },
  { text: 'Hamas praised the heroic fighters.', label: 'support' as const },
  { text: 'Iran congratulated the resistance on its victory.', label: 'support' as const },
  { text: 'The minister expressed solidarity with Gaza.', label: 'support' as const },
  { text: 'The ministry said three people were killed.', label: 'claim' as const },
  { text: 'The militia claimed responsibility for two drone attacks.', label: 'claim' as const },
  { text: 'Officials reported that the base was hit.', label: 'claim' as const },
];

describe('StanceClassifier', () => {
  const model = StanceClassifier.train(examples, 3, rules);

  it('learns labels from gold statements', () => {
    expect(model.classify('The militia vowed to attack the base.').label).toBe('threat');
    expect(model.classify('The leader praised the fighters for their victory.').label).toBe('support');
    expect(model.classify('The ministry said two were killed.').label).toBe('claim');
    const { confidence } = model.classify('The militia vowed to attack the base.');
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThanOrEqual(1);
  });

  it('saves and loads to the same decisions, and rejects a file that is not a model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancemap-model-'));
    const file = join(dir, 'stance.json');
    writeFileSync(file, JSON.stringify(model.toJSON()));
    const { model: loaded, sha256 } = StanceClassifier.load(file, rules);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const { text } of examples) expect(loaded.classify(text)).toEqual(model.classify(text));
    writeFileSync(join(dir, 'bad.json'), '{"format":"something-else"}');
    expect(() => StanceClassifier.load(join(dir, 'bad.json'), rules)).toThrow(FatalError);
  });

  it('refuses to train on a single label', () => {
    expect(() =>
      StanceClassifier.train(
        examples.filter((e) => e.label === 'claim'),
        1,
        rules,
      ),
    ).toThrow(/at least two labels/);
  });
});

describe('stancemap train stance', () => {
  it('trains from gold and corpus, compares with the rules by folds, and the model is used by extract', async () => {
    const root = mkdtempSync(join(tmpdir(), 'stancemap-train-'));
    const docs = ['home/houthi-red-sea', 'home/qaani-baghdad-visit', 'home/hamas-statement-roundup', 'general/climate-summit-brief'];
    for (const docId of docs) {
      const ext = existsSync(`corpus/${docId}.txt`) ? 'txt' : 'md';
      mkdirSync(dirname(join(root, 'corpus', docId)), { recursive: true });
      mkdirSync(dirname(join(root, 'gold', docId)), { recursive: true });
      cpSync(`corpus/${docId}.${ext}`, join(root, 'corpus', `${docId}.${ext}`));
      cpSync(`gold/${docId}.json`, join(root, 'gold', `${docId}.json`));
    }
    const model = join(root, 'stance.json');
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await run(['train', 'stance', '--gold', join(root, 'gold'), '--corpus', join(root, 'corpus'), '--out', model, '--folds', '2']);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(model, 'utf8'))).toMatchObject({ format: 'stancemap-stance-model-v1', trainedOn: { documents: 4 } });
    const report = lines.join('');
    expect(report).toMatch(/2-fold cross-validation over 4 documents/);
    expect(report).toMatch(/rules\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+/);
    expect(report).toMatch(/learned \(logistic regression\)\s+[\d.]+/);

    const out = join(root, 'out');
    expect(await run(['extract', join(root, 'corpus'), '--out', out, '--quiet', '--stance-model', model])).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { models: Array<{ name: string; kind: string }> };
    expect(manifest.models.at(-1)).toMatchObject({ name: 'statement-rules+stance-lr', kind: 'statistical' });
    const article = JSON.parse(readFileSync(join(out, 'home/houthi-red-sea.json'), 'utf8')) as {
      statements: Array<{ source: string; rule: string }>;
    };
    expect(article.statements.every((s) => s.source === 'model' && s.rule.startsWith('lr:'))).toBe(true);
  });
});
