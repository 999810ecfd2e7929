import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorKey } from '../../src/report/actors.js';
import { StanceAggregator, weekOf } from '../../src/report/aggregate.js';
import { ArticleIndex, articleView } from '../../src/report/articles.js';
import { scriptSafeJson } from '../../src/report/chunks.js';
import type { ReportModel } from '../../src/report/model.js';
import { writeReport } from '../../src/report/run.js';
import type { Article } from '../../src/schema/article.js';
import { makeArticle, spanOf } from '../helpers/articles.js';
import { cli } from '../helpers/cli.js';

/** Invented names only. Oruba Tesfanet and the Kelvane Water Authority are in the knowledge base (kbId); Tomas Veller is not. */
function kelvaneArticle(docId: string, date: string | null, veller = 'Tomas Veller'): Article {
  const text = `${veller} warned the Kelvane Water Authority. Oruba Tesfanet praised the Kelvane Water Authority. ${veller} said the rains came.`;
  const article = makeArticle(text, {
    docId,
    entities: [
      { type: 'PERSON', mentions: [spanOf(text, veller), spanOf(text, veller, 2)] },
      { type: 'ORGANIZATION', mentions: [spanOf(text, 'Kelvane Water Authority'), spanOf(text, 'Kelvane Water Authority', 2)] },
      { type: 'PERSON', mentions: [spanOf(text, 'Oruba Tesfanet')] },
    ],
    statements: [
      { label: 'threat', ...spanOf(text, `${veller} warned the Kelvane Water Authority.`), speaker: 'e1', targets: ['e2'] },
      { label: 'support', ...spanOf(text, 'Oruba Tesfanet praised the Kelvane Water Authority.'), speaker: 'e3', targets: ['e2'] },
      { label: 'claim', ...spanOf(text, `${veller} said the rains came.`), speaker: 'e1', targets: [] },
    ],
  });
  article.entities[1]!.kbId = 'kelvane-water-authority';
  article.entities[2]!.kbId = 'oruba-tesfanet';
  article.metadata.date = date;
  article.metadata.title = `Rains over Kelvane (${docId})`;
  return article;
}

function aggregate(articles: Article[], limits = { minDocs: 2, maxActors: 150 }) {
  const aggregator = new StanceAggregator();
  articles.forEach((a, i) => aggregator.add(a, i));
  return aggregator.graph(limits);
}

describe('report model', () => {
  it('keys actors by kbId across documents and unlinked ones by type and normalized name', () => {
    expect(actorKey({ type: 'ORGANIZATION', name: 'Kelvane Water Authority', kbId: 'kwa' })).toBe('kb:kwa');
    expect(actorKey({ type: 'PERSON', name: 'Tomas  VELLER', kbId: undefined })).toBe(
      actorKey({ type: 'PERSON', name: 'tomas veller', kbId: undefined }),
    );
    expect(actorKey({ type: 'PERSON', name: 'Veller', kbId: undefined })).not.toBe(
      actorKey({ type: 'LOCATION', name: 'Veller', kbId: undefined }),
    );
  });

  it('counts support and threat edges from speaker to target, with references to the statements', () => {
    const { actors, edges } = aggregate([kelvaneArticle('a', '2024-03-06'), kelvaneArticle('b', '2024-03-07', 'TOMAS VELLER')]);
    expect(actors.map((a) => [a.id, a.docs, a.statements])).toEqual([
      ['kb:kelvane-water-authority', 2, 4],
      ['kb:oruba-tesfanet', 2, 2],
      ['n:PERSON:tomas veller', 2, 2],
    ]);
    expect(edges).toEqual([
      {
        source: 'kb:oruba-tesfanet',
        target: 'kb:kelvane-water-authority',
        label: 'support',
        refs: [
          [0, 's2'],
          [1, 's2'],
        ],
      },
      {
        source: 'n:PERSON:tomas veller',
        target: 'kb:kelvane-water-authority',
        label: 'threat',
        refs: [
          [0, 's1'],
          [1, 's1'],
        ],
      },
    ]);
  });

  it('names an actor by its commonest spelling', () => {
    const { actors } = aggregate([
      kelvaneArticle('a', null),
      kelvaneArticle('b', null, 'TOMAS VELLER'),
      kelvaneArticle('c', null, 'TOMAS VELLER'),
    ]);
    expect(actors.find((a) => a.id === 'n:PERSON:tomas veller')?.name).toBe('TOMAS VELLER');
  });

  it('leaves out unlinked actors seen in fewer than minDocs documents, and caps the graph at maxActors', () => {
    const one = aggregate([kelvaneArticle('a', null)]);
    expect(one.actors.map((a) => a.id)).toEqual(['kb:kelvane-water-authority', 'kb:oruba-tesfanet']);
    expect(one.edges.map((e) => e.label)).toEqual(['support']);
    const capped = aggregate([kelvaneArticle('a', null), kelvaneArticle('b', null)], { minDocs: 1, maxActors: 2 });
    expect(capped.actors).toHaveLength(2);
    expect(capped.edges.every((e) => capped.actors.some((a) => a.id === e.source))).toBe(true);
  });

  it('counts statements per label per ISO week, overall and per actor, and the undated ones apart', () => {
    expect(weekOf('2024-03-06')).toBe('2024-03-04');
    expect(weekOf('2024-03-04')).toBe('2024-03-04');
    expect(weekOf('2024-03-10')).toBe('2024-03-04');
    expect(weekOf('2024-01-01')).toBe('2024-01-01');
    const { timeline } = aggregate([kelvaneArticle('a', '2024-03-06'), kelvaneArticle('b', '2024-03-12'), kelvaneArticle('c', null)]);
    expect(timeline.all).toEqual({ '2024-03-04': [1, 1, 1], '2024-03-11': [1, 1, 1] });
    expect(timeline.byActor['n:PERSON:tomas veller']).toEqual({ '2024-03-04': [0, 1, 1], '2024-03-11': [0, 1, 1] });
    expect(timeline.byActor['kb:oruba-tesfanet']).toEqual({ '2024-03-04': [1, 0, 0], '2024-03-11': [1, 0, 0] });
    expect(timeline.undated).toBe(3);
  });

  it('indexes articles by labels, speakers and entity names for the filter, names shared case-insensitively', () => {
    const index = new ArticleIndex();
    index.add(kelvaneArticle('a', null), 0);
    index.add(kelvaneArticle('b', null, 'TOMAS VELLER'), 0);
    expect(index.names).toEqual(['Tomas Veller', 'Oruba Tesfanet', 'Kelvane Water Authority']);
    expect(index.entries[1]).toMatchObject({ docId: 'b', labels: 7, speakers: [0, 1], entities: [0, 1, 2], chunk: 0 });
  });

  it('gives the page the article text with mention and statement offsets and each entity its actor', () => {
    const article = kelvaneArticle('a', null);
    const view = articleView(article, new StanceAggregator().add(article, 0));
    const [first, second] = [spanOf(article.text, 'Kelvane Water Authority'), spanOf(article.text, 'Kelvane Water Authority', 2)];
    expect(view.text).toBe(article.text);
    expect(view.entities[1]).toMatchObject({
      name: 'Kelvane Water Authority',
      actor: 'kb:kelvane-water-authority',
      mentions: [
        [first.start, first.end],
        [second.start, second.end],
      ],
    });
    expect(view.statements[0]).toMatchObject({ label: 'threat', speaker: 'e1', targets: ['e2'], confidence: 0.9 });
  });

  it('writes JSON that cannot close its script element', () => {
    const json = scriptSafeJson({ text: '</script><script>alert(1)</script><!-- \u2028' });
    expect(json).not.toMatch(/<\/script|<!--|\u2028/);
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script><!-- \u2028' });
  });
});

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

  it('fails with E002 on a folder that does not exist', async () => {
    const result = await cli('report', join(tmpdir(), 'stancemap-no-such-folder'), '--out', join(tmpdir(), 'x.html'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E002/);
  });
});
