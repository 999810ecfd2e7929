import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/resources/kb.js';
import { ManifestSchema } from '../../src/schema/manifest.js';
import { cli } from '../helpers/cli.js';
import { answerAsSorted, expectedAnswers } from './expected-queries.js';
import {
  articleAsStored,
  articlesOf,
  checksum,
  documentAsStored,
  editArticle,
  expectedCounts,
  orphans,
  readmeQueries,
  sampleCopy,
  sampleOutput,
  shrink,
  spawnCli,
  tableCounts,
  type TestDatabase,
} from './helpers.js';

const NO_ORPHANS = { entities: 0, mentions: 0, statements: 0, speakers: 0, targets: 0, targetEntities: 0 };

/** The behaviour every database target must have, run against SQLite and PostgreSQL alike; `fresh` makes an empty database. */
export function databaseSuite(name: string, fresh: () => Promise<TestDatabase>): void {
  describe(`export to ${name}`, () => {
    const open: TestDatabase[] = [];
    const database = async () => {
      const db = await fresh();
      open.push(db);
      return db;
    };
    afterEach(async () => {
      for (const db of open.splice(0)) await db.close();
    });

    it('loads the sample output: one row per JSON object, the knowledge base and the run', async () => {
      const [out, db] = [await sampleOutput(), await database()];
      const result = await cli('export', out, '--to', db.target);
      expect(result.code).toBe(0);
      const articles = [...articlesOf(out).values()];
      expect(result.stderr).toMatch(new RegExp(`${articles.length} read, ${articles.length} written, 0 unchanged, 0 failed, 0 skipped`));
      const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
      expect(await tableCounts(db)).toEqual({
        ...expectedCounts(articles),
        runs: 1,
        run_models: manifest.models.length,
        kb_entities: loadKnowledgeBase().entries.size,
      });
      const runs = await db.query('SELECT run_id, pipeline_fingerprint FROM runs');
      const docRuns = await db.query('SELECT DISTINCT run_id, pipeline_fingerprint FROM documents');
      expect(docRuns).toEqual(runs);
      expect(runs[0]!.pipeline_fingerprint).toBe(manifest.pipeline.fingerprint);
      const fingerprints = await db.query('SELECT DISTINCT pipeline_fingerprint FROM statement_targets');
      expect(fingerprints).toEqual([{ pipeline_fingerprint: manifest.pipeline.fingerprint }]);
    });

    it('changes nothing when the same output is exported again', async () => {
      const [out, db] = [await sampleOutput(), await database()];
      expect((await cli('export', out, '--to', db.target, '-q')).code).toBe(0);
      const [counts, sum] = [await tableCounts(db), await checksum(db)];
      const again = await cli('export', out, '--to', db.target);
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/ 0 written, \d+ unchanged, 0 failed.* 0 rows/);
      expect(await tableCounts(db)).toEqual(counts);
      expect(await checksum(db)).toBe(sum);
    });

    it('replaces a changed article in place and leaves no orphans', async () => {
      const [out, db] = [await sampleCopy(), await database()];
      expect((await cli('export', out, '--to', db.target, '-q')).code).toBe(0);
      const docId = 'home/qaani-baghdad-visit';
      const before = await documentAsStored(db, docId);
      const edited = editArticle(out, docId, (a) => shrink({ ...a, pipeline: { ...a.pipeline, fingerprint: 'newer' } }));
      const again = await cli('export', out, '--to', db.target);
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/ 1 written, \d+ unchanged, 0 failed/);
      const after = await documentAsStored(db, docId);
      expect(after).toEqual(articleAsStored(edited));
      expect(after.statements.length).toBe(before.statements.length - 1);
      expect(await orphans(db)).toEqual(NO_ORPHANS);
      const counts = await tableCounts(db);
      expect(counts).toMatchObject(expectedCounts(articlesOf(out).values()));
      const newer = await db.query("SELECT COUNT(*) AS n FROM mentions WHERE pipeline_fingerprint = 'newer'");
      expect(Number(newer[0]!.n)).toBe(articleAsStored(edited).mentions);
    });

    it('reports bad or foreign files one by one, exits 2, and exports the rest', async () => {
      const [out, db] = [await sampleCopy(), await database()];
      writeFileSync(join(out, 'broken.json'), '{ "docId": ');
      writeFileSync(join(out, 'home', 'foreign.json'), JSON.stringify({ hello: 'world' }));
      const misnamed = JSON.parse(readFileSync(join(out, 'brief-001.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(out, 'renamed.json'), JSON.stringify(misnamed));
      writeFileSync(join(out, 'notes.txt'), 'not an article');
      const articles = [...articlesOf(await sampleOutput()).values()];
      const result = await cli('export', out, '--to', db.target);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/E113 not a stancemap article: .*broken\.json: not valid JSON/);
      expect(result.stderr).toMatch(/E113 not a stancemap article: .*home\/foreign\.json: schemaVersion: /);
      expect(result.stderr).toMatch(/E113 not a stancemap article: .*renamed\.json: docId "brief-001" does not match the file name/);
      expect(result.stderr).toMatch(
        new RegExp(`${articles.length + 3} read, ${articles.length} written, 0 unchanged, 3 failed, 1 skipped`),
      );
      expect(await tableCounts(db)).toMatchObject(expectedCounts(articles));
    });

    it('answers the README queries as the JSON files do', async () => {
      const [out, db] = [await sampleOutput(), await database()];
      expect((await cli('export', out, '--to', db.target, '-q')).code).toBe(0);
      const expected = expectedAnswers(articlesOf(out).values());
      const queries = readmeQueries();
      expect([...queries.keys()]).toEqual(Object.keys(expected));
      for (const [query, sql] of queries) {
        const rows = await db.query(sql);
        expect(rows.length, query).toBeGreaterThan(0);
        expect(answerAsSorted(query, rows), query).toEqual(expected[query]);
      }
      const graph = await db.query(queries.get('actor-graph')!);
      expect(Object.keys(graph[0]!)).toEqual([
        'speaker_kb_id',
        'speaker_name',
        'label',
        'target_kb_id',
        'target_name',
        'statements',
        'documents',
      ]);
      expect(graph.map((r) => Number(r.statements))).toEqual(graph.map((r) => Number(r.statements)).sort((a, b) => b - a));
      expect(graph.every((r) => typeof r.speaker_name === 'string' && ['support', 'threat'].includes(String(r.label)))).toBe(true);
      const top = (await db.query(queries.get('entities-by-documents')!))[0]!;
      expect(Number(top.documents)).toBe(
        [...articlesOf(out).values()].filter((a) => a.entities.some((e) => (e.kbId ?? e.name) === top.entity)).length,
      );
    });

    it('keeps whole documents only when killed inside one, and a rerun completes', async () => {
      const [out, db] = [await sampleCopy(), await database()];
      expect((await cli('export', out, '--to', db.target, '-q')).code).toBe(0);
      const original = articlesOf(out);
      const [first, second] = ['brief-002', 'home/houthi-red-sea'];
      const firstEdited = editArticle(out, first, shrink);
      editArticle(out, second, shrink);
      // The pause is inside the second document written: the first edited article is committed, the second is not.
      const child = spawnCli(['export', out, '--to', db.target, '-q'], { STANCEMAP_EXPORT_TEST_PAUSE: '2' });
      const paused = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /test pause inside document (\S+)/.exec(stderr);
          if (match) resolve(match[1]!);
        });
        child.on('close', (code) => reject(new Error(`exited ${code} before pausing: ${stderr}`)));
      });
      expect(paused).toBe(second);
      const killed = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGKILL');
      await killed;
      expect(await documentAsStored(db, first)).toEqual(articleAsStored(firstEdited));
      expect(await documentAsStored(db, second)).toEqual(articleAsStored(original.get(`${second}.json`)!));
      expect(await orphans(db)).toEqual(NO_ORPHANS);
      const rerun = await cli('export', out, '--to', db.target);
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).toMatch(/ 1 written, \d+ unchanged, 0 failed/);
      expect(await tableCounts(db)).toMatchObject(expectedCounts(articlesOf(out).values()));
    });
  });
}
