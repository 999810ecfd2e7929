import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyNerModel, writeTinyNliModel, type TinyNerSpec, type TinyNliSpec } from '../../tools/tiny-models/tiny-models.js';
import { TINY_NER_SPEC, TINY_NLI_SPEC } from '../../tools/tiny-models/tiny-specs.js';

export function tempFolder(prefix = 'stancemap-model-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The tiny NER model (TINY_NER_SPEC with overrides) in a fresh temp folder. */
export function tinyNerModel(overrides: Partial<TinyNerSpec> = {}): string {
  const dir = join(tempFolder(), 'tiny-ner');
  writeTinyNerModel(dir, { ...TINY_NER_SPEC, ...overrides });
  return dir;
}

export function tinyNliModel(overrides: Partial<TinyNliSpec> = {}): string {
  const dir = join(tempFolder(), 'tiny-nli');
  writeTinyNliModel(dir, { ...TINY_NLI_SPEC, ...overrides });
  return dir;
}
