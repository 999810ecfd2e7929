import type { EntityType, StanceLabel } from '../document/types.js';

/**
 * The report model: what the HTML report shows, aggregated from an output
 * folder so that its size follows the number of actors and weeks rather than
 * the number of articles (the articles themselves go into chunks, see
 * chunks.ts). Keys are short because the model is inlined into the page.
 */

/** An actor of the graph: one knowledge-base entity across documents, or an unlinked name frequent enough to count. */
export interface Actor {
  id: string;
  name: string;
  type: EntityType;
  kbId: string | null;
  /** Documents that mention it. */
  docs: number;
  /** Support and threat statements it said or was the target of (its weighted degree in the graph). */
  statements: number;
}

/** A statement of an edge: the article's position in the index and the statement's id there. */
export type StatementRef = [doc: number, statement: string];

/** Support or threat statements from one speaker to one target; weight = refs.length. */
export interface Edge {
  source: string;
  target: string;
  label: Extract<StanceLabel, 'support' | 'threat'>;
  refs: StatementRef[];
}

/** Statements per label (support, threat, claim) in one week, the week named by its Monday (YYYY-MM-DD). */
export type WeekCounts = Record<string, [support: number, threat: number, claim: number]>;

export interface Timeline {
  all: WeekCounts;
  /** Per actor id: the statements it said or was a target of. */
  byActor: Record<string, WeekCounts>;
  /** Statements of articles without a date, which no week holds. */
  undated: number;
}

/** One line of the article list; `chunk` names the chunk that holds its text and annotations. */
export interface ArticleEntry {
  docId: string;
  title: string | null;
  date: string | null;
  chunk: number;
  /** Bit 1 support, 2 threat, 4 claim: the labels its statements carry. */
  labels: number;
  /** Indices into `names` of its speakers and of all its entities, for the list's filter. */
  speakers: number[];
  entities: number[];
}

export interface RunSummary {
  manifest: {
    tool: string;
    startedAt: string;
    durationMs: number;
    counts: Record<string, number>;
    failures: Array<{ code: string; docId: string | null; path: string; reason: string }>;
    /** Failures beyond the ones listed (the list is capped so that a bad run cannot bloat the page). */
    moreFailures: number;
    models: Array<{ name: string; version: string; kind: string }>;
  } | null;
  /** What the report itself read: articles, files that were not articles (E113), statements by label. */
  articles: number;
  invalid: Array<{ code: string; path: string; reason: string }>;
  statements: [support: number, threat: number, claim: number];
  entities: number;
}

export interface ReportModel {
  generated: string;
  source: string;
  actors: Actor[];
  edges: Edge[];
  timeline: Timeline;
  articles: ArticleEntry[];
  names: string[];
  chunkCount: number;
  /** Relative path of the chunk files' folder, null when the chunks are inlined in the page. */
  chunkDir: string | null;
  summary: RunSummary;
}

/** The display data of one article in a chunk. */
export interface ArticleView {
  docId: string;
  title: string | null;
  date: string | null;
  url: string | null;
  text: string;
  entities: Array<{
    id: string;
    type: EntityType;
    name: string;
    kbId: string | null;
    actor: string | null;
    mentions: Array<[number, number]>;
  }>;
  statements: Array<{
    id: string;
    label: StanceLabel;
    start: number;
    end: number;
    speaker: string | null;
    speakerText: string | null;
    targets: string[];
    cue: string | null;
    rule: string | null;
    confidence: number;
  }>;
}

export const LABEL_INDEX: Record<StanceLabel, 0 | 1 | 2> = { support: 0, threat: 1, claim: 2 };
