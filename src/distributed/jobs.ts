import { z } from 'zod';
import { sha256 } from '../io/sources.js';

/**
 * What travels through Redis: the job a submitter queues for one document,
 * and the outcome a worker (or the submitter, for a document that never got
 * as far as a job) records for it. Both are parsed with zod on the way out of
 * Redis, so a job written by another stancemap version fails clearly.
 */

/** The queue `submit` and `worker` meet on when neither names another (`--queue`). */
export const DEFAULT_QUEUE = 'stancemap';

const Warning = z.object({ code: z.string(), message: z.string() });

/** A loaded document, as `createDocument` takes it back: the job carries the text, so workers need not see the input disk. */
const LoadedDocument = z.object({
  text: z.string(),
  source: z.object({
    path: z.string(),
    sha256: z.string(),
    bytes: z.number().int().min(0),
    line: z.number().int().min(1).optional(),
    format: z.enum(['txt', 'md', 'html', 'jsonl']),
  }),
  metadata: z.object({
    title: z.string().nullable(),
    date: z.string().nullable(),
    author: z.string().nullable(),
    url: z.string().nullable().optional(),
    source: z.string().nullable().optional(),
  }),
  warnings: z.array(Warning),
});

export const DocumentJobSchema = z.object({
  /** The format of this payload: a worker refuses a job of another version instead of misreading it. */
  version: z.literal(1),
  runId: z.string(),
  docId: z.string(),
  /** Where the document was read, for the manifest's failures (the input path and `.jsonl` line). */
  path: z.string(),
  line: z.number().int().nullable(),
  /** The output folder as the submitter resolved it; `worker --out` overrides it on a machine that mounts it elsewhere. */
  outDir: z.string(),
  /** The pipeline the submitter described: a worker whose own build differs refuses the job. */
  fingerprint: z.string(),
  /** Pipeline options (names and absolute paths only), as worker-pool.ts hands them to its threads. */
  options: z.record(z.string(), z.unknown()),
  force: z.boolean(),
  document: LoadedDocument,
});

export type DocumentJob = z.infer<typeof DocumentJobSchema>;

export const OutcomeSchema = z.object({
  status: z.enum(['written', 'unchanged', 'failed']),
  path: z.string(),
  docId: z.string().nullable(),
  line: z.number().int().nullable(),
  code: z.string().optional(),
  reason: z.string().optional(),
  warnings: z.array(Warning).optional(),
  /** `host:pid` of the worker process, so the manifest can say how many took part. */
  worker: z.string().optional(),
  finishedAt: z.number(),
});

export type Outcome = z.infer<typeof OutcomeSchema>;

/**
 * The job's id: one document's content under one pipeline in one run. Adding
 * it again (a resumed `submit --run-id`) finds the job already there and adds
 * nothing. Hex, because BullMQ reserves `:` in custom ids.
 */
export function jobIdFor(job: Pick<DocumentJob, 'runId' | 'docId' | 'fingerprint' | 'document'>): string {
  return sha256([job.runId, job.docId, job.document.source.sha256, job.fingerprint].join('\u0000')).slice(0, 40);
}

/**
 * The fields of a run's outcome hash: a queued document's by its docId (unique
 * in a run), an item that failed before it was queued by its place in the walk
 * (an E106 duplicate shares its docId with the document that won).
 */
export const documentField = (docId: string): string => `doc:${docId}`;
export const itemField = (index: number): string => `item:${index}`;
