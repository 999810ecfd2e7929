import pg from 'pg';
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

/** Any constant will do: it only has to be the same in every stancemap that migrates this database. */
const MIGRATION_LOCK = 0x5a4d4150;

export async function openPostgresTarget(url: string, label: string, options: TargetOptions): Promise<ExportTarget> {
  const client = new pg.Client({ connectionString: url });
  let lost: Error | undefined;
  // A connection dropped between queries is reported here; the next query then fails and names it.
  client.on('error', (error) => (lost = error));
  try {
    await client.connect();
    // A commit without waiting for its WAL flush: a server crash may lose the last few documents
    // (the next export writes them again), never part of one, and each commit stops costing an fsync.
    await client.query('SET synchronous_commit = off');
  } catch (error) {
    throw new FatalError('E008', `${label}: ${describeError(error)}`);
  }
  return new PostgresTarget(client, label, options, () => lost);
}

class PostgresTarget implements ExportTarget {
  private readonly known = new Map<string, DocumentVersion>();
  private readonly inserts = new Map(DOCUMENT_TABLES.map((t) => [t, insertSql(t, 'postgres')]));

  constructor(
    private readonly client: pg.Client,
    readonly label: string,
    private readonly options: TargetOptions,
    private readonly lostConnection: () => Error | undefined,
  ) {}

  async prepare(shared: SharedRows): Promise<void> {
    try {
      await this.inTransaction(async () => {
        await this.migrate();
        await this.insert(upsertSql('kb_entities', 'postgres'), 'kb_entities', shared.kbEntities);
        if (shared.run === null) return;
        await this.insert(insertIfAbsentSql('runs', 'postgres'), 'runs', [shared.run.runs]);
        await this.insert(insertIfAbsentSql('run_models', 'postgres'), 'run_models', shared.run.runModels);
      });
      const known = await this.client.query<KnownDocumentRow>(KNOWN_DOCUMENTS_SQL);
      for (const row of known.rows) this.known.set(row.doc_id, versionOf(row));
    } catch (error) {
      if (error instanceof FatalError) throw error;
      throw new FatalError('E008', `${this.label}: ${describeError(this.lostConnection() ?? error)}`);
    }
  }

  /** Under an advisory lock, so that two exports starting at once migrate once. */
  private async migrate(): Promise<void> {
    await this.client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await this.client.query(MIGRATIONS_TABLE_SQL);
    const current = Number(
      (await this.client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations')).rows[0]!.v,
    );
    if (current > SCHEMA_VERSION)
      throw new FatalError('E008', `${this.label}: schema version ${current} is newer than this stancemap's (${SCHEMA_VERSION})`);
    for (const m of pendingMigrations(current, 'postgres')) {
      await this.client.query(m.sql);
      await this.client.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.description,
        new Date().toISOString(),
      ]);
    }
  }

  async write(doc: DocumentRows): Promise<'written' | 'unchanged'> {
    const known = this.known.get(doc.docId);
    if (known !== undefined && sameVersion(known, doc.version)) return 'unchanged';
    try {
      await this.inTransaction(() => this.replace(doc));
    } catch (error) {
      throw documentFailure(this.lostConnection() ?? error, this.label);
    }
    this.known.set(doc.docId, doc.version);
    return 'written';
  }

  private async replace(doc: DocumentRows): Promise<void> {
    // One simple query (one round trip) with the docId escaped, never spliced raw. The lock makes a second
    // export writing the same document at the same time wait and then replace it, instead of failing on its key.
    const literal = this.client.escapeLiteral(doc.docId);
    const lock = `SELECT pg_advisory_xact_lock(hashtextextended(${literal}, 0))`;
    await this.client.query([lock, ...deleteDocumentSql('postgres').map((sql) => sql.replace('$1', literal))].join('; '));
    for (const table of DOCUMENT_TABLES) {
      await this.insert(this.inserts.get(table)!, table, doc.rows[table]);
      if (table === 'entities') this.options.midDocument?.(doc.docId);
    }
  }

  private async insert(sql: string, table: TableName, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = columnsOf(table).map(([name, kind]) => rows.map((row) => sqlValue(row[name], kind)));
    await this.client.query(sql, columns);
  }

  private async inTransaction(work: () => Promise<void>): Promise<void> {
    await this.client.query('BEGIN');
    try {
      await work();
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

function versionOf(row: KnownDocumentRow): DocumentVersion {
  return { sourceSha256: row.source_sha256, pipelineFingerprint: row.pipeline_fingerprint, articleSha256: row.article_sha256 };
}

/**
 * SQLSTATE class 22 (a value the column cannot hold, such as a NUL character
 * in text) or 23 (a broken constraint) costs that document (E114); anything
 * else (connection lost, permissions, disk full) stops the export.
 */
function documentFailure(error: unknown, label: string): Error {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^2[23]/.test(code)) return new DocumentError('E114', describeError(error));
  return new FatalError('E008', `${label}: ${describeError(error)}`);
}
