import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ArticleSchema, type Article } from '../../src/schema/article.js';
import { cli } from '../helpers/cli.js';

export const temp = (prefix: string): string => mkdtempSync(join(tmpdir(), `stancemap-export-${prefix}-`));

let sample: Promise<string> | undefined;

/** The sample corpus's output folder, extracted once per worker (test files share modules) and copied for each test that edits it. */
export function sampleOutput(): Promise<string> {
  sample ??= (async () => {
    const out = temp('sample');
    const result = await cli('extract', 'corpus', '--out', out, '-q');
    if (result.code !== 0) throw new Error(`extract failed: ${result.stderr}`);
    return out;
  })();
  return sample;
}

export async function sampleCopy(): Promise<string> {
  const copy = temp('copy');
  cpSync(await sampleOutput(), copy, { recursive: true });
  return copy;
}

/** Every article of an output folder, by path relative to it. */
export function articlesOf(dir: string): Map<string, Article> {
  const out = new Map<string, Article>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json') && !(folder === dir && entry.name === 'manifest.json'))
        out.set(relative(dir, path), ArticleSchema.parse(JSON.parse(readFileSync(path, 'utf8'))));
    }
  };
  walk(dir);
  return out;
}

export function editArticle(dir: string, docId: string, edit: (a: Article) => Article): Article {
  const path = join(dir, `${docId}.json`);
  const edited = edit(ArticleSchema.parse(JSON.parse(readFileSync(path, 'utf8'))));
  writeFileSync(path, `${JSON.stringify(edited, null, 2)}\n`);
  return edited;
}

/** Drops the last statement and the last entity nobody refers to, and retitles: a smaller, still valid article. */
export function shrink(article: Article): Article {
  const statements = article.statements.slice(0, -1);
  const used = new Set(statements.flatMap((s) => [s.speaker, ...s.targets]));
  article.entities.forEach((e) => e.roles?.forEach((r) => used.add(r.of)));
  const dropIndex = article.entities.findLastIndex((e) => !used.has(e.id));
  const entities = article.entities.filter((_, i) => i !== dropIndex);
  return { ...article, metadata: { ...article.metadata, title: 'Edited' }, statements, entities };
}

export type TableCounts = Record<'documents' | 'entities' | 'mentions' | 'statements' | 'statement_targets', number>;

export function expectedCounts(articles: Iterable<Article>): TableCounts {
  const c: TableCounts = { documents: 0, entities: 0, mentions: 0, statements: 0, statement_targets: 0 };
  for (const a of articles) {
    c.documents += 1;
    c.entities += a.entities.length;
    c.mentions += a.entities.reduce((n, e) => n + e.mentions.length, 0);
    c.statements += a.statements.length;
    c.statement_targets += a.statements.reduce((n, s) => n + s.targets.length, 0);
  }
  return c;
}

/** A database under test: `?` placeholders in either dialect. */
export interface TestDatabase {
  target: string;
  query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export const ALL_TABLES = [
  'runs',
  'run_models',
  'kb_entities',
  'documents',
  'entities',
  'mentions',
  'statements',
  'statement_targets',
] as const;

const KEYS: Record<(typeof ALL_TABLES)[number], string> = {
  runs: 'run_id',
  run_models: 'run_id, model_index',
  kb_entities: 'kb_id',
  documents: 'doc_id',
  entities: 'doc_id, entity_id',
  mentions: 'doc_id, entity_id, mention_index',
  statements: 'doc_id, statement_id',
  statement_targets: 'doc_id, statement_id, target_index',
};

export async function tableCounts(db: TestDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ALL_TABLES) out[table] = Number((await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
  return out;
}

/** A hash of every row of every table in key order: equal before and after means nothing changed. */
export async function checksum(db: TestDatabase): Promise<string> {
  const hash = createHash('sha256');
  for (const table of [...ALL_TABLES, 'schema_migrations']) {
    const key = table === 'schema_migrations' ? 'version' : KEYS[table as (typeof ALL_TABLES)[number]];
    hash.update(JSON.stringify(await db.query(`SELECT * FROM ${table} ORDER BY ${key}`)));
  }
  return hash.digest('hex');
}

/** Rows whose parent is gone: every count must be 0. */
export const ORPHAN_QUERIES = {
  entities: 'SELECT COUNT(*) AS n FROM entities e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = e.doc_id)',
  mentions:
    'SELECT COUNT(*) AS n FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.doc_id = m.doc_id AND e.entity_id = m.entity_id)',
  statements: 'SELECT COUNT(*) AS n FROM statements s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = s.doc_id)',
  speakers:
    'SELECT COUNT(*) AS n FROM statements s WHERE s.speaker_entity_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.doc_id = s.doc_id AND e.entity_id = s.speaker_entity_id)',
  targets:
    'SELECT COUNT(*) AS n FROM statement_targets t WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.doc_id = t.doc_id AND s.statement_id = t.statement_id)',
  targetEntities:
    'SELECT COUNT(*) AS n FROM statement_targets t WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.doc_id = t.doc_id AND e.entity_id = t.entity_id)',
};

export async function orphans(db: TestDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, sql] of Object.entries(ORPHAN_QUERIES)) out[name] = Number((await db.query(sql))[0]!.n);
  return out;
}

/** One document's rows as the database holds them, in the shape of the article, to compare with its JSON. */
export async function documentAsStored(db: TestDatabase, docId: string) {
  const doc = (await db.query('SELECT title, article_sha256, pipeline_fingerprint FROM documents WHERE doc_id = ?', [docId]))[0];
  const entities = await db.query('SELECT entity_id FROM entities WHERE doc_id = ? ORDER BY entity_id', [docId]);
  const statements = await db.query('SELECT statement_id, text FROM statements WHERE doc_id = ? ORDER BY statement_id', [docId]);
  const mentions = await db.query('SELECT COUNT(*) AS n FROM mentions WHERE doc_id = ?', [docId]);
  return {
    title: doc?.title,
    entities: entities.map((r) => r.entity_id).sort(),
    statements: statements.map((r) => `${String(r.statement_id)}:${String(r.text)}`).sort(),
    mentions: Number(mentions[0]!.n),
  };
}

export function articleAsStored(a: Article) {
  return {
    title: a.metadata.title,
    entities: a.entities.map((e) => e.id).sort(),
    statements: a.statements.map((s) => `${s.id}:${s.text}`).sort(),
    mentions: a.entities.reduce((n, e) => n + e.mentions.length, 0),
  };
}

/** The README's queries, by name, from the file the README quotes. */
export function readmeQueries(): Map<string, string> {
  const text = readFileSync('docs/export-queries.sql', 'utf8');
  const out = new Map<string, string>();
  for (const part of text.split(/^-- name: /m).slice(1)) {
    const name = part.slice(0, part.indexOf('\n')).trim();
    out.set(name, part.slice(part.indexOf('\n') + 1).trim());
  }
  return out;
}

/** Spawns the CLI as its own process (the crash test kills it), with extra environment. */
export function spawnCli(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
}
