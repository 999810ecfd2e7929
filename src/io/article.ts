import type { Document } from '../document/types.js';
import { DocumentError } from '../errors.js';
import { ArticleChecked, type Article } from '../schema/article.js';
import { SCHEMA_VERSION, TOOL_VERSION } from '../version.js';

/**
 * The output JSON of one document (CONTRACT.md). Ids follow text order
 * (e1 is the entity mentioned first), so the same input always gives the
 * same bytes. Validated against the schema before anything is written.
 */
export function toArticle(doc: Document, fingerprint: string, tokenCount = doc.tokens.length): Article {
  const article: Article = {
    ...articleHeader(doc, fingerprint, { chars: doc.text.length, sentences: doc.sentences.length, tokens: tokenCount }),
    text: doc.text,
    sentences: doc.sentences.map((s) => ({ index: s.index, start: s.start, end: s.end })),
    entities: articleEntities(doc),
    statements: articleStatements(doc),
  };
  const checked = ArticleChecked.safeParse(article);
  if (!checked.success) throw schemaFailure(checked.error.issues[0]!);
  return article;
}

/** The fields before the text, in the order an article lists them. */
export type ArticleHeader = Omit<Article, 'text' | 'sentences' | 'entities' | 'statements'>;

export function articleHeader(
  doc: Pick<Document, 'id' | 'source' | 'metadata' | 'warnings'>,
  fingerprint: string,
  stats: Article['stats'],
): ArticleHeader {
  return {
    schemaVersion: SCHEMA_VERSION as 1,
    docId: doc.id,
    source: {
      path: doc.source.path,
      sha256: doc.source.sha256,
      bytes: doc.source.bytes,
      ...(doc.source.line !== undefined ? { line: doc.source.line } : {}),
      format: doc.source.format,
    },
    metadata: {
      title: doc.metadata.title,
      date: doc.metadata.date,
      author: doc.metadata.author,
      ...(doc.metadata.url !== undefined ? { url: doc.metadata.url } : {}),
      ...(doc.metadata.source !== undefined ? { source: doc.metadata.source } : {}),
    },
    pipeline: { version: TOOL_VERSION, fingerprint },
    stats,
    warnings: doc.warnings,
  };
}

/** E110 for the first problem the schema found, with where it is in the article. */
export function schemaFailure(issue: { path: PropertyKey[]; message: string }): DocumentError {
  return new DocumentError('E110', `${issue.path.map(String).join('.')}: ${issue.message}`);
}

export const entityId = (index: number) => `e${index + 1}`;

function articleEntities(doc: Document): Article['entities'] {
  return doc.entities.map((entity, e) => ({
    id: entityId(e),
    type: entity.type,
    name: entity.name,
    aliases: entity.aliases,
    ...(entity.kbId !== undefined ? { kbId: entity.kbId } : {}),
    ...(entity.roles?.length ? { roles: entity.roles.map((r) => ({ title: r.title, of: r.of === null ? null : entityId(r.of) })) } : {}),
    mentions: entity.mentions.map((m) => {
      const mention = doc.mentions[m]!;
      return {
        start: mention.start,
        end: mention.end,
        text: mention.text,
        sentence: mention.sentence,
        source: mention.provenance.source,
      };
    }),
  }));
}

function articleStatements(doc: Document): Article['statements'] {
  return doc.statements.map((s, k) => ({
    id: `s${k + 1}`,
    label: s.label,
    sentence: s.sentence,
    start: s.start,
    end: s.end,
    text: s.text,
    speaker: s.speaker === null ? null : entityId(s.speaker),
    speakerText: s.speakerText,
    targets: s.targets.map(entityId),
    cue: s.cue,
    confidence: s.confidence,
    source: s.provenance.source,
    ...(s.provenance.rule !== undefined ? { rule: s.provenance.rule } : {}),
  }));
}

export function serializeArticle(article: Article): string {
  return JSON.stringify(article, null, 2) + '\n';
}
