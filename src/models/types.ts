import type { Document, EntityType, Provenance, Span, StanceLabel } from '../document/types.js';

/** What the manifest records about each model, and what the fingerprint hashes. */
export interface ModelInfo {
  name: string;
  version: string;
  kind: 'kb' | 'rules' | 'compromise' | 'statistical' | 'transformer';
  /** Hashes of the data files the model was built from. */
  resources?: Record<string, string>;
}

export interface MentionCandidate extends Span {
  type: EntityType;
  kbId?: string;
  provenance: Provenance;
  /** Start offset of the long form this mention abbreviates or re-names ("LH" → "Lebanese Hizbullah"). */
  aliasOf?: Span;
}

/**
 * Finds entity mentions. Batch-friendly: takes several documents, returns one
 * candidate list per document in the same order. A recognizer sees the
 * mentions already accepted in each document (`doc.mentions`), so later
 * passes can build on earlier ones (acronyms after their long forms).
 */
export interface EntityRecognizer {
  readonly info: ModelInfo;
  recognize(docs: readonly Document[]): Promise<MentionCandidate[][]>;
}

/** A stretch of text a model read as no name at all, with its confidence in that. */
export interface OutsideSpan extends Span {
  score: number;
}

export interface ScoredRecognition {
  candidates: MentionCandidate[];
  outside: OutsideSpan[];
}

/**
 * A recognizer that also says where it is sure there is no name (a token
 * classifier's "O"), so an ensemble can veto weak hits of other recognizers.
 */
export interface VetoingRecognizer extends EntityRecognizer {
  recognizeScored(docs: readonly Document[]): Promise<ScoredRecognition[]>;
}

export interface StatementCandidate extends Span {
  sentence: number;
  label: StanceLabel;
  speakerMention: number | null;
  speakerEntity: number | null;
  speakerText: string | null;
  cue: string | null;
  confidence: number;
  provenance: Provenance;
}

/** Finds attributed statements and labels them. */
export interface StatementExtractor {
  readonly info: ModelInfo;
  extract(docs: readonly Document[]): Promise<StatementCandidate[][]>;
}

/** Hears how far a long computation has got: `done` of `total` in the named phase (training's progress line). */
export type ProgressCallback = (phase: string, done: number, total: number) => void;
