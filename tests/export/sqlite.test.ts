import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/export/migrations.js';
import { TABLE_NAMES, columnsOf } from '../../src/export/tables.js';
import { cli } from '../helpers/cli.js';
import { databaseSuite } from './database-suite.js';
import { readmeQueries, sampleOutput, temp, type TestDatabase } from './helpers.js';

function sqliteDatabase(): TestDatabase {
  const file = join(temp('sqlite'), 'nested', 'export.sqlite');
  let db: Database.Database | undefined;
  // Opened on first use: the export creates the file.
  const handle = () => (db ??= new Database(file));
  return {
    target: `sqlite:${file}`,
    query: async (sql, params = []) =>
      handle()
        .prepare(sql)
        .all(...params) as Array<Record<string, unknown>>,
    close: async () => {
      db?.close();
    },
  };
}

databaseSuite('SQLite', async () => sqliteDatabase());

describe('export to SQLite: the schema', () => {
  it('is what the README quotes: the ready queries verbatim, every table in the schema table', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const [name, sql] of readmeQueries()) expect(readme, name).toContain(`\`\`\`sql\n${sql}\n\`\`\``);
    for (const table of TABLE_NAMES) expect(readme, table).toMatch(new RegExp(`^\\| \`${table}\` \\|`, 'm'));
  });

  it('has the columns the writers use, in order, and records its version', async () => {
    const db = sqliteDatabase();
    expect((await cli('export', await sampleOutput(), '--to', db.target, '-q')).code).toBe(0);
    for (const table of TABLE_NAMES) {
      const columns = await db.query(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`);
      expect(
        columns.map((c) => c.name),
        table,
      ).toEqual(columnsOf(table).map(([name]) => name));
    }
    expect(await db.query('SELECT version FROM schema_migrations')).toEqual([{ version: SCHEMA_VERSION }]);
    expect(await db.query('PRAGMA foreign_key_check')).toEqual([]);
    await db.close();
  });

  it('refuses, with E008 and exit 1, a database from a newer stancemap', async () => {
    const db = sqliteDatabase();
    expect((await cli('export', await sampleOutput(), '--to', db.target, '-q')).code).toBe(0);
    await db.query(`INSERT INTO schema_migrations VALUES (${SCHEMA_VERSION + 1}, 'from the future', '2100-01-01') RETURNING version`);
    const result = await cli('export', await sampleOutput(), '--to', db.target, '-q');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`E008 export target not usable: .*schema version ${SCHEMA_VERSION + 1} is newer`));
    await db.close();
  });

  it('refuses a file that is not a database (E008), and a missing output folder (E002)', async () => {
    const notDb = join(temp('not-db'), 'x.sqlite');
    writeFileSync(notDb, 'plain text, not SQLite '.repeat(100));
    const result = await cli('export', await sampleOutput(), '--to', `sqlite:${notDb}`, '-q');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E008 export target not usable: sqlite:.*x\.sqlite: file is not a database/);
    const missing = await cli('export', join(temp('none'), 'nothing-here'), '--to', `sqlite:${notDb}`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/E002 input path not found/);
    const usage = await cli('export', await sampleOutput(), '--to', 'mysql://somewhere');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/expected sqlite:<file>, postgres:/);
  });
});
