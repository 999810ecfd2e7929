import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/types.js';
import { DocumentError } from '../../src/errors.js';
import { LongArticle } from '../../src/pipeline/long-article.js';
import { makeDocument } from '../helpers/documents.js';

const TEXT = 'Tomas Veller spoke.\n\nVeller left.\n';

/** The whole text as one window's part, with one person mentioned at `span`. */
function partWithMention(doc: Document, span: { start: number; end: number }): Document {
  const part = makeDocument(doc.text);
  part.sentences = [{ index: 0, start: 0, end: 19, tokenStart: 0, tokenEnd: 0, paragraph: 0 }];
  part.mentions = [
    {
      ...span,
      text: doc.text.slice(span.start, span.end),
      type: 'PERSON',
      sentence: 0,
      provenance: { source: 'rule', model: 'test', score: 1 },
      entity: 0,
    },
  ];
  part.entities = [{ type: 'PERSON', name: 'Tomas Veller', aliases: [], mentions: [0] }];
  return part;
}

describe('LongArticle', () => {
  it('writes a checked article file from the windows it was given', async () => {
    const doc = makeDocument(TEXT);
    const article = await LongArticle.start(doc, doc.text);
    await article.add(partWithMention(doc, { start: 0, end: 12 }), { contextStart: 0, start: 0, end: TEXT.length });
    const path = await article.write('fingerprint');
    const written = JSON.parse(readFileSync(path, 'utf8')) as { entities: Array<{ id: string; mentions: Array<{ text: string }> }> };
    expect(written.entities.map((e) => [e.id, e.mentions.map((m) => m.text)])).toEqual([['e1', ['Tomas Veller']]]);
    await article.discard();
    expect(existsSync(dirname(path))).toBe(false);
  });

  it('refuses an article that breaks the schema with E110 naming the place, and leaves no spool behind', async () => {
    const doc = makeDocument(TEXT);
    const article = await LongArticle.start(doc, doc.text);
    // An empty span: the schema's checks refuse it.
    await article.add(partWithMention(doc, { start: 5, end: 5 }), { contextStart: 0, start: 0, end: TEXT.length });
    const failure = await article.write('fingerprint').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DocumentError);
    expect((failure as DocumentError).code).toBe('E110');
    expect((failure as DocumentError).message).toContain('entities.0.mentions.0');
    await article.discard();
  });
});
