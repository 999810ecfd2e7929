/**
 * The database schema as an ordered list of migrations. A database records
 * the versions applied in `schema_migrations`; an export applies the missing
 * ones in one transaction (so a database is never half-migrated) and refuses
 * a database whose version is newer than it knows. A released migration is never edited: a change to the
 * schema is a new entry at the end (and tables.ts follows it).
 */
export type Dialect = 'sqlite' | 'postgres';

interface DialectTypes {
  json: string;
  real: string;
  bigint: string;
}

const TYPES: Record<Dialect, DialectTypes> = {
  sqlite: { json: 'TEXT', real: 'REAL', bigint: 'INTEGER' },
  postgres: { json: 'JSONB', real: 'DOUBLE PRECISION', bigint: 'BIGINT' },
};

export interface Migration {
  version: number;
  description: string;
  sql: (t: DialectTypes) => string;
}

const INITIAL_TABLES = (t: DialectTypes): string => `
CREATE TABLE runs (
  run_id TEXT PRIMARY KEY,
  tool_name TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  pipeline_fingerprint TEXT NOT NULL,
  pipeline_stages ${t.json} NOT NULL,
  knowledge_base ${t.json} NOT NULL,
  inputs ${t.json} NOT NULL,
  options ${t.json} NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  duration_ms ${t.bigint} NOT NULL,
  counts ${t.json} NOT NULL
);
CREATE TABLE run_models (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  model_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  kind TEXT NOT NULL,
  resources ${t.json},
  PRIMARY KEY (run_id, model_index)
);
CREATE TABLE kb_entities (
  kb_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  aliases ${t.json} NOT NULL,
  acronyms ${t.json} NOT NULL,
  description TEXT,
  parent_kb_id TEXT
);
CREATE TABLE documents (
  doc_id TEXT PRIMARY KEY,
  run_id TEXT REFERENCES runs (run_id),
  source_path TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  source_bytes ${t.bigint} NOT NULL,
  source_format TEXT NOT NULL,
  source_line INTEGER,
  title TEXT,
  date TEXT,
  author TEXT,
  url TEXT,
  publisher TEXT,
  chars INTEGER NOT NULL,
  sentence_count INTEGER NOT NULL,
  token_count INTEGER NOT NULL,
  warnings ${t.json} NOT NULL,
  article_sha256 TEXT NOT NULL,
  pipeline_version TEXT NOT NULL,
  pipeline_fingerprint TEXT NOT NULL
);`;

// entities.kb_id has no foreign key on purpose: an article may name an actor
// from a user's --kb file that this export was not given, and that must not
// cost the document.
const INITIAL_DOCUMENT_TABLES = (t: DialectTypes): string => `
CREATE TABLE entities (
  doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  aliases ${t.json} NOT NULL,
  kb_id TEXT,
  roles ${t.json},
  pipeline_fingerprint TEXT NOT NULL,
  PRIMARY KEY (doc_id, entity_id)
);
CREATE TABLE mentions (
  doc_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  mention_index INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  provenance TEXT NOT NULL,
  pipeline_fingerprint TEXT NOT NULL,
  PRIMARY KEY (doc_id, entity_id, mention_index),
  FOREIGN KEY (doc_id, entity_id) REFERENCES entities (doc_id, entity_id) ON DELETE CASCADE
);
CREATE TABLE statements (
  doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
  statement_id TEXT NOT NULL,
  label TEXT NOT NULL CHECK (label IN ('support', 'threat', 'claim')),
  sentence INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker_entity_id TEXT,
  speaker_text TEXT,
  cue TEXT,
  rule TEXT,
  confidence ${t.real} NOT NULL,
  provenance TEXT NOT NULL,
  pipeline_fingerprint TEXT NOT NULL,
  PRIMARY KEY (doc_id, statement_id),
  FOREIGN KEY (doc_id, speaker_entity_id) REFERENCES entities (doc_id, entity_id) ON DELETE CASCADE
);
CREATE TABLE statement_targets (
  doc_id TEXT NOT NULL,
  statement_id TEXT NOT NULL,
  target_index INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  pipeline_fingerprint TEXT NOT NULL,
  PRIMARY KEY (doc_id, statement_id, target_index),
  FOREIGN KEY (doc_id, statement_id) REFERENCES statements (doc_id, statement_id) ON DELETE CASCADE,
  FOREIGN KEY (doc_id, entity_id) REFERENCES entities (doc_id, entity_id) ON DELETE CASCADE
);`;

// For the usual questions: documents over time, an actor across documents,
// statements by label, who a statement's speaker or target is.
const INITIAL_INDEXES = `
CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_fingerprint ON documents (pipeline_fingerprint);
CREATE INDEX entities_kb_id ON entities (kb_id);
CREATE INDEX entities_type_name ON entities (type, name);
CREATE INDEX statements_label ON statements (label);
CREATE INDEX statements_speaker ON statements (doc_id, speaker_entity_id);
CREATE INDEX statement_targets_entity ON statement_targets (doc_id, entity_id);`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, run_models, kb_entities, documents, entities, mentions, statements, statement_targets',
    sql: (t) => INITIAL_TABLES(t) + INITIAL_DOCUMENT_TABLES(t) + INITIAL_INDEXES,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export const MIGRATIONS_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)';

/** The migrations a database at `current` still needs, as SQL for the dialect. */
export function pendingMigrations(current: number, dialect: Dialect): Array<{ version: number; description: string; sql: string }> {
  return MIGRATIONS.filter((m) => m.version > current).map((m) => ({
    version: m.version,
    description: m.description,
    sql: m.sql(TYPES[dialect]),
  }));
}
