import type { Dialect } from './migrations.js';
import { DOCUMENT_TABLES, TABLES, columnsOf, type ColumnKind, type TableName } from './tables.js';

const PG_ARRAY_TYPES: Record<ColumnKind, string> = { text: 'text[]', integer: 'bigint[]', real: 'float8[]', json: 'jsonb[]' };

/**
 * An INSERT of a table's columns. SQLite binds one row per run of the
 * prepared statement; PostgreSQL takes one array per column and unnests
 * them, so that any number of rows is one round trip with a fixed number of
 * parameters.
 */
export function insertSql(table: TableName, dialect: Dialect): string {
  const columns = columnsOf(table);
  const names = columns.map(([name]) => name).join(', ');
  if (dialect === 'sqlite') return `INSERT INTO ${table} (${names}) VALUES (${columns.map(() => '?').join(', ')})`;
  const arrays = columns.map(([, kind], i) => `$${i + 1}::${PG_ARRAY_TYPES[kind]}`).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`;
}

/** Keeps the row already there: a run, once recorded, never changes. */
export function insertIfAbsentSql(table: TableName, dialect: Dialect): string {
  return `${insertSql(table, dialect)} ON CONFLICT (${TABLES[table].key.join(', ')}) DO NOTHING`;
}

/** Replaces a row only where a column differs, so that exporting the same knowledge base again writes nothing. */
export function upsertSql(table: TableName, dialect: Dialect): string {
  const key = TABLES[table].key as readonly string[];
  const others = columnsOf(table)
    .map(([name]) => name)
    .filter((name) => !key.includes(name));
  const differs = dialect === 'sqlite' ? 'IS NOT' : 'IS DISTINCT FROM';
  return (
    `${insertSql(table, dialect)} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ` +
    others.map((c) => `${c} = excluded.${c}`).join(', ') +
    ` WHERE ${others.map((c) => `${table}.${c} ${differs} excluded.${c}`).join(' OR ')}`
  );
}

/** Deletes a document's rows, children first, so that no foreign key is ever broken midway. */
export function deleteDocumentSql(dialect: Dialect): string[] {
  const param = dialect === 'sqlite' ? '?' : '$1';
  return [...DOCUMENT_TABLES].reverse().map((table) => `DELETE FROM ${table} WHERE doc_id = ${param}`);
}

export const KNOWN_DOCUMENTS_SQL = 'SELECT doc_id, source_sha256, pipeline_fingerprint, article_sha256 FROM documents';

export interface KnownDocumentRow {
  doc_id: string;
  source_sha256: string;
  pipeline_fingerprint: string;
  article_sha256: string;
}

/** A value as SQL text: JSON columns are serialized, absent values are NULL. */
export function sqlValue(value: unknown, kind: ColumnKind): unknown {
  if (value === undefined || value === null) return null;
  return kind === 'json' ? JSON.stringify(value) : value;
}
