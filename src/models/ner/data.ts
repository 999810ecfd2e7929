import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createDocument, type Document } from '../../document/types.js';
import { FatalError } from '../../errors.js';
import { convertConll } from '../../evaluate/conll.js';
import { corpusDocuments, freshCopy } from '../../evaluate/corpus-texts.js';
import { loadGold } from '../../evaluate/load.js';
import type { Gold } from '../../schema/article.js';
import { NAME_TYPE_OF, type TypedSpan } from './tags.js';

export interface NamedText {
  doc: Document;
  names: TypedSpan[];
  /** The gold file it came from (our format, or converted from CoNLL). */
  gold: Gold;
}

/** Gold entities as typed spans; `ignore` spans (CoNLL's MISC, our nationalities and other non-entity names) as MISC. */
export function namesOfGold(gold: Gold): TypedSpan[] {
  const names: TypedSpan[] = gold.entities.flatMap((e) =>
    e.mentions.map((m) => ({ start: m.start, end: m.end, type: NAME_TYPE_OF[e.type] })),
  );
  for (const span of gold.ignore ?? []) names.push({ start: span.start, end: span.end, type: 'MISC' });
  return names;
}

/** A CoNLL file's documents, with the text rebuilt as `convert conll` writes it. */
export async function conllTexts(path: string): Promise<NamedText[]> {
  const content = await readFile(path, 'utf8');
  return convertConll(content, basename(path).replace(/\.[^.]*$/, ''), path).map((converted) => ({
    doc: createDocument({
      id: converted.docId,
      text: converted.text,
      source: { path, sha256: '', bytes: Buffer.byteLength(converted.text), format: 'txt' },
    }),
    names: namesOfGold(converted.gold),
    gold: converted.gold,
  }));
}

/** Gold files of a folder with their texts, found by docId in `corpora` (folders or .jsonl files). */
export async function goldTexts(goldDir: string, corpora: readonly string[]): Promise<NamedText[]> {
  const golds = await loadGold(goldDir);
  const documents = await corpusDocuments([...corpora]);
  const missing = golds.filter((g) => !documents.has(g.docId)).map((g) => g.docId);
  if (missing.length > 0)
    throw new FatalError(
      'E005',
      `${goldDir}: no text in ${corpora.join(', ')} for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}`,
    );
  return golds.map((gold) => ({ doc: freshCopy(documents.get(gold.docId)!), names: namesOfGold(gold), gold }));
}
