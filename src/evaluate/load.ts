import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { FatalError } from '../errors.js';
import { ArticleChecked, GoldSchema, type Article, type Gold } from '../schema/article.js';
import type { EvaluationPair } from './scorer.js';

async function* jsonFiles(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) yield* jsonFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.json') && entry.name !== 'manifest.json') yield path;
  }
}

async function readValidated<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new FatalError('E005', `${path}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FatalError('E005', `${path}: field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
  }
  return parsed.data;
}

/** Every gold file under `dir`, validated, in a stable order. */
export async function loadGold(dir: string): Promise<Gold[]> {
  if (!existsSync(dir)) throw new FatalError('E002', dir);
  const golds: Gold[] = [];
  for await (const path of jsonFiles(dir)) golds.push(await readValidated(path, GoldSchema));
  if (golds.length === 0) throw new FatalError('E005', `${dir}: no gold files (*.json) found`);
  return golds;
}

/**
 * Pairs every gold file under `goldDir` with `<predDir>/<docId>.json`; a
 * missing prediction is scored as empty. Both sides are validated, and a
 * malformed file stops the evaluation with its path and field.
 */
export async function loadPairs(goldDir: string, predDir: string): Promise<EvaluationPair[]> {
  for (const dir of [goldDir, predDir]) if (!existsSync(dir)) throw new FatalError('E002', dir);
  const pairs: EvaluationPair[] = [];
  for await (const path of jsonFiles(goldDir)) {
    const gold: Gold = await readValidated(path, GoldSchema);
    const expectedId = relative(goldDir, path).replace(/\.json$/, '');
    if (gold.docId !== expectedId) throw new FatalError('E005', `${path}: field "docId": is "${gold.docId}", the file's path says "${expectedId}"`);
    const predPath = join(predDir, `${gold.docId}.json`);
    const pred: Article | null = existsSync(predPath) ? await readValidated(predPath, ArticleChecked) : null;
    pairs.push({ docId: gold.docId, gold, pred });
  }
  if (pairs.length === 0) throw new FatalError('E005', `${goldDir}: no gold files (*.json) found`);
  return pairs;
}
