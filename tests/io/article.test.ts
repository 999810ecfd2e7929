import { describe, expect, it } from 'vitest';
import type { Document, Mention, Provenance } from '../../src/document/types.js';
import { DocumentError } from '../../src/errors.js';
import { serializeArticle, toArticle } from '../../src/io/article.js';
import { ArticleChecked } from '../../src/schema/article.js';
import { TOOL_VERSION } from '../../src/version.js';
import { spanOf } from '../helpers/articles.js';
import { makeDocument } from '../helpers/documents.js';

const TEXT = 'Oruba Tesfanet of the Kelvane Water Authority said the dam would hold. Tesfanet warned Port Halvey.';
const KB: Provenance = { source: 'kb', model: 'kb', score: 0.95 };
const RULE: Provenance = { source: 'rule', model: 'name-rules', rule: 'given-name', score: 0.8 };
const ECHO: Provenance = { source: 'echo', model: 'name-echo', rule: 'surname', score: 0.7 };

function mention(text: string, needle: string, type: Mention['type'], provenance: Provenance, occurrence = 1): Mention {
  const span = spanOf(text, needle, occurrence);
  return { ...span, text: needle, type, sentence: span.start < text.indexOf('Tesfanet warned') ? 0 : 1, provenance };
}

/** A document as the pipeline leaves it: three entities, one echo mention, two statements. */
function analysedDocument(): Document {
  const doc = makeDocument(TEXT, 'jsonl', 'kelvane-dam');
  doc.source.line = 3;
  doc.metadata = {
    title: 'Dam will hold',
    date: '2025-03-04',
    author: 'Sefu Daranel',
    url: 'https://example.org/kelvane-dam',
    source: 'Kelvane Courier',
  };
  doc.warnings = [{ code: 'W201', message: 'invalid UTF-8 replaced' }];
  doc.tokens = [...TEXT.matchAll(/\w+|[^\s\w]/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    joinedToNext: TEXT[m.index + m[0].length] !== ' ',
  }));
  doc.sentences = [
    { index: 0, start: 0, end: 70, tokenStart: 0, tokenEnd: 13, paragraph: 0 },
    { index: 1, start: 71, end: TEXT.length, tokenStart: 13, tokenEnd: 18, paragraph: 0 },
  ];
  doc.mentions = [
    mention(TEXT, 'Oruba Tesfanet', 'PERSON', RULE),
    mention(TEXT, 'Kelvane Water Authority', 'ORGANIZATION', KB),
    mention(TEXT, 'Tesfanet', 'PERSON', ECHO, 2),
    mention(TEXT, 'Port Halvey', 'LOCATION', KB),
  ];
  doc.entities = [
    {
      type: 'PERSON',
      name: 'Oruba Tesfanet',
      aliases: ['Tesfanet'],
      roles: [
        { title: 'engineer', of: 1 },
        { title: 'spokeswoman', of: null },
      ],
      mentions: [0, 2],
    },
    { type: 'ORGANIZATION', name: 'Kelvane Water Authority', aliases: [], kbId: 'kelvane-water-authority', mentions: [1] },
    { type: 'LOCATION', name: 'Port Halvey', aliases: [], kbId: 'port-halvey', roles: [], mentions: [3] },
  ];
  const said = spanOf(TEXT, 'the dam would hold');
  const warned = spanOf(TEXT, 'Tesfanet warned Port Halvey');
  doc.statements = [
    {
      ...said,
      label: 'claim',
      sentence: 0,
      text: 'the dam would hold',
      speaker: 0,
      speakerText: 'Oruba Tesfanet',
      targets: [],
      cue: 'said',
      confidence: 0.9,
      provenance: { source: 'rule', model: 'statement-rules', rule: 'said-that', score: 0.9 },
    },
    {
      ...warned,
      label: 'threat',
      sentence: 1,
      text: 'Tesfanet warned Port Halvey',
      speaker: null,
      speakerText: null,
      targets: [2, 1],
      cue: 'warned',
      confidence: 0.6,
      provenance: { source: 'model', model: 'attribution', score: 0.6 },
    },
  ];
  return doc;
}

describe('toArticle', () => {
  it('writes entities as e1.. and statements as s1.., with speakers, targets and roles as those ids', () => {
    const article = toArticle(analysedDocument(), 'fp-1');
    expect(article.entities.map((e) => [e.id, e.type, e.name, e.aliases, e.kbId, e.roles])).toEqual([
      [
        'e1',
        'PERSON',
        'Oruba Tesfanet',
        ['Tesfanet'],
        undefined,
        [
          { title: 'engineer', of: 'e2' },
          { title: 'spokeswoman', of: null },
        ],
      ],
      ['e2', 'ORGANIZATION', 'Kelvane Water Authority', [], 'kelvane-water-authority', undefined],
      ['e3', 'LOCATION', 'Port Halvey', [], 'port-halvey', undefined],
    ]);
    expect(article.statements.map((s) => [s.id, s.label, s.speaker, s.speakerText, s.targets, s.cue, s.source, s.rule])).toEqual([
      ['s1', 'claim', 'e1', 'Oruba Tesfanet', [], 'said', 'rule', 'said-that'],
      ['s2', 'threat', null, null, ['e3', 'e2'], 'warned', 'model', undefined],
    ]);
  });

  it('leaves out optional fields that are absent, rather than writing them empty', () => {
    const article = toArticle(analysedDocument(), 'fp-1');
    expect('kbId' in article.entities[0]!).toBe(false);
    // An empty role list is not written either.
    expect('roles' in article.entities[2]!).toBe(false);
    expect('rule' in article.statements[1]!).toBe(false);

    const plain = analysedDocument();
    delete plain.source.line;
    plain.metadata = { title: null, date: null, author: null };
    const bare = toArticle(plain, 'fp-1');
    expect(bare.source).toEqual({
      path: 'kelvane-dam.jsonl',
      sha256: plain.source.sha256,
      bytes: Buffer.byteLength(TEXT),
      format: 'jsonl',
    });
    expect(bare.metadata).toEqual({ title: null, date: null, author: null });
  });

  it("writes each entity's mentions from the document's mentions, with their source", () => {
    const article = toArticle(analysedDocument(), 'fp-1');
    expect(article.entities[0]!.mentions).toEqual([
      { start: 0, end: 14, text: 'Oruba Tesfanet', sentence: 0, source: 'rule' },
      { start: 71, end: 79, text: 'Tesfanet', sentence: 1, source: 'echo' },
    ]);
  });

  it('copies source, metadata, warnings, pipeline and stats', () => {
    const doc = analysedDocument();
    const article = toArticle(doc, 'fp-1');
    expect(article).toMatchObject({
      schemaVersion: 1,
      docId: 'kelvane-dam',
      source: { path: 'kelvane-dam.jsonl', sha256: doc.source.sha256, bytes: Buffer.byteLength(TEXT), line: 3, format: 'jsonl' },
      metadata: {
        title: 'Dam will hold',
        date: '2025-03-04',
        author: 'Sefu Daranel',
        url: 'https://example.org/kelvane-dam',
        source: 'Kelvane Courier',
      },
      pipeline: { version: TOOL_VERSION, fingerprint: 'fp-1' },
      stats: { chars: TEXT.length, sentences: 2, tokens: 18 },
      warnings: [{ code: 'W201', message: 'invalid UTF-8 replaced' }],
      text: TEXT,
      sentences: [
        { index: 0, start: 0, end: 70 },
        { index: 1, start: 71, end: TEXT.length },
      ],
    });
    expect(ArticleChecked.safeParse(article).success).toBe(true);
  });

  it('refuses with E110 a document whose output would not pass the schema', () => {
    const shifted = analysedDocument();
    shifted.mentions[3] = { ...shifted.mentions[3]!, start: shifted.mentions[3]!.start + 1 };
    expect(() => toArticle(shifted, 'fp-1')).toThrow(DocumentError);
    expect(() => toArticle(shifted, 'fp-1')).toThrow(
      'E110 output failed schema validation: entities.2.mentions.0.text: does not match text.slice(start, end)',
    );

    const badDate = analysedDocument();
    badDate.metadata.date = '4 March 2025';
    expect(() => toArticle(badDate, 'fp-1')).toThrow(/^E110 output failed schema validation: metadata\.date: /);
  });
});

describe('serializeArticle', () => {
  it('is two-space JSON with a final newline, and parses back to the same article', () => {
    const article = toArticle(analysedDocument(), 'fp-1');
    const json = serializeArticle(article);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.startsWith('{\n  "schemaVersion": 1,\n  "docId": "kelvane-dam",\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(article);
  });

  it('gives the same bytes for the same document', () => {
    expect(serializeArticle(toArticle(analysedDocument(), 'fp-1'))).toBe(serializeArticle(toArticle(analysedDocument(), 'fp-1')));
  });
});
