import { z } from 'zod';
import type { TextSlices } from '../document/utf8-text.js';
import { ENTITY_TYPES, PROVENANCE_SOURCES, STANCE_LABELS } from '../document/types.js';

/**
 * The per-document output (CONTRACT.md), version 1. The structural schema is
 * what `schema/article.schema.json` publishes; `ArticleChecked` adds the
 * checks JSON Schema cannot express (offsets inside the text, spans matching
 * their text, ids that point somewhere).
 */
const offset = z.number().int().min(0);
const entityId = z.string().regex(/^e[1-9]\d*$/);
const statementId = z.string().regex(/^s[1-9]\d*$/);
export const EntityTypeSchema = z.enum(ENTITY_TYPES);
export const StanceLabelSchema = z.enum(STANCE_LABELS);
const provenanceSource = z.enum(PROVENANCE_SOURCES);

export const MentionSchema = z.object({
  start: offset,
  end: offset,
  text: z.string().min(1),
  sentence: z.number().int().min(0),
  source: provenanceSource.describe('which kind of model found the mention'),
});

export const EntitySchema = z.object({
  id: entityId,
  type: EntityTypeSchema,
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  kbId: z.string().optional().describe('knowledge-base id, stable across documents'),
  roles: z
    .array(z.object({ title: z.string().min(1), of: entityId.nullable() }))
    .optional()
    .describe('roles the text gives a person: "spokesman" of e4'),
  mentions: z.array(MentionSchema).min(1),
});

export const StatementSchema = z.object({
  id: statementId,
  label: StanceLabelSchema,
  sentence: z.number().int().min(0),
  start: offset,
  end: offset,
  text: z.string().min(1),
  speaker: entityId.nullable(),
  speakerText: z.string().nullable(),
  targets: z.array(entityId),
  cue: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  source: provenanceSource,
  rule: z.string().optional().describe('the rule or model decision that produced the statement'),
});

export const ArticleSchema = z.object({
  schemaVersion: z.literal(1),
  docId: z.string().min(1),
  source: z.object({
    path: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().min(0),
    line: z.number().int().min(1).optional(),
    format: z.enum(['txt', 'md', 'html', 'jsonl']),
  }),
  metadata: z.object({
    title: z.string().nullable(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    author: z.string().nullable(),
    url: z.string().nullable().optional(),
    source: z.string().nullable().optional(),
  }),
  pipeline: z.object({ version: z.string(), fingerprint: z.string() }),
  stats: z.object({ chars: z.number().int().min(0), sentences: z.number().int().min(0), tokens: z.number().int().min(0) }),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  text: z.string(),
  sentences: z.array(z.object({ index: z.number().int().min(0), start: offset, end: offset })),
  entities: z.array(EntitySchema),
  statements: z.array(StatementSchema),
});

export type Article = z.infer<typeof ArticleSchema>;

/** Reports one problem at a path inside the article. */
export type IssueSink = (path: Array<string | number>, message: string) => void;

type Sentence = Article['sentences'][number];
type Entity = Article['entities'][number];
type Statement = Article['statements'][number];

/** What the per-item checks need to know about the article around the item. */
export interface ArticleFrame {
  /** The article's text, or (for a long one written piece by piece) its slices. */
  text: TextSlices;
  sentenceCount: number;
  hasEntity: (id: string) => boolean;
}

export function checkSentence(s: Sentence, i: number, text: TextSlices, issue: IssueSink): void {
  if (s.index !== i) issue(['sentences', i, 'index'], `should be ${i}`);
  if (!(s.start < s.end && s.end <= text.length)) issue(['sentences', i], 'span outside the text or empty');
}

export function checkEntity(entity: Entity, e: number, frame: ArticleFrame, issue: IssueSink): void {
  entity.mentions.forEach((m, k) => checkMention(m, [e, k], frame, issue));
  checkRoles(entity, e, frame, issue);
}

/** Mention `k` of entity `e`. */
export function checkMention(m: Entity['mentions'][number], [e, k]: [number, number], frame: ArticleFrame, issue: IssueSink): void {
  const { text } = frame;
  if (!(m.start < m.end && m.end <= text.length)) issue(['entities', e, 'mentions', k], 'span outside the text or empty');
  else if (text.slice(m.start, m.end) !== m.text) issue(['entities', e, 'mentions', k, 'text'], 'does not match text.slice(start, end)');
  if (m.sentence >= frame.sentenceCount) issue(['entities', e, 'mentions', k, 'sentence'], 'no such sentence');
}

export function checkRoles(entity: Pick<Entity, 'roles'>, e: number, frame: ArticleFrame, issue: IssueSink): void {
  entity.roles?.forEach((role, r) => {
    if (role.of !== null && !frame.hasEntity(role.of)) issue(['entities', e, 'roles', r, 'of'], `unknown entity ${role.of}`);
  });
}

export function checkStatement(s: Statement, k: number, frame: ArticleFrame, issue: IssueSink): void {
  const { text } = frame;
  if (!(s.start < s.end && s.end <= text.length)) issue(['statements', k], 'span outside the text or empty');
  else if (text.slice(s.start, s.end) !== s.text) issue(['statements', k, 'text'], 'does not match text.slice(start, end)');
  if (s.speaker !== null && !frame.hasEntity(s.speaker)) issue(['statements', k, 'speaker'], `unknown entity ${s.speaker}`);
  s.targets.forEach((t, i) => {
    if (!frame.hasEntity(t)) issue(['statements', k, 'targets', i], `unknown entity ${t}`);
  });
}

export const ArticleChecked = ArticleSchema.superRefine((article, ctx) => {
  const issue: IssueSink = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  const { text } = article;
  if (article.stats.chars !== text.length) issue(['stats', 'chars'], `is ${article.stats.chars}, text has ${text.length}`);
  const ids = new Set(article.entities.map((e) => e.id));
  const frame: ArticleFrame = { text, sentenceCount: article.sentences.length, hasEntity: (id) => ids.has(id) };
  article.sentences.forEach((s, i) => checkSentence(s, i, text, issue));
  article.entities.forEach((entity, e) => checkEntity(entity, e, frame, issue));
  article.statements.forEach((s, k) => checkStatement(s, k, frame, issue));
});

/** Gold files (CONTRACT.md): only what is annotated. Extra fields are allowed and ignored. */
export const GoldSchema = z.object({
  docId: z.string().min(1),
  entities: z.array(
    z.object({
      type: EntityTypeSchema,
      name: z.string().min(1),
      mentions: z.array(z.object({ start: offset, end: offset, text: z.string().optional() })),
    }),
  ),
  statements: z.array(
    z.object({ label: StanceLabelSchema, start: offset, end: offset, speaker: z.string().nullable() }),
  ),
  ignore: z.array(z.object({ start: offset, end: offset })).optional(),
});

export type Gold = z.infer<typeof GoldSchema>;

export function articleJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://stancemap.dev/schema/article-v1.json',
    title: 'stancemap article, schemaVersion 1',
    ...(z.toJSONSchema(ArticleSchema, { target: 'draft-2020-12' }) as Record<string, unknown>),
  };
}
