import { InvalidArgumentError } from 'commander';
import type { DocumentRows, SharedRows } from './tables.js';

/**
 * Where an export goes. Every target takes the same rows: first what all
 * documents refer to, then one document at a time. A database target writes
 * each document in one transaction and leaves out a document whose version
 * it already holds; a file target writes a snapshot that replaces the old
 * files only once complete.
 */
export interface ExportTarget {
  /** The target as the user may see it (a PostgreSQL URL without its password). */
  readonly label: string;
  /** Creates or migrates the schema and writes the shared rows. */
  prepare(shared: SharedRows): Promise<void>;
  /** Writes one document's rows in place of any older version; 'unchanged' when this version is already there. */
  write(doc: DocumentRows): Promise<'written' | 'unchanged'>;
  /** `completed` false after a fatal error: file targets then keep their old files. */
  close(completed: boolean): Promise<void>;
}

export type TargetSpec = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string } | { kind: 'ndjson' | 'csv'; dir: string };

export interface TargetOptions {
  /** Called inside each document's transaction, between its first and its last rows (the crash test's pause). */
  midDocument?: (docId: string) => void;
}

export const TARGET_FORMS = 'sqlite:<file>, postgres://user@host:port/database, ndjson:<dir> or csv:<dir>';

/** Parses --to; commander reports a bad value as a usage error. */
export function parseTarget(value: string): TargetSpec {
  const rest = (prefix: string) => value.slice(prefix.length);
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) return { kind: 'postgres', url: value };
  for (const kind of ['sqlite', 'ndjson', 'csv'] as const) {
    if (!value.startsWith(`${kind}:`) || rest(`${kind}:`) === '') continue;
    return kind === 'sqlite' ? { kind, file: rest('sqlite:') } : { kind, dir: rest(`${kind}:`) };
  }
  throw new InvalidArgumentError(`expected ${TARGET_FORMS}; got "${value}"`);
}

export function describeTarget(spec: TargetSpec): string {
  if (spec.kind === 'sqlite') return `sqlite:${spec.file}`;
  if (spec.kind === 'postgres') return withoutPassword(spec.url);
  return `${spec.kind}:${spec.dir}`;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Loads only the driver the target needs: the SQLite one is a native module, pg opens sockets. */
export async function openTarget(spec: TargetSpec, options: TargetOptions): Promise<ExportTarget> {
  const label = describeTarget(spec);
  switch (spec.kind) {
    case 'sqlite':
      return (await import('./sqlite.js')).openSqliteTarget(spec.file, label, options);
    case 'postgres':
      return (await import('./postgres.js')).openPostgresTarget(spec.url, label, options);
    default:
      return (await import('./files.js')).openFileTarget(spec.dir, spec.kind, label);
  }
}
