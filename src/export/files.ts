import { stringify } from 'csv-stringify/sync';
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { FatalError, describeError } from '../errors.js';
import { DOCUMENT_TABLES, TABLE_NAMES, columnsOf, type DocumentRows, type Row, type SharedRows, type TableName } from './tables.js';
import type { ExportTarget } from './target.js';

type FileFormat = 'ndjson' | 'csv';

/** One line (NDJSON) or record (CSV, RFC 4180: CRLF, fields with quotes, commas or line breaks quoted) per row. */
function encoder(format: FileFormat, table: TableName): { header: string; encode: (row: Row) => string } {
  const columns = columnsOf(table);
  if (format === 'ndjson')
    return { header: '', encode: (row) => `${JSON.stringify(Object.fromEntries(columns.map(([name]) => [name, row[name] ?? null])))}\n` };
  // An empty string is written "" and NULL as an empty field, so the two stay apart for readers that care.
  const options = { record_delimiter: 'windows', quoted_empty: true } as const;
  const cell = (value: unknown, kind: string): unknown =>
    value === undefined || value === null ? null : kind === 'json' ? JSON.stringify(value) : value;
  return {
    header: stringify([columns.map(([name]) => name)], options),
    encode: (row) => stringify([columns.map(([name, kind]) => cell(row[name], kind))], options),
  };
}

/**
 * The file targets: one file per table, `<dir>/<table>.ndjson` or `.csv`.
 * Files hold a snapshot of the output folder rather than a history, so each
 * export writes them afresh beside the old ones and renames them into place
 * at the end: an interrupted export leaves the previous files as they were.
 */
export async function openFileTarget(dir: string, format: FileFormat, label: string): Promise<ExportTarget> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new FatalError('E008', `${label}: ${describeError(error)}`);
  }
  return new FileTarget(dir, format, label);
}

interface TableFile {
  final: string;
  temporary: string;
  stream: WriteStream;
  encode: (row: Row) => string;
}

class FileTarget implements ExportTarget {
  private readonly files = new Map<TableName, TableFile>();

  constructor(
    private readonly dir: string,
    private readonly format: FileFormat,
    readonly label: string,
  ) {}

  async prepare(shared: SharedRows): Promise<void> {
    const suffix = `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    for (const table of TABLE_NAMES) {
      const final = join(this.dir, `${table}.${this.format}`);
      const { header, encode } = encoder(this.format, table);
      const file = { final, temporary: final + suffix, stream: createWriteStream(final + suffix), encode };
      this.files.set(table, file);
      if (header !== '') await this.append(table, [], header);
    }
    await this.append('kb_entities', shared.kbEntities);
    if (shared.run === null) return;
    await this.append('runs', [shared.run.runs]);
    await this.append('run_models', shared.run.runModels);
  }

  async write(doc: DocumentRows): Promise<'written'> {
    for (const table of DOCUMENT_TABLES) await this.append(table, doc.rows[table]);
    return 'written';
  }

  private async append(table: TableName, rows: readonly Row[], prefix = ''): Promise<void> {
    const file = this.files.get(table)!;
    const chunk = prefix + rows.map(file.encode).join('');
    if (chunk !== '' && !file.stream.write(chunk)) await once(file.stream, 'drain');
  }

  async close(completed: boolean): Promise<void> {
    for (const file of this.files.values()) {
      file.stream.end();
      await once(file.stream, 'close');
    }
    try {
      for (const file of this.files.values()) {
        if (completed) await rename(file.temporary, file.final);
        else await rm(file.temporary, { force: true });
      }
    } catch (error) {
      throw new FatalError('E008', `${this.label}: ${describeError(error)}`);
    }
  }
}
