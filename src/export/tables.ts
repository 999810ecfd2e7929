/**
 * The export's tables as the writers see them: each column's name and kind,
 * in the order of the latest migration (migrations.ts), which a test checks.
 * `json` columns hold arrays or objects: JSONB in PostgreSQL, JSON text in
 * SQLite and CSV, plain JSON values in NDJSON.
 */
export type ColumnKind = 'text' | 'integer' | 'real' | 'json';

export type Row = Readonly<Record<string, unknown>>;

const text = 'text' as const;
const integer = 'integer' as const;
const real = 'real' as const;
const json = 'json' as const;

export const TABLES = {
  runs: {
    key: ['run_id'],
    columns: {
      run_id: text,
      tool_name: text,
      tool_version: text,
      pipeline_fingerprint: text,
      pipeline_stages: json,
      knowledge_base: json,
      inputs: json,
      options: json,
      started_at: text,
      finished_at: text,
      duration_ms: integer,
      counts: json,
    },
  },
  run_models: {
    key: ['run_id', 'model_index'],
    columns: { run_id: text, model_index: integer, name: text, version: text, kind: text, resources: json },
  },
  kb_entities: {
    key: ['kb_id'],
    columns: { kb_id: text, type: text, name: text, aliases: json, acronyms: json, description: text, parent_kb_id: text },
  },
  documents: {
    key: ['doc_id'],
    columns: {
      doc_id: text,
      run_id: text,
      source_path: text,
      source_sha256: text,
      source_bytes: integer,
      source_format: text,
      source_line: integer,
      title: text,
      date: text,
      author: text,
      url: text,
      publisher: text,
      chars: integer,
      sentence_count: integer,
      token_count: integer,
      warnings: json,
      article_sha256: text,
      pipeline_version: text,
      pipeline_fingerprint: text,
    },
  },
  entities: {
    key: ['doc_id', 'entity_id'],
    columns: {
      doc_id: text,
      entity_id: text,
      type: text,
      name: text,
      aliases: json,
      kb_id: text,
      roles: json,
      pipeline_fingerprint: text,
    },
  },
  mentions: {
    key: ['doc_id', 'entity_id', 'mention_index'],
    columns: {
      doc_id: text,
      entity_id: text,
      mention_index: integer,
      start_offset: integer,
      end_offset: integer,
      text: text,
      sentence: integer,
      provenance: text,
      pipeline_fingerprint: text,
    },
  },
  statements: {
    key: ['doc_id', 'statement_id'],
    columns: {
      doc_id: text,
      statement_id: text,
      label: text,
      sentence: integer,
      start_offset: integer,
      end_offset: integer,
      text: text,
      speaker_entity_id: text,
      speaker_text: text,
      cue: text,
      rule: text,
      confidence: real,
      provenance: text,
      pipeline_fingerprint: text,
    },
  },
  statement_targets: {
    key: ['doc_id', 'statement_id', 'target_index'],
    columns: { doc_id: text, statement_id: text, target_index: integer, entity_id: text, pipeline_fingerprint: text },
  },
} as const satisfies Record<string, { key: readonly string[]; columns: Record<string, ColumnKind> }>;

export type TableName = keyof typeof TABLES;

/** Every table, parents before children (the order rows are inserted and files listed). */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The tables one document's rows go to, parents first: deleted in the reverse order. */
export const DOCUMENT_TABLES = ['documents', 'entities', 'mentions', 'statements', 'statement_targets'] as const;
export type DocumentTable = (typeof DOCUMENT_TABLES)[number];

export function columnsOf(table: TableName): Array<[string, ColumnKind]> {
  return Object.entries(TABLES[table].columns);
}

/** One document's rows, table by table, with what decides whether the database already holds this version of it. */
export interface DocumentRows {
  docId: string;
  version: DocumentVersion;
  rows: { [T in DocumentTable]: Row[] };
}

/** A document is unchanged when all three match what the database holds for its docId. */
export interface DocumentVersion {
  sourceSha256: string;
  pipelineFingerprint: string;
  articleSha256: string;
}

export function sameVersion(a: DocumentVersion, b: DocumentVersion): boolean {
  return a.sourceSha256 === b.sourceSha256 && a.pipelineFingerprint === b.pipelineFingerprint && a.articleSha256 === b.articleSha256;
}

/** What every document refers to, written before the first one: the knowledge base and the run (null without a manifest). */
export interface SharedRows {
  kbEntities: Row[];
  run: { runs: Row; runModels: Row[] } | null;
}

export function rowCount(doc: DocumentRows): number {
  return DOCUMENT_TABLES.reduce((sum, table) => sum + doc.rows[table].length, 0);
}
