import { parse } from 'csv-parse/sync';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES, columnsOf } from '../../src/export/tables.js';
import { makeArticle, spanOf } from '../helpers/articles.js';
import { cli } from '../helpers/cli.js';
import { articlesOf, expectedCounts, sampleOutput, temp } from './helpers.js';

/** An output folder of one hand-built article whose fields hold what CSV must quote: commas, quotes, LF and CRLF. */
function awkwardOutput(): { dir: string; text: string; title: string } {
  const text = 'Hamas said, "we will answer,\nand soon."\r\nIsrael warned Hamas again.';
  const article = makeArticle(text, {
    docId: 'wire/awkward',
    entities: [
      { type: 'ORGANIZATION', mentions: [spanOf(text, 'Hamas'), spanOf(text, 'Hamas', 2)] },
      { type: 'LOCATION', mentions: [spanOf(text, 'Israel')] },
    ],
    statements: [
      { label: 'threat', ...spanOf(text, 'Hamas said, "we will answer,\nand soon."'), speaker: 'e1', targets: [] },
      { label: 'threat', ...spanOf(text, 'Israel warned Hamas again.'), speaker: 'e2', targets: ['e1'] },
    ],
  });
  const title = 'Truce, "for now"\nor not';
  const dir = temp('awkward');
  mkdirSync(join(dir, 'wire'));
  writeFileSync(join(dir, 'wire', 'awkward.json'), JSON.stringify({ ...article, metadata: { ...article.metadata, title } }));
  return { dir, text, title };
}

describe('export to CSV', () => {
  it('writes RFC 4180 (CRLF records; commas, quotes and line breaks quoted) that parses back to the same values', async () => {
    const { dir, title } = awkwardOutput();
    const csv = temp('csv');
    const result = await cli('export', dir, '--to', `csv:${csv}`);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/has no manifest\.json/);
    const raw = readFileSync(join(csv, 'statements.csv'), 'utf8');
    expect(raw).toContain('"Hamas said, ""we will answer,\nand soon."""');
    expect(raw.endsWith('\r\n')).toBe(true);
    const statements = parse(raw, { columns: true }) as Array<Record<string, string>>;
    expect(statements.map((s) => s.text)).toEqual(['Hamas said, "we will answer,\nand soon."', 'Israel warned Hamas again.']);
    expect(statements.map((s) => s.speaker_entity_id)).toEqual(['e1', 'e2']);
    const documents = parse(readFileSync(join(csv, 'documents.csv')), { columns: true }) as Array<Record<string, string>>;
    expect(documents).toHaveLength(1);
    expect(documents[0]!.title).toBe(title);
    expect(documents[0]!.date).toBe('');
    expect(JSON.parse(documents[0]!.warnings!)).toEqual([]);
    const entities = parse(readFileSync(join(csv, 'entities.csv')), { columns: true }) as Array<Record<string, string>>;
    expect(entities.map((e) => JSON.parse(e.aliases!))).toEqual([[], []]);
    for (const table of TABLE_NAMES) {
      const header = parse(readFileSync(join(csv, `${table}.csv`)), { to_line: 1 }) as string[][];
      expect(header[0], table).toEqual(columnsOf(table).map(([name]) => name));
    }
  });
});

describe('export to NDJSON', () => {
  it('writes one file per table, a line per row, and the same bytes when exported again', async () => {
    const out = await sampleOutput();
    const target = temp('ndjson');
    expect((await cli('export', out, '--to', `ndjson:${target}`, '-q')).code).toBe(0);
    const lines = (table: string) =>
      readFileSync(join(target, `${table}.ndjson`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const counts = Object.fromEntries(Object.keys(expectedCounts([])).map((t) => [t, lines(t).length]));
    expect(counts).toEqual(expectedCounts(articlesOf(out).values()));
    expect(lines('runs')).toHaveLength(1);
    expect(Object.keys(lines('mentions')[0]!)).toEqual(columnsOf('mentions').map(([name]) => name));
    expect(Array.isArray(lines('entities')[0]!.aliases)).toBe(true);
    const before = Object.fromEntries(TABLE_NAMES.map((t) => [t, readFileSync(join(target, `${t}.ndjson`), 'utf8')]));
    expect((await cli('export', out, '--to', `ndjson:${target}`, '-q')).code).toBe(0);
    for (const t of TABLE_NAMES) expect(readFileSync(join(target, `${t}.ndjson`), 'utf8'), t).toBe(before[t]);
    expect(readdirSync(target).sort()).toEqual(TABLE_NAMES.map((t) => `${t}.ndjson`).sort());
  });
});
