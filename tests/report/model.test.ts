import { describe, expect, it } from 'vitest';
import { actorKey } from '../../src/report/actors.js';
import { StanceAggregator, weekOf } from '../../src/report/aggregate.js';
import { ArticleIndex, articleView } from '../../src/report/articles.js';
import { scriptSafeJson } from '../../src/report/chunks.js';
import type { Article } from '../../src/schema/article.js';
import { spanOf } from '../helpers/articles.js';
import { kelvaneArticle } from './fixtures.js';

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
