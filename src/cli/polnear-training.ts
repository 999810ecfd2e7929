import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../document/types.js';
import { FatalError } from '../errors.js';
import { corpusDocuments } from '../evaluate/corpus-texts.js';
import { buildDefaultPipeline } from '../pipeline/default.js';
import type { GoldAttribution, TrainingDocument } from '../models/attribution/training.js';

interface GoldFragments {
  fragments?: Array<{ start: number; end: number }>;
  start: number;
  end: number;
}

const fragmentsOf = (span: GoldFragments): Array<{ start: number; end: number }> =>
  span.fragments && span.fragments.length > 0
    ? span.fragments.map((f) => ({ start: f.start, end: f.end }))
    : [{ start: span.start, end: span.end }];

/** The attributions of one PolNeAR gold file (`stancemap convert polnear`): content and source fragments. */
export function readPolnearAttributions(path: string): GoldAttribution[] {
  let gold: { attributions?: Array<{ content?: GoldFragments; source: GoldFragments | null }> };
  try {
    gold = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as typeof gold;
  } catch (error) {
    throw new FatalError('E005', `${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(gold.attributions) || gold.attributions.some((a) => typeof a?.content?.start !== 'number')) {
    throw new FatalError(
      'E005',
      `${path}: field "attributions": not a list of attributions with content spans (PolNeAR gold from stancemap convert polnear?)`,
    );
  }
  return gold.attributions.map((a) => ({ content: fragmentsOf(a.content!), source: a.source ? fragmentsOf(a.source) : null }));
}

/**
 * Every document of a converted PolNeAR folder (`<dir>/corpus`, `<dir>/gold`),
 * run through the default pipeline with the rules alone (the model learns on
 * top of them), paired with its gold attributions.
 */
export async function loadPolnearTraining(
  dir: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<TrainingDocument[]> {
  for (const sub of ['corpus', 'gold'])
    if (!existsSync(join(dir, sub))) throw new FatalError('E002', `${join(dir, sub)} (a folder written by stancemap convert polnear)`);
  const { pipeline } = buildDefaultPipeline({ attributionPolicy: 'rules' });
  const docs: Document[] = [...(await corpusDocuments([join(dir, 'corpus')])).values()];
  const batch = 16;
  for (let i = 0; i < docs.length; i += batch) {
    await pipeline.process(docs.slice(i, i + batch));
    onProgress(Math.min(docs.length, i + batch), docs.length);
  }
  return docs.flatMap((doc) => {
    const goldPath = join(dir, 'gold', `${doc.id}.json`);
    return existsSync(goldPath) ? [{ doc, attributions: readPolnearAttributions(goldPath) }] : [];
  });
}
