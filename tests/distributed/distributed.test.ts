import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { articles, manifestOf, temp } from '../helpers/output.js';
import { FROM_ENV, HAS_SERVER_BINARY, startTestRedis, stopProcess, type TestRedis } from './redis-server.js';

/**
 * `stancemap submit`, `worker` and `collect` against a real Redis, with the
 * workers as separate processes (the CLI from source through tsx), compared
 * with a local `extract --workers 1` of the same inputs.
 */

const AVAILABLE = FROM_ENV !== undefined || HAS_SERVER_BINARY;

describe.runIf(!AVAILABLE && process.env.CI === 'true')('distributed mode under CI', () => {
  it('has a Redis to test against', () => {
    expect.fail('CI=true but neither STANCEMAP_TEST_REDIS_URL nor redis-server is available: .ci/redis.sh should have started one');
  });
});

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

const PEOPLE = ['Oruba Tesfanet', 'Tomas Veller', 'Ilse Marrow', 'Daoud Qarani', 'Petra Lindqvist', 'Anselm Okoro', 'Maren Hoyt'];

/** A dozen short invented articles in every input format, with an empty file, a malformed line and a file that is skipped. */
function writeCorpus(): string {
  const dir = temp('queue-in');
  PEOPLE.forEach((name, i) => {
    writeFileSync(
      join(dir, `article-${i}.txt`),
      `${name}, a spokesperson of the Kelvane Water Authority, said on Monday that the authority would back the new dam.\n\n` +
        `“We stand with the farmers of the valley,” ${name.split(' ')[0]} told reporters in Dorsk.\n`,
    );
  });
  writeFileSync(
    join(dir, 'council.md'),
    '# Council vote\n\nThe Dorsk city council condemned the Kelvane Water Authority, councillor Ilse Marrow said.\n',
  );
  mkdirSync(join(dir, 'more'));
  writeFileSync(
    join(dir, 'more', 'threat.txt'),
    'The Red Valley Front threatened to attack the Kelvane dam, Tomas Veller said on Tuesday.\n',
  );
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'notes.csv'), 'not,a,document\n');
  const lines = [
    JSON.stringify({ id: 'wire-1', text: 'Oruba Tesfanet accused the Red Valley Front of sabotage.', title: 'Sabotage' }),
    '{"id": "broken"',
    JSON.stringify({ id: 'wire-2', text: 'Maren Hoyt praised the Kelvane Water Authority for its work.', date: '2026-03-02' }),
  ];
  writeFileSync(join(dir, 'wire.jsonl'), lines.join('\n') + '\n');
  return dir;
}

describe.skipIf(!AVAILABLE)('distributed mode (BullMQ on a real Redis)', () => {
  let redis: TestRedis;
  let corpus: string;
  let local: string;
  const children: ChildProcess[] = [];

  /** A `stancemap worker` process; its stderr is kept for the failure message. */
  function startWorker(queue: string, extraArgs: string[] = [], env: Record<string, string> = {}): ChildProcess & { log: string[] } {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--redis', redis.url, '--queue', queue, ...extraArgs], {
      env: { ...process.env, STANCEMAP_WORKERS: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    }) as ChildProcess & { log: string[] };
    child.log = [];
    child.stderr!.on('data', (chunk: Buffer) => child.log.push(chunk.toString()));
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    corpus = writeCorpus();
    local = temp('queue-local');
    const result = await cli('extract', corpus, 'corpus/wire', '--out', local, '--quiet', '--workers', '1');
    expect(result.code).toBe(2);
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
    await redis?.stop();
  });

  it('writes with two worker processes exactly what a local run writes, and one manifest with the same counts', async () => {
    const queue = `test-${randomBytes(4).toString('hex')}`;
    const workers = [startWorker(queue), startWorker(queue)];
    const out = temp('queue-out');
    const submitted = await cli('submit', corpus, 'corpus/wire', '--redis', redis.url, '--queue', queue, '--out', out, '--wait', '--quiet');
    expect(submitted.code, workers.map((w) => w.log.join('')).join('\n')).toBe(2);
    expect(submitted.stdout).toMatch(/^\S+\n$/);

    expect(articles(out)).toEqual(articles(local));
    expect(articles(out).length).toBeGreaterThanOrEqual(12);
    for (const file of articles(local)) expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(local, file), 'utf8'));

    const [mine, theirs] = [manifestOf(out), manifestOf(local)];
    expect(mine.counts).toEqual(theirs.counts);
    expect(mine.failures).toEqual(theirs.failures);
    expect(mine.failures.map((f) => f.code).sort()).toEqual(['E101', 'E105']);
    expect(mine.warnings).toEqual(theirs.warnings);
    expect(mine.skippedFiles).toEqual(theirs.skippedFiles);
    expect(mine.documents).toEqual(theirs.documents);
    expect(mine.documents!.length).toBe(mine.counts.read);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(mine.pipeline).toEqual(theirs.pipeline);
    expect(mine.models).toEqual(theirs.models);
    expect(mine.options.workers).toBe(2);
    expect(readFileSync(join(out, 'errors.ndjson'), 'utf8')).toBe(readFileSync(join(local, 'errors.ndjson'), 'utf8'));

    // Submitting the same inputs again redoes nothing: every document is found unchanged, no article is rewritten.
    const mtimes = articles(out).map((f) => statSync(join(out, f)).mtimeMs);
    const again = await cli('submit', corpus, 'corpus/wire', '--redis', redis.url, '--queue', queue, '--out', out, '--wait', '--quiet');
    expect(again.code).toBe(2);
    const second = manifestOf(out);
    expect(second.counts).toEqual({ ...theirs.counts, written: 0, unchanged: theirs.counts.written });
    expect(articles(out).map((f) => statSync(join(out, f)).mtimeMs)).toEqual(mtimes);
  });

  it('loses nothing when a worker is killed while it holds a job: another takes it once the lock lapses', async () => {
    const queue = `test-${randomBytes(4).toString('hex')}`;
    const stall = ['--lock-duration', '2', '--stalled-interval', '1'];
    // The first worker holds its job for ten minutes: it is certainly holding it when killed.
    const doomed = startWorker(queue, stall, { STANCEMAP_TEST_JOB_DELAY_MS: '600000' });
    const input = join(temp('kill-in'), 'docs');
    mkdirSync(input);
    for (const i of [0, 1, 2]) writeFileSync(join(input, `article-${i}.txt`), readFileSync(join(corpus, `article-${i}.txt`)));
    const out = temp('kill-out');
    const submitted = await cli('submit', input, '--redis', redis.url, '--queue', queue, '--out', out, '--quiet');
    expect(submitted.code).toBe(0);
    const runId = submitted.stdout.trim();

    await waitFor(async () => (await activeJobs(redis.url, queue)) === 1, doomed);
    doomed.kill('SIGKILL');
    const survivor = startWorker(queue, stall);

    const collected = await cli('collect', '--redis', redis.url, '--queue', queue, '--run', runId, '--quiet');
    expect(collected.code, survivor.log.join('')).toBe(0);
    const manifest = manifestOf(out);
    expect(manifest.counts).toMatchObject({ read: 3, written: 3, failed: 0, unchanged: 0 });
    // Only the survivor recorded outcomes, one per document: the killed worker's job was redone once, not lost or counted twice.
    expect(manifest.options.workers).toBe(1);
    expect(articles(out)).toEqual(['article-0.json', 'article-1.json', 'article-2.json']);
    // Same text as the corpus' articles, read from another path: the same entities and statements.
    for (const file of articles(out)) {
      const [mine, theirs] = [JSON.parse(readFileSync(join(out, file), 'utf8')), JSON.parse(readFileSync(join(local, file), 'utf8'))];
      expect({ ...mine, source: null }).toEqual({ ...theirs, source: null });
    }
    const client = new Redis(redis.url);
    try {
      expect(await client.hgetall(`stancemap:${queue}:run:${runId}:counts`)).toMatchObject({ written: '3' });
    } finally {
      client.disconnect();
    }
  });

  it('fails a document whose article cannot be written once its attempts are spent, with the write error (E108)', async () => {
    const queue = `test-${randomBytes(4).toString('hex')}`;
    const blocker = join(temp('blocked'), 'a-file');
    writeFileSync(blocker, '');
    // This worker's output folder lies under a file: every write fails.
    startWorker(queue, ['--out', join(blocker, 'out')]);
    const input = temp('write-in');
    writeFileSync(join(input, 'article-0.txt'), readFileSync(join(corpus, 'article-0.txt')));
    const out = temp('write-out');
    const result = await cli('submit', input, '--redis', redis.url, '--queue', queue, '--out', out, '--attempts', '1', '--wait', '--quiet');
    expect(result.code).toBe(2);
    const manifest = manifestOf(out);
    expect(manifest.counts).toMatchObject({ read: 1, written: 0, failed: 1 });
    expect(manifest.failures).toEqual([expect.objectContaining({ docId: 'article-0', code: 'E108', line: null })]);
    expect(manifest.failures[0]!.reason).toMatch(/^E108 output not written: /);
  });

  it('says at once, with E009, when Redis cannot be reached', async () => {
    const result = await cli('collect', '--redis', 'redis://127.0.0.1:1', '--run', 'nothing');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E009 queue not usable: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});

async function activeJobs(url: string, queue: string): Promise<number> {
  const client = new Redis(url);
  try {
    return await client.llen(`bull:${queue}:active`);
  } finally {
    client.disconnect();
  }
}

async function waitFor(condition: () => Promise<boolean>, child: ChildProcess & { log: string[] }): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    if (child.exitCode !== null) throw new Error(`worker exited: ${child.log.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out: ${child.log.join('')}`);
}
