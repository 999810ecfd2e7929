/**
 * The one object every stage enriches. All offsets are UTF-16 code-unit
 * indices into `text` (ANNOTATION.md): `start` inclusive, `end` exclusive.
 */

/** The entity types of ANNOTATION.md: every schema, file format and score derives from this list. */
export const ENTITY_TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** The statement labels of ANNOTATION.md. */
export const STANCE_LABELS = ['support', 'threat', 'claim'] as const;
export type StanceLabel = (typeof STANCE_LABELS)[number];

/** What kind of model or rule produced an annotation. */
export const PROVENANCE_SOURCES = ['kb', 'rule', 'compromise', 'model', 'definition', 'acronym', 'echo'] as const;
export type ProvenanceSource = (typeof PROVENANCE_SOURCES)[number];

export interface Span {
  start: number;
  end: number;
}

export interface SourceInfo {
  /** Input path as given on the command line joined with the path below it. */
  path: string;
  sha256: string;
  bytes: number;
  /** 1-based line number for `.jsonl` documents. */
  line?: number;
  format: 'txt' | 'md' | 'html' | 'jsonl';
}

export interface Metadata {
  title: string | null;
  date: string | null;
  author: string | null;
  url?: string | null;
  source?: string | null;
}

/** Parts of the text that are not running prose; `heading` and `frontmatter` are Markdown's. */
export type ZoneKind =
  'headline' | 'heading' | 'byline' | 'dateline' | 'date' | 'boilerplate' | 'definitions' | 'footnotes' | 'frontmatter';

export interface Zone extends Span {
  kind: ZoneKind;
}

export interface Token extends Span {
  text: string;
  /** No whitespace between this token and the next one. */
  joinedToNext: boolean;
}

export interface Sentence extends Span {
  index: number;
  /** Index range into `Document.tokens`, end exclusive. */
  tokenStart: number;
  tokenEnd: number;
  /** 0-based paragraph number: blank lines separate paragraphs. */
  paragraph: number;
}

/** Where an annotation came from: which model, which rule, how sure. */
export interface Provenance {
  source: ProvenanceSource;
  model: string;
  rule?: string;
  score: number;
}

export interface Mention extends Span {
  text: string;
  type: EntityType;
  sentence: number;
  kbId?: string;
  provenance: Provenance;
  /** Index into Document.entities once resolution has run. */
  entity?: number;
}

export interface Role {
  /** The role as the text words it: "deputy secretary-general", "spokesman". */
  title: string;
  /** Index into Document.entities of the organization or place it is a role of, if named. */
  of: number | null;
}

export interface Entity {
  type: EntityType;
  name: string;
  aliases: string[];
  kbId?: string;
  roles?: Role[];
  /** Indices into Document.mentions, in text order. */
  mentions: number[];
}

export interface Statement extends Span {
  label: StanceLabel;
  sentence: number;
  text: string;
  /** Index into Document.entities, or null for an unnamed or unknown source. */
  speaker: number | null;
  speakerText: string | null;
  targets: number[];
  cue: string | null;
  confidence: number;
  provenance: Provenance;
}

export interface DocumentWarning {
  code: string;
  message: string;
}

export interface Document {
  id: string;
  text: string;
  source: SourceInfo;
  metadata: Metadata;
  warnings: DocumentWarning[];
  zones: Zone[];
  tokens: Token[];
  sentences: Sentence[];
  mentions: Mention[];
  entities: Entity[];
  statements: Statement[];
  /** An alias mention and the span of the long form it re-names ("LH" → "Lebanese Hizbullah"). */
  aliasLinks: Array<{ alias: Span; target: Span }>;
  /** Which stages have run, in order. */
  stages: string[];
}

export function createDocument(init: {
  id: string;
  text: string;
  source: SourceInfo;
  metadata?: Partial<Metadata>;
  warnings?: DocumentWarning[];
}): Document {
  return {
    id: init.id,
    text: init.text,
    source: init.source,
    metadata: { title: null, date: null, author: null, ...init.metadata },
    warnings: init.warnings ?? [],
    zones: [],
    tokens: [],
    sentences: [],
    mentions: [],
    entities: [],
    statements: [],
    aliasLinks: [],
    stages: [],
  };
}
