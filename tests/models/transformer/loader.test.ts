import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultCacheDir, loadModel, modelFolder, offlineFromEnv, parseModelSource } from '../../../src/models/transformer/loader.js';
import { TransformerNerRecognizer } from '../../../src/models/transformer/ner.js';
import { segmented } from '../../helpers/documents.js';
import { tempFolder, tinyNerModel, tinyNliModel } from '../../helpers/tiny-models.js';

describe('parseModelSource', () => {
  it('reads an existing folder as a local model and owner/name[@revision] as a hub id', () => {
    const dir = tinyNerModel();
    expect(parseModelSource(dir)).toEqual({ kind: 'local', dir });
    expect(parseModelSource('Xenova/bert-base-NER')).toEqual({ kind: 'hub', id: 'Xenova/bert-base-NER', revision: 'main' });
    expect(parseModelSource('Xenova/bert-base-NER@1a2b3c')).toEqual({ kind: 'hub', id: 'Xenova/bert-base-NER', revision: '1a2b3c' });
  });

  it('reports a path that is not there instead of asking the hub for it', () => {
    expect(() => parseModelSource('./models/missing-ner')).toThrow(
      /E007 model not available: model folder .*models\/missing-ner not found/,
    );
    expect(() => parseModelSource('/nowhere/at/all')).toThrow(/E007.*\/nowhere\/at\/all not found/);
  });
});

describe('offline and cache settings', () => {
  it('is offline when STANCEMAP_OFFLINE or Hugging Face’s own variables say so', () => {
    expect(offlineFromEnv({})).toBe(false);
    expect(offlineFromEnv({ STANCEMAP_OFFLINE: '1' })).toBe(true);
    expect(offlineFromEnv({ HF_HUB_OFFLINE: 'true' })).toBe(true);
    expect(offlineFromEnv({ STANCEMAP_OFFLINE: '0' })).toBe(false);
  });

  it('keeps hub downloads in a stancemap cache folder, which the environment can move', () => {
    expect(defaultCacheDir({ HOME: '/home/u', XDG_CACHE_HOME: '/var/cache/u' })).toBe('/var/cache/u/stancemap/models');
    expect(defaultCacheDir({ STANCEMAP_MODEL_CACHE: '/models' })).toBe('/models');
    expect(modelFolder({ kind: 'hub', id: 'a/b', revision: 'main' }, '/c')).toBe('/c/a/b');
    expect(modelFolder({ kind: 'hub', id: 'a/b', revision: 'v2' }, '/c')).toBe('/c/a/b/v2');
  });
});

describe('loadModel', () => {
  it('names every missing file of a local folder', async () => {
    const dir = tinyNerModel();
    rmSync(join(dir, 'tokenizer.json'));
    rmSync(join(dir, 'onnx'), { recursive: true });
    await expect(loadModel(dir, 'token-classification')).rejects.toThrow(
      new RegExp(`E007 model not available: model folder ${dir} lacks tokenizer\\.json, onnx/model_quantized\\.onnx or onnx/model\\.onnx$`),
    );
  });

  it('offline, refuses a hub id that is not in the cache and says where it looked', async () => {
    const cacheDir = tempFolder('stancemap-cache-');
    await expect(loadModel('Xenova/bert-base-NER', 'token-classification', { offline: true, cacheDir })).rejects.toThrow(
      `E007 model not available: cache folder ${join(cacheDir, 'Xenova/bert-base-NER')} (offline: downloading Xenova/bert-base-NER is not allowed) lacks config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx or onnx/model.onnx`,
    );
  });

  it('offline, loads a hub id already in the cache, with its revision in the model info', async () => {
    const cacheDir = tempFolder('stancemap-cache-');
    mkdirSync(join(cacheDir, 'tiny-org'), { recursive: true });
    cpSync(tinyNerModel(), join(cacheDir, 'tiny-org', 'tiny-ner'), { recursive: true });
    const recognizer = await TransformerNerRecognizer.load('tiny-org/tiny-ner', { offline: true, cacheDir });
    expect(recognizer.info).toMatchObject({ name: 'ner:tiny-org/tiny-ner', version: 'main', kind: 'transformer' });
    const doc = segmented('They met in Beirut.');
    const [candidates] = await recognizer.recognize([doc]);
    expect(candidates!.map((c) => doc.text.slice(c.start, c.end))).toEqual(['Beirut']);
  });

  it('rejects a token-classification folder as a stance model and vice versa', async () => {
    const { NliStatementExtractor } = await import('../../../src/models/transformer/nli.js');
    const ner = tinyNerModel();
    await expect(NliStatementExtractor.prepare(ner, { offline: true })).rejects.toThrow(
      /E007 .*tiny-ner is a BertForTokenClassification model, not a sequence-classification model \(…ForSequenceClassification\); an entity tagger belongs in --ner-model/,
    );
    const config = JSON.parse(readFileSync(join(ner, 'config.json'), 'utf8')) as Record<string, unknown>;
    delete config.architectures;
    writeFileSync(join(ner, 'config.json'), JSON.stringify(config));
    await expect(NliStatementExtractor.prepare(ner, { offline: true })).rejects.toThrow(
      /E007.*not an NLI model \(config\.json labels O, B-PER/,
    );
  });

  it('refuses an NLI model as an entity tagger, by its architecture or, without one, by its labels', async () => {
    const nli = tinyNliModel();
    await expect(TransformerNerRecognizer.load(nli, { offline: true })).rejects.toThrow(
      /E007 model not available: .*tiny-nli is a BertForSequenceClassification model, not a token-classification model \(…ForTokenClassification\); an NLI or text classifier belongs in --stance-model/,
    );
    const config = JSON.parse(readFileSync(join(nli, 'config.json'), 'utf8')) as Record<string, unknown>;
    delete config.architectures;
    writeFileSync(join(nli, 'config.json'), JSON.stringify(config));
    await expect(TransformerNerRecognizer.load(nli, { offline: true })).rejects.toThrow(
      /E007 .*tiny-nli has the labels of an NLI model \(.*entailment.*\), not entity tags/,
    );
  });

  it('hashes the files it loaded, so a changed model changes the pipeline fingerprint', async () => {
    const a = await loadModel(tinyNerModel(), 'token-classification', { offline: true });
    const b = await loadModel(tinyNerModel({ pieces: { beirut: 'B-ORG' } }), 'token-classification', { offline: true });
    expect(a.info.resources!['onnx/model.onnx']).toMatch(/^[0-9a-f]{64}$/);
    expect(a.info.resources!['onnx/model.onnx']).not.toBe(b.info.resources!['onnx/model.onnx']);
  });
});

describe('downloading a hub id once into the cache', () => {
  it('fetches the files from the hub (here a local mirror via HF_ENDPOINT), then loads them offline from the cache', async () => {
    const { createServer } = await import('node:http');
    const { readFileSync, existsSync } = await import('node:fs');
    const served = tinyNerModel();
    const requests: string[] = [];
    // Serves <id>/resolve/<revision>/<file> the way the hub does; the quantized name gets the same model.
    const server = createServer((request, response) => {
      requests.push(request.url!);
      const match = /^\/tiny-org\/tiny-ner\/resolve\/main\/(.+)$/.exec(request.url!);
      const file = match ? join(served, match[1]!.replace('model_quantized.onnx', 'model.onnx')) : '';
      if (!match || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const cacheDir = tempFolder('stancemap-cache-');
    vi.stubEnv('HF_ENDPOINT', `http://127.0.0.1:${port}`);
    try {
      const online = await TransformerNerRecognizer.load('tiny-org/tiny-ner', { cacheDir, offline: false });
      expect(requests.filter((r) => r.includes('/resolve/main/'))).toEqual(
        expect.arrayContaining([
          '/tiny-org/tiny-ner/resolve/main/config.json',
          '/tiny-org/tiny-ner/resolve/main/tokenizer.json',
          '/tiny-org/tiny-ner/resolve/main/onnx/model_quantized.onnx',
        ]),
      );
      expect(existsSync(join(cacheDir, 'tiny-org/tiny-ner/onnx/model_quantized.onnx'))).toBe(true);
      const before = requests.length;
      const offline = await TransformerNerRecognizer.load('tiny-org/tiny-ner', { cacheDir, offline: true });
      expect(requests.length).toBe(before);
      expect(offline.info.resources).toEqual(online.info.resources);
      const doc = segmented('Hamas met in Beirut.');
      expect(await offline.recognize([doc])).toEqual(await online.recognize([doc]));
    } finally {
      vi.unstubAllEnvs();
      server.close();
    }
  });
});
