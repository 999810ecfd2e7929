import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/main.js';
import { ArticleChecked, type Article } from '../../src/schema/article.js';
import { ManifestSchema, type Manifest } from '../../src/schema/manifest.js';
import { tempFolder, tinyNerModel, tinyNliModel } from '../helpers/tiny-models.js';

const manifestOf = (out: string): Manifest => ManifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
const articlesOf = (out: string): Article[] =>
  readdirSync(out, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
    .map((f) => ArticleChecked.parse(JSON.parse(readFileSync(join(out, f), 'utf8'))));

/** Runs the CLI and captures what it wrote to stderr. */
async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await run(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('stancemap extract with transformer models from local folders', () => {
  let ner: string;
  let nli: string;
  let out: string;
  let first: { code: number; stderr: string };
  beforeAll(async () => {
    ner = tinyNerModel();
    nli = tinyNliModel();
    out = tempFolder('stancemap-out-');
    first = await cli('extract', 'corpus', '--out', out, ...modelFlags('model-only'), '--offline', '--progress-interval', '600');
  });
  /** Both tiny models, the NER one under `nerPolicy`, the NLI one deciding every label. */
  const modelFlags = (nerPolicy: string) => ['--ner-model', ner, '--ner', nerPolicy, '--stance-model', nli, '--stance', 'model-only'];
  afterEach(() => vi.restoreAllMocks());

  it('runs the whole sample corpus and names the models on stderr', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/model ner:tiny-ner \(local\)/);
    expect(first.stderr).toMatch(/model statement-rules\+attribution-union\+nli:tiny-nli \(local\)/);
  });

  it('writes schema-valid articles whose mentions and statements say which model found them', () => {
    const articles = articlesOf(out);
    expect(articles.length).toBe(manifestOf(out).counts.written);
    const mentions = articles.flatMap((a) => a.entities.flatMap((e) => e.mentions));
    expect(mentions.length).toBeGreaterThan(0);
    expect(mentions.every((m) => m.source === 'model')).toBe(true);
    // The tiny model knows a few names, word by word; model-only finds nothing else.
    const known = ['hassan', 'nasrallah', 'hezbollah', 'hamas', 'beirut', 'gaza', 'strip'];
    expect(
      mentions.filter(
        (m) =>
          !m.text
            .toLowerCase()
            .split(' ')
            .every((w) => known.includes(w)),
      ),
    ).toEqual([]);
    const statements = articles.flatMap((a) => a.statements);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((s) => s.source === 'model' && s.rule?.startsWith('nli-model-only:'))).toBe(true);
  });

  it('lists each model with its version and file hashes in the manifest', () => {
    const models = manifestOf(out).models.filter((m) => m.kind === 'transformer');
    expect(models.map((m) => [m.name, m.version])).toEqual([
      ['ner:tiny-ner', 'local'],
      ['statement-rules+attribution-union+nli:tiny-nli', 'local'],
    ]);
    expect(models[0]!.resources).toMatchObject({ 'onnx/model.onnx': expect.stringMatching(/^[0-9a-f]{64}$/), policy: 'model-only' });
  });

  it('skips unchanged documents on a re-run, and redoes them all when the policy changes', async () => {
    const again = await cli('extract', 'corpus', '--out', out, ...modelFlags('model-only'), '--quiet');
    expect(again.code).toBe(0);
    expect(manifestOf(out).counts.unchanged).toBe(manifestOf(out).counts.read);
    await cli('extract', 'corpus', '--out', out, ...modelFlags('kb-first'), '--quiet');
    expect(manifestOf(out).counts.unchanged).toBe(0);
  });
});

describe('stancemap extract model errors', () => {
  it('fails before reading any document when offline and a hub model is not cached, naming the missing files', async () => {
    const out = tempFolder('stancemap-out-');
    const cache = tempFolder('stancemap-cache-');
    const result = await cli('extract', 'corpus', '--out', out, '--ner-model', 'Xenova/bert-base-NER', '--offline', '--model-cache', cache);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `E007 model not available: cache folder ${join(cache, 'Xenova/bert-base-NER')} (offline: downloading Xenova/bert-base-NER is not allowed) lacks config.json`,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('honours STANCEMAP_OFFLINE as --offline', async () => {
    vi.stubEnv('STANCEMAP_OFFLINE', '1');
    try {
      const result = await cli(
        'extract',
        'corpus',
        '--out',
        tempFolder(),
        '--stance-model',
        'some-org/nli-model',
        '--model-cache',
        tempFolder(),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/E007.*offline: downloading some-org\/nli-model is not allowed/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('fails with E007 before reading any document when --ner-model names an NLI model', async () => {
    const out = tempFolder('stancemap-out-');
    const result = await cli('extract', 'corpus/wire', '--out', out, '--ner-model', tinyNliModel(), '--quiet');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E007 model not available: .*BertForSequenceClassification model, not a token-classification model/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('says which of a model’s label types map to nothing', async () => {
    const model = tinyNerModel({ labels: ['O', 'B-PER', 'B-WEAPON'], pieces: { hassan: 'B-PER', hamas: 'B-WEAPON' } });
    const result = await cli('extract', 'corpus/wire', '--out', tempFolder(), '--ner-model', model, '--progress-interval', '600');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /note: ner:tiny-ner: label types WEAPON are not in the label map, so those mentions are dropped \(map them with --ner-labels\)/,
    );
  });

  it('rejects a policy without its model, and an unknown policy', async () => {
    expect((await cli('extract', 'corpus', '--out', tempFolder(), '--entities', 'kb,rules', '--ner', 'union')).stderr).toMatch(
      /E001 bad usage: --ner needs the tagger among --entities, or --ner-model/,
    );
    expect((await cli('extract', 'corpus', '--out', tempFolder(), '--ner-model', tinyNerModel(), '--ner', 'both')).stderr).toMatch(
      /expected one of union, kb-first, model-only; got "both"/,
    );
    expect((await cli('extract', 'corpus', '--out', tempFolder(), '--stance', 'union')).code).toBe(1);
  });
});
