import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { databaseSuite } from './database-suite.js';
import { sampleOutput, tableCounts, type TestDatabase } from './helpers.js';

/**
 * Against a real server: STANCEMAP_TEST_POSTGRES_URL (.ci/postgres.sh starts
 * one and sets it). Without it the tests are skipped here, but under CI=true
 * its absence is a failure, so that CI can never skip them silently.
 */
const SERVER = process.env.STANCEMAP_TEST_POSTGRES_URL;

describe.runIf(SERVER === undefined && process.env.CI === 'true')('export to PostgreSQL under CI', () => {
  it('has a server to test against', () => {
    expect.fail('CI=true but STANCEMAP_TEST_POSTGRES_URL is not set: .ci/postgres.sh should have started a server');
  });
});

const created: string[] = [];

/** A database of its own for each test, created on the server and dropped after the file. */
async function postgresDatabase(): Promise<TestDatabase> {
  const name = `stancemap_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  const url = new URL(SERVER!);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    target: url.toString(),
    query: async (sql, params = []) => {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as Array<Record<string, unknown>>;
    },
    close: () => client.end(),
  };
}

describe.skipIf(SERVER === undefined)('PostgreSQL', () => {
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  databaseSuite('PostgreSQL', postgresDatabase);

  it('stores JSON columns as jsonb and migrates a database once, even when two exports start together', async () => {
    const db = await postgresDatabase();
    const out = await sampleOutput();
    const [a, b] = await Promise.all([cli('export', out, '--to', db.target, '-q'), cli('export', out, '--to', db.target, '-q')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(await db.query('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
    const types = await db.query(
      "SELECT data_type FROM information_schema.columns WHERE table_name = 'entities' AND column_name = 'aliases'",
    );
    expect(types).toEqual([{ data_type: 'jsonb' }]);
    expect((await tableCounts(db)).documents).toBeGreaterThan(0);
    await db.close();
  });

  it('refuses an unreachable server with E008 and exit 1', async () => {
    const result = await cli('export', await sampleOutput(), '--to', 'postgres://nobody:secret@127.0.0.1:1/none', '-q');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E008 export target not usable: postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/);
    expect(result.stderr).not.toMatch(/secret/);
  });
});
