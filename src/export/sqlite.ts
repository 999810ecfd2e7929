import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DocumentError, FatalError, describeError } from '../errors.js';
import { MIGRATIONS_TABLE_SQL, SCHEMA_VERSION, pendingMigrations } from './migrations.js';
import { KNOWN_DOCUMENTS_SQL, deleteDocumentSql, insertIfAbsentSql, insertSql, sqlValue, upsertSql, type KnownDocumentRow } from './sql.js';
import {
  DOCUMENT_TABLES,
  columnsOf,
  sameVersion,
  type DocumentRows,
  type DocumentVersion,
  type Row,
  type SharedRows,
  type TableName,
} from './tables.js';
import type { ExportTarget, TargetOptions } from './target.js';

/**
 * The embedded target. WAL with synchronous=NORMAL: a commit is a write to
 * the log, not an fsync, and a process killed at any point leaves the last
 * committed document as the end of the database.
 */
export function openSqliteTarget(file: string, label: string, options: TargetOptions): ExportTarget {
  let db: Database.Database;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw new FatalError('E008', `${label}: ${describeError(error)}`);
  }
  return new SqliteTarget(db, label, options);
}

class SqliteTarget implements ExportTarget {
  private readonly known = new Map<string, DocumentVersion>();
  private inserts: Map<TableName, Database.Statement> | undefined;
  private deletes: Database.Statement[] = [];

  constructor(
    private readonly db: Database.Database,
    readonly label: string,
    private readonly options: TargetOptions,
  ) {}

  async prepare(shared: SharedRows): Promise<void> {
    try {
      this.migrate();
      this.inserts = new Map(DOCUMENT_TABLES.map((t) => [t, this.db.prepare(insertSql(t, 'sqlite'))]));
      this.deletes = deleteDocumentSql('sqlite').map((sql) => this.db.prepare(sql));
      this.writeShared(shared);
      for (const row of this.db.prepare(KNOWN_DOCUMENTS_SQL).all() as KnownDocumentRow[]) this.known.set(row.doc_id, versionOf(row));
    } catch (error) {
      if (error instanceof FatalError) throw error;
      throw new FatalError('E008', `${this.label}: ${describeError(error)}`);
    }
  }

  private migrate(): void {
    this.db.exec(MIGRATIONS_TABLE_SQL);
    const apply = this.db.transaction(() => {
      const current = (this.db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
      if (current > SCHEMA_VERSION)
        throw new FatalError('E008', `${this.label}: schema version ${current} is newer than this stancemap's (${SCHEMA_VERSION})`);
      const record = this.db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)');
      for (const m of pendingMigrations(current, 'sqlite')) {
        this.db.exec(m.sql);
        record.run(m.version, m.description, new Date().toISOString());
      }
    });
    // IMMEDIATE: two exports starting at once must not both see version 0.
    apply.immediate();
  }

  private writeShared(shared: SharedRows): void {
    this.db.transaction(() => {
      insertRows(this.db.prepare(upsertSql('kb_entities', 'sqlite')), 'kb_entities', shared.kbEntities);
      if (shared.run === null) return;
      insertRows(this.db.prepare(insertIfAbsentSql('runs', 'sqlite')), 'runs', [shared.run.runs]);
      insertRows(this.db.prepare(insertIfAbsentSql('run_models', 'sqlite')), 'run_models', shared.run.runModels);
    })();
  }

  async write(doc: DocumentRows): Promise<'written' | 'unchanged'> {
    const known = this.known.get(doc.docId);
    if (known !== undefined && sameVersion(known, doc.version)) return 'unchanged';
    try {
      this.db.transaction(() => this.replace(doc))();
    } catch (error) {
      throw documentFailure(error, this.label);
    }
    this.known.set(doc.docId, doc.version);
    return 'written';
  }

  private replace(doc: DocumentRows): void {
    for (const statement of this.deletes) statement.run(doc.docId);
    for (const table of DOCUMENT_TABLES) {
      insertRows(this.inserts!.get(table)!, table, doc.rows[table]);
      if (table === 'entities') this.options.midDocument?.(doc.docId);
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function insertRows(statement: Database.Statement, table: TableName, rows: readonly Row[]): void {
  const columns = columnsOf(table);
  for (const row of rows) statement.run(columns.map(([name, kind]) => sqlValue(row[name], kind)));
}

function versionOf(row: KnownDocumentRow): DocumentVersion {
  return { sourceSha256: row.source_sha256, pipelineFingerprint: row.pipeline_fingerprint, articleSha256: row.article_sha256 };
}

/** A row the database refuses costs that document (E114); anything else (disk full, locked, corrupt) stops the export. */
function documentFailure(error: unknown, label: string): Error {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG'))
    return new DocumentError('E114', describeError(error));
  return new FatalError('E008', `${label}: ${describeError(error)}`);
}
