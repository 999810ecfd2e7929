import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { ArticleChecked } from '../../src/schema/article.js';
import { ManifestSchema, type Manifest } from '../../src/schema/manifest.js';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `stancemap-${prefix}-`));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const manifestOf = (out: string): Manifest => ManifestSchema.parse(readJson(join(out, 'manifest.json')));

function articleFiles(out: string): string[] {
  return readdirSync(out, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
    .sort();
}

async function extract(...args: string[]): Promise<number> {
  return run(['extract', ...args, '--quiet']);
}

describe('stancemap extract on the sample corpus', () => {
  let out: string;
  let exitCode: number;
  beforeAll(async () => {
    out = temp('corpus');
    exitCode = await extract('corpus', '--out', out);
  });

  it('writes one schema-valid JSON per document and exits 0', () => {
    expect(exitCode).toBe(0);
    const files = articleFiles(out);
    const manifest = manifestOf(out);
    expect(files.length).toBe(manifest.counts.written);
    expect(manifest.counts).toMatchObject({ failed: 0, unchanged: 0 });
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const parsed = ArticleChecked.safeParse(readJson(join(out, file)));
      expect(parsed.success, `${file}: ${parsed.error?.issues[0]?.message}`).toBe(true);
      expect(file.replace(/\.json$/, '')).toBe(parsed.data!.docId);
    }
  });

  it('finds entities and statements in every home-domain article', () => {
    for (const file of articleFiles(out).filter((f) => f.startsWith('home/'))) {
      const article = ArticleChecked.parse(readJson(join(out, file)));
      expect(article.entities.length, file).toBeGreaterThan(5);
      expect(article.statements.length, file).toBeGreaterThan(2);
    }
  });

  it('gives an actor the same knowledge-base id in every document', () => {
    const ids = new Set<string>();
    for (const file of articleFiles(out)) {
      const article = ArticleChecked.parse(readJson(join(out, file)));
      for (const entity of article.entities)
        if (['Hezbollah', 'Hizbullah', 'Hizballah'].includes(entity.name)) ids.add(entity.kbId ?? 'none');
    }
    expect([...ids]).toEqual(['hezbollah']);
  });

  it('runs only the recognizers named by --entities, and rejects unknown ones', async () => {
    const only = temp('entities');
    expect(await extract('corpus/wire', '--out', only, '--entities', 'compromise')).toBe(0);
    const manifest = manifestOf(only);
    expect(manifest.models.map((m) => m.name)).toEqual(['compromise', 'statement-rules+attribution-union']);
    expect(await extract('corpus/wire', '--out', temp('bad-entities'), '--entities', 'kb,magic')).toBe(1);
  });

  it('--attribution chooses how the attribution model joins the rules; the manifest records the model file hash', async () => {
    const rulesOnly = temp('attribution-rules');
    expect(await extract('corpus/wire', '--out', rulesOnly, '--attribution', 'rules')).toBe(0);
    expect(manifestOf(rulesOnly).models.at(-1)!.name).toBe('statement-rules');
    const statements = manifestOf(out).models.at(-1)!;
    expect(statements.resources?.['attribution.json']).toMatch(/^[0-9a-f]{64}$/);
    expect(await extract('corpus/wire', '--out', temp('bad-attribution'), '--attribution', 'maybe')).toBe(1);
  });

  it('writes a manifest with models, times and counts, and an empty errors.ndjson', () => {
    const manifest = manifestOf(out);
    expect(manifest.models.map((m) => m.name)).toEqual([
      'kb-gazetteer',
      'name-rules',
      'ner-perceptron',
      'acronym-rules',
      'name-echo',
      'statement-rules+attribution-union',
    ]);
    expect(Date.parse(manifest.finishedAt)).toBeGreaterThanOrEqual(Date.parse(manifest.startedAt));
    expect(readFileSync(join(out, 'errors.ndjson'), 'utf8')).toBe('');
  });

  it('is deterministic: a second run elsewhere gives byte-identical article files', async () => {
    const again = temp('again');
    expect(await extract('corpus', '--out', again, '--workers', '0', '--batch-size', '3')).toBe(0);
    for (const file of articleFiles(out)) expect(readFileSync(join(again, file), 'utf8')).toBe(readFileSync(join(out, file), 'utf8'));
  });

  it('re-runs incrementally: unchanged documents are skipped, changed ones redone, --force redoes all', async () => {
    const input = temp('incremental-in');
    cpSync('corpus', input, { recursive: true });
    const target = temp('incremental-out');
    await extract(input, '--out', target);
    const total = manifestOf(target).counts.written;

    await extract(input, '--out', target);
    expect(manifestOf(target).counts).toMatchObject({ written: 0, unchanged: total });

    const changed = join(input, 'general', 'chipmaker-earnings.txt');
    writeFileSync(changed, readFileSync(changed, 'utf8') + '\nAnalysts said the outlook was mixed.\n');
    await extract(input, '--out', target);
    expect(manifestOf(target).counts).toMatchObject({ written: 1, unchanged: total - 1 });

    await extract(input, '--out', target, '--force');
    expect(manifestOf(target).counts).toMatchObject({ written: total, unchanged: 0 });
  });
});

describe('bad input: each failure is reported, the rest is written, exit code 2', () => {
  let input: string;
  let out: string;
  let exitCode: number;
  let manifest: Manifest;
  let errors: Array<{ path: string; code: string; reason: string; line: number | null }>;

  beforeAll(async () => {
    input = temp('bad-in');
    out = temp('bad-out');
    writeFileSync(join(input, 'good.txt'), 'Hezbollah said it fired rockets at Israel on Sunday.\n');
    writeFileSync(join(input, 'empty.txt'), '');
    writeFileSync(join(input, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    writeFileSync(
      join(input, 'latin1.txt'),
      Buffer.concat([Buffer.from('Hamas said the caf'), Buffer.from([0xe9]), Buffer.from(' was hit.\n')]),
    );
    writeFileSync(join(input, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'a'));
    symlinkSync(join(input, 'missing-target.txt'), join(input, 'unreadable.txt'));
    writeFileSync(
      join(input, 'feed.jsonl'),
      `${JSON.stringify({ id: 'feed-1', text: 'Iran warned Israel.' })}\n{"id": "feed-2", "text": \n`,
    );
    writeFileSync(join(input, 'twin.txt'), 'The Pentagon said nothing.\n');
    writeFileSync(join(input, 'twin.md'), 'The Pentagon said nothing again.\n');
    mkdirSync(join(out, 'blocked.json'), { recursive: true });
    writeFileSync(join(input, 'blocked.txt'), 'Qatar said talks would resume.\n');
    writeFileSync(join(input, 'photo.png'), 'not a document');
    exitCode = await extract(input, '--out', out);
    manifest = manifestOf(out);
    errors = readFileSync(join(out, 'errors.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  });

  const failureFor = (name: string) => manifest.failures.find((f) => relative(input, f.path) === name);

  it('exits 2 and still writes the good documents', () => {
    expect(exitCode).toBe(2);
    expect(existsSync(join(out, 'good.json'))).toBe(true);
    expect(existsSync(join(out, 'latin1.json'))).toBe(true);
    expect(existsSync(join(out, 'feed-1.json'))).toBe(true);
    expect(existsSync(join(out, 'twin.json'))).toBe(true);
    expect(manifest.counts).toMatchObject({ written: 4, failed: 7, skipped: 1 });
  });

  it.each([
    ['empty.txt', 'E101', /empty document/],
    ['binary.txt', 'E102', /binary/],
    ['huge.txt', 'E103', /50\.0 MB is over the limit/],
    ['unreadable.txt', 'E104', /ENOENT|no such file/],
    ['feed.jsonl', 'E105', /line 2: not valid JSON/],
    ['twin.txt', 'E106', /already produced by .*twin\.md/],
    ['blocked.txt', 'E108', /EISDIR|directory/],
  ])('%s fails with %s and a one-line reason', (name, code, reason) => {
    const failure = failureFor(name);
    expect(failure, `no failure for ${name}`).toBeDefined();
    expect(failure!.code).toBe(code);
    expect(failure!.reason).toMatch(reason);
    expect(failure!.reason).not.toContain('\n');
    expect(errors.some((e) => e.path === failure!.path && e.code === code)).toBe(true);
  });

  it('writes invalid UTF-8 with a warning instead of failing', () => {
    const article = ArticleChecked.parse(readJson(join(out, 'latin1.json')));
    expect(article.warnings).toEqual([expect.objectContaining({ code: 'W201' })]);
    expect(article.text).toContain('caf\uFFFD');
    expect(manifest.warnings).toEqual([expect.objectContaining({ docId: 'latin1', code: 'W201' })]);
  });

  it('stops with exit 1 and a clear message when the output folder cannot be written', async () => {
    const file = join(temp('not-a-dir'), 'file');
    writeFileSync(file, 'x');
    expect(await extract(input, '--out', join(file, 'out'))).toBe(1);
    expect(await extract(join(input, 'no-such-folder'), '--out', temp('x'))).toBe(1);
  });
});

describe('the stancemap command itself', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  it('exits 1 with a message on bad usage, 0 with a summary on success', async () => {
    const usage = await cli(['extract', 'corpus']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/required option '-o, --out <dir>'/);
    const out = temp('spawn');
    const ok = await cli(['extract', 'corpus/wire', '--out', out, '--progress-interval', '1']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/3 read, 3 written, 0 unchanged, 0 failed/);
  });

  it('leaves only complete article files when killed mid-run', async () => {
    const input = temp('kill-in');
    const text = readFileSync('corpus/home/qaani-baghdad-visit.txt', 'utf8');
    for (let i = 0; i < 400; i++) writeFileSync(join(input, `copy-${String(i).padStart(3, '0')}.txt`), `${text}\nCopy ${i}.\n`);
    const out = temp('kill-out');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'extract', input, '--out', out, '--quiet'], {
      stdio: 'ignore',
    });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(out) && readdirSync(out).some((f) => f.endsWith('.json'))) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((resolve) => child.on('close', resolve));
    const written = readdirSync(out).filter((f) => f.endsWith('.json'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(400);
    for (const file of written) expect(() => ArticleChecked.parse(readJson(join(out, file)))).not.toThrow();
  });
});
