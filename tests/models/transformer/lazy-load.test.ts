import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadModel } from '../../../src/models/transformer/loader.js';
import { cli } from '../../helpers/cli.js';
import { tempFolder, tinyNerModel } from '../../helpers/tiny-models.js';

/**
 * @xenova/transformers (with onnxruntime-node and sharp) loads only when a
 * transformer model is asked for. Any import of it in this test's module
 * graph, static or dynamic, goes through this mock, which counts it.
 * (tests/architecture/imports.test.ts checks the sources: only the loader
 * names the package, and only in a dynamic import.)
 */
const library = vi.hoisted(() => ({ imports: 0 }));
vi.mock('@xenova/transformers', () => {
  library.imports++;
  const fail = { from_pretrained: () => Promise.reject(new Error('the mocked library loads no model')) };
  return { env: {}, AutoTokenizer: fail, AutoModelForTokenClassification: fail, AutoModelForSequenceClassification: fail };
});

describe('@xenova/transformers', () => {
  // Loads the embedded models: slow on a busy machine.
  it('is not imported by a default extract run', { timeout: 180_000 }, async () => {
    const input = tempFolder('stancemap-lazy-in-');
    mkdirSync(input, { recursive: true });
    writeFileSync(
      join(input, 'article.txt'),
      'Hezbollah leader Hassan Nasrallah said on Monday that the group supports the ceasefire in Gaza.\n',
    );
    const out = tempFolder('stancemap-lazy-out-');
    const result = await cli('extract', input, '--out', out, '--quiet');
    expect(result.code).toBe(0);
    expect(readdirSync(out)).toContain('manifest.json');
    expect(library.imports).toBe(0);
  });

  it('is imported once a transformer model is loaded (so the check above can see an import)', async () => {
    await expect(loadModel(tinyNerModel(), 'token-classification')).rejects.toThrow(/E007 .*the mocked library loads no model/);
    expect(library.imports).toBe(1);
  });
});
