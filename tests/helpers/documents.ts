import { createDocument, type Document } from '../../src/document/types.js';
import { buildDefaultPipeline } from '../../src/pipeline/default.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { loadLexicons } from '../../src/resources/lexicons.js';
import { SegmentStage } from '../../src/pipeline/stages/segment.js';
import { ZoneStage } from '../../src/pipeline/stages/zones.js';
import { sha256 } from '../../src/io/sources.js';

/** A document built by hand from text, as ingest would make it. */
export function makeDocument(text: string, format: Document['source']['format'] = 'txt', id = 'test'): Document {
  return createDocument({ id, text, source: { path: `${id}.${format}`, sha256: sha256(text), bytes: Buffer.byteLength(text), format } });
}

/** Zones, tokens and sentences only: enough for the stages that come after segmentation. */
export function segmented(text: string, format: Document['source']['format'] = 'txt'): Document {
  const doc = makeDocument(text, format);
  new ZoneStage().run([doc]);
  new SegmentStage(loadLexicons()).run([doc]);
  return doc;
}

/**
 * The default pipeline, built once per module instance: once per test file,
 * or once per worker when test files share modules (isolate: false in
 * vitest.config.ts).
 */
let shared: ReturnType<typeof buildDefaultPipeline> | undefined;

/** The default pipeline with its resources, shared as above. */
export function defaultBuilt(): ReturnType<typeof buildDefaultPipeline> {
  shared ??= buildDefaultPipeline();
  return shared;
}

/** The default pipeline, shared as above. */
export function defaultPipeline(): Pipeline {
  return defaultBuilt().pipeline;
}

/** The whole default pipeline over one text. */
export async function analyze(text: string, format: Document['source']['format'] = 'txt'): Promise<Document> {
  const doc = makeDocument(text, format);
  const failures = await defaultPipeline().process([doc]);
  if (failures.length > 0) throw failures[0]!.error;
  return doc;
}

/** The default pipeline's stages before statements, by name. */
export type EarlyStage = 'zones' | 'segment' | 'entities' | 'resolve' | 'roles';

let early: ReturnType<typeof buildDefaultPipeline> | undefined;

/**
 * The default pipeline's stages up to and including `last`, over one text: for
 * tests of entities, resolution or roles, which need no statements. Built
 * with the rule statement extractor, which never runs here, so the embedded
 * attribution model is not loaded.
 */
export async function analyzeUpTo(text: string, last: EarlyStage, format: Document['source']['format'] = 'txt'): Promise<Document> {
  // The stages before statements are the same in both builds: reuse the whole pipeline if this worker has it.
  const built = shared ?? (early ??= buildDefaultPipeline({ attributionPolicy: 'rules' }));
  const stages = built.pipeline.stages;
  const end = stages.findIndex((stage) => stage.name === last);
  if (end === -1) throw new Error(`analyzeUpTo: the default pipeline has no stage ${last}`);
  const doc = makeDocument(text, format);
  const failures = await new Pipeline(stages.slice(0, end + 1)).process([doc]);
  if (failures.length > 0) throw failures[0]!.error;
  return doc;
}

export function sentenceTexts(doc: Document): string[] {
  return doc.sentences.map((s) => doc.text.slice(s.start, s.end));
}
