import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { writeReport } from '../../src/report/run.js';
import type { Article } from '../../src/schema/article.js';
import { cli } from '../helpers/cli.js';
import { kelvaneArticle } from './fixtures.js';

function folder(articles: Article[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'stancemap-report-'));
  for (const a of articles) {
    mkdirSync(join(dir, a.docId, '..'), { recursive: true });
    writeFileSync(join(dir, `${a.docId}.json`), JSON.stringify(a));
  }
  return dir;
}

function modelOf(html: string): ReportModel {
  const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(data) as ReportModel;
}

describe('stancemap report', () => {
  it('inlines small corpora and moves the chunks beside the page when asked, removing stale chunk files', async () => {
    const dir = folder([kelvaneArticle('wire/a', '2024-03-06'), kelvaneArticle('wire/b', '2024-03-07'), kelvaneArticle('c', null)]);
    const out = join(dir, 'report.html');
    const inline = await writeReport({ root: dir, out });
    expect(inline).toMatchObject({ exitCode: 0, articles: 3, invalid: 0, chunkDir: null });
    const model = modelOf(readFileSync(out, 'utf8'));
    expect(model.articles.map((a) => a.docId)).toEqual(['c', 'wire/a', 'wire/b']);
    expect(model.summary).toMatchObject({ manifest: null, articles: 3, statements: [3, 3, 3] });
    const files = await writeReport({ root: dir, out, chunks: { mode: 'files', size: 2, inlineMaxBytes: 0 } });
    expect(readdirSync(files.chunkDir!)).toEqual(['articles-0000.js', 'articles-0001.js']);
    expect(modelOf(readFileSync(out, 'utf8'))).toMatchObject({ chunkDir: 'report-files', chunkCount: 2 });
    await writeReport({ root: dir, out, chunks: { mode: 'files', size: 5, inlineMaxBytes: 0 } });
    expect(readdirSync(files.chunkDir!)).toEqual(['articles-0000.js']);
  });

  it('reports a file that is not an article with E113, writes the rest and exits 2', async () => {
    const dir = folder([kelvaneArticle('a', null)]);
    writeFileSync(join(dir, 'broken.json'), '{"docId": 3');
    const result = await cli('report', dir, '--out', join(dir, 'r.html'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/E113 .*broken\.json/);
    expect(modelOf(readFileSync(join(dir, 'r.html'), 'utf8')).summary.invalid).toHaveLength(1);
  });

  it('still writes the report when manifest.json is broken, without run counts, and exits 2', async () => {
    const dir = folder([kelvaneArticle('a', null)]);
    writeFileSync(join(dir, 'manifest.json'), '{"schemaVersion": 1}');
    const result = await cli('report', dir, '--out', join(dir, 'r.html'), '-q');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/E113 .*manifest\.json/);
    const { summary } = modelOf(readFileSync(join(dir, 'r.html'), 'utf8'));
    expect(summary.manifest).toBeNull();
    expect(summary.invalid.map((f) => f.path)).toEqual([join(dir, 'manifest.json')]);
    expect(summary.articles).toBe(1);
  });

  it('never fails because no browser can be opened: --open prints a note instead', async () => {
    const dir = folder([kelvaneArticle('a', null)]);
    vi.stubEnv('PATH', mkdtempSync(join(tmpdir(), 'stancemap-empty-path-')));
    const result = await cli('report', dir, '--out', join(dir, 'r.html'), '--open');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/--open: no browser opener .* open .*r\.html yourself/);
  });

  it('fails with E002 on a folder that does not exist', async () => {
    const result = await cli('report', join(tmpdir(), 'stancemap-no-such-folder'), '--out', join(tmpdir(), 'x.html'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E002/);
  });
});
