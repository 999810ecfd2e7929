import { walkInputs } from '../io/sources.js';

/** docId → the text the pipeline reads for it, for every document under `paths`. */
export async function corpusTexts(paths: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for await (const item of walkInputs(paths, { maxBytes: Number.MAX_SAFE_INTEGER })) {
    if (item.kind === 'document') texts.set(item.docId, (await item.load()).text);
  }
  return texts;
}
