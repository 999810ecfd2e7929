import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { FatalError } from '../errors.js';
import { GoldSchema, type Gold } from '../schema/article.js';
import { jsonDocIds, readJsonFile } from './files.js';
import { isObject, type Prediction } from './prediction.js';
import { EMPTY_COUNTS, type DocumentCounts, type EvaluationPair } from './scorer.js';

const withoutManifest = (ids: string[]) => ids.filter((id) => id !== 'manifest');

function readValidated<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = readJsonFile(path);
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
  for (const id of withoutManifest(jsonDocIds(dir, { skipHidden: true }))) golds.push(readValidated(join(dir, `${id}.json`), GoldSchema));
  if (golds.length === 0) throw new FatalError('E005', `${dir}: no gold files (*.json) found`);
  return golds;
}

/**
 * Finds the prediction of a gold document: `<pred>/<docId>.json`, where the
 * docId is the gold file's path under the gold root; failing that, the one
 * prediction file anywhere under `<pred>` with the same file name (so
 * `--gold gold/heldout` finds `<pred>/heldout/x.json`). Two or more files of
 * that name are ambiguous and match nothing, and no file is matched twice.
 */
class PredictionIndex {
  private readonly byName = new Map<string, string[]>();
  private readonly all: Set<string>;
  readonly used = new Set<string>();

  /** `goldIds`: files that some gold document will find by path are never another's match by name. */
  constructor(
    readonly ids: readonly string[],
    private readonly goldIds: ReadonlySet<string>,
  ) {
    this.all = new Set(ids);
    for (const id of ids) {
      const name = basename(id);
      this.byName.set(name, [...(this.byName.get(name) ?? []), id]);
    }
  }

  find(docId: string): { id: string; how: 'path' | 'name' } | null {
    if (this.all.has(docId)) return { id: docId, how: 'path' };
    const candidates = (this.byName.get(basename(docId)) ?? []).filter((id) => !this.goldIds.has(id) && !this.used.has(id));
    return candidates.length === 1 ? { id: candidates[0]!, how: 'name' } : null;
  }
}

/** Reads one prediction leniently: unreadable JSON or a non-object is scored as empty, with a warning. */
function readPrediction(path: string, docId: string, how: 'path' | 'name', warnings: string[]): Prediction | null {
  let json: unknown;
  try {
    json = readJsonFile(path);
    if (!isObject(json)) throw new Error('not a JSON object');
  } catch (error) {
    warnings.push(`${docId}: prediction unreadable (${(error as Error).message}); scored as empty`);
    return null;
  }
  if (how === 'path' && json.docId !== undefined && json.docId !== docId)
    warnings.push(`${docId}: prediction's docId is ${JSON.stringify(json.docId)}`);
  return json;
}

/**
 * Pairs every gold file under `goldDir` with its prediction under `predDir`
 * (see `PredictionIndex`); a missing or unreadable prediction is scored as
 * empty, and `missing` lists the gold docIds that have none. Gold files are validated and a malformed one stops the evaluation
 * with its path and field; prediction files are read leniently, as the
 * reference scorer reads them.
 */
export async function loadPairs(
  goldDir: string,
  predDir: string,
): Promise<{ pairs: EvaluationPair[]; documents: DocumentCounts; missing: string[] }> {
  for (const dir of [goldDir, predDir]) if (!existsSync(dir)) throw new FatalError('E002', dir);
  const goldIds = withoutManifest(jsonDocIds(goldDir, { skipHidden: true }));
  if (goldIds.length === 0) throw new FatalError('E005', `${goldDir}: no gold files (*.json) found`);
  const index = new PredictionIndex(withoutManifest(jsonDocIds(predDir, { skipHidden: true })), new Set(goldIds));
  const documents: DocumentCounts = { ...EMPTY_COUNTS, gold: goldIds.length };
  const pairs: EvaluationPair[] = [];
  const missing: string[] = [];
  for (const docId of goldIds) {
    const gold: Gold = readValidated(join(goldDir, `${docId}.json`), GoldSchema);
    const match = index.find(docId);
    const warnings: string[] = [];
    let pred: Prediction | null = null;
    if (!match) {
      documents.predMissing++;
      missing.push(docId);
    } else {
      index.used.add(match.id);
      pred = readPrediction(join(predDir, `${match.id}.json`), docId, match.how, warnings);
      if (pred === null) documents.predUnreadable++;
      else {
        documents.predFound++;
        documents[match.how === 'path' ? 'matchedByPath' : 'matchedByName']++;
      }
    }
    pairs.push({ docId, gold, pred, warnings });
  }
  documents.predExtra = index.ids.filter((id) => !index.used.has(id)).length;
  return { pairs, documents, missing };
}
