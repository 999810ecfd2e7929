import { createDocument, type Document } from '../document/types.js';
import { walkInputs } from '../io/sources.js';
import { unpackText } from '../document/packed-text.js';

/** docId → the document as ingest reads it (text, source, metadata), for every document under `paths`. */
export async function corpusDocuments(paths: string[]): Promise<Map<string, Document>> {
  const documents = new Map<string, Document>();
  for await (const item of walkInputs(paths, { maxBytes: Number.MAX_SAFE_INTEGER })) {
    if (item.kind === 'document') documents.set(item.docId, unpackText(await item.load()));
  }
  return documents;
}

/** docId → the text the pipeline reads for it. */
export async function corpusTexts(paths: string[]): Promise<Map<string, string>> {
  return new Map([...(await corpusDocuments(paths))].map(([id, doc]) => [id, doc.text]));
}

/** A fresh, unprocessed copy of an ingested document, to run a pipeline over again. */
export function freshCopy(doc: Document): Document {
  return createDocument({ id: doc.id, text: doc.text, source: doc.source, metadata: { ...doc.metadata }, warnings: [...doc.warnings] });
}
