import type { Article } from '../schema/article.js';
import { LABEL_INDEX, type ArticleEntry, type ArticleView } from './model.js';

/**
 * The article list of the report: one small entry per article (title, date,
 * labels, speakers and entities as indices into a shared table of names), so
 * that the client can filter 10,000 articles without loading their text.
 */
export class ArticleIndex {
  readonly entries: ArticleEntry[] = [];
  readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();

  add(article: Article, chunk: number): void {
    const byId = new Map(article.entities.map((e) => [e.id, e.name]));
    const speakers = article.statements.flatMap((s) => (s.speaker === null ? [] : [byId.get(s.speaker)!]));
    let labels = 0;
    for (const s of article.statements) labels |= 1 << LABEL_INDEX[s.label];
    this.entries.push({
      docId: article.docId,
      title: article.metadata.title,
      date: article.metadata.date,
      chunk,
      labels,
      speakers: this.indices(speakers),
      entities: this.indices(article.entities.map((e) => e.name)),
    });
  }

  /** Names are shared case-insensitively: the first spelling seen is the one the filter offers. */
  private indices(names: readonly string[]): number[] {
    const out = new Set<number>();
    for (const name of names) {
      const folded = name.toLowerCase();
      let index = this.nameIndex.get(folded);
      if (index === undefined) {
        index = this.names.push(name) - 1;
        this.nameIndex.set(folded, index);
      }
      out.add(index);
    }
    return [...out].sort((a, b) => a - b);
  }
}

/** What the page needs to show one article: its text with mention and statement spans, nothing of the pipeline's bookkeeping. */
export function articleView(article: Article, actorOf: ReadonlyMap<string, string>): ArticleView {
  return {
    docId: article.docId,
    title: article.metadata.title,
    date: article.metadata.date,
    url: article.metadata.url ?? null,
    text: article.text,
    entities: article.entities.map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      kbId: e.kbId ?? null,
      actor: actorOf.get(e.id) ?? null,
      mentions: e.mentions.map((m): [number, number] => [m.start, m.end]),
    })),
    statements: article.statements.map((s) => ({
      id: s.id,
      label: s.label,
      start: s.start,
      end: s.end,
      speaker: s.speaker,
      speakerText: s.speakerText,
      targets: s.targets,
      cue: s.cue,
      rule: s.rule ?? null,
      confidence: s.confidence,
    })),
  };
}
