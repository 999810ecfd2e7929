import { z } from 'zod';

const count = z.number().int().min(0);

export const ManifestSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('stancemap'), version: z.string() }),
  pipeline: z.object({ fingerprint: z.string(), stages: z.array(z.string()) }),
  models: z.array(z.object({ name: z.string(), version: z.string(), kind: z.string(), resources: z.record(z.string(), z.string()).optional() })),
  knowledgeBase: z.array(z.object({ path: z.string(), version: z.string(), sha256: z.string(), entries: count })),
  inputs: z.array(z.string()),
  output: z.string(),
  options: z.object({
    workers: count,
    batchSize: count,
    force: z.boolean(),
    maxBytes: count,
    // The fields below are absent from manifests written before stancemap wrote them; such manifests still read.
    /** Seconds; null when documents had no time budget (distributed workers). */
    docTimeout: z.number().positive().nullable().optional(),
    keepStale: z.boolean().optional(),
  }),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: count,
  counts: z.object({ read: count, written: count, skipped: count, failed: count, unchanged: count, warnings: count }),
  failures: z.array(
    z.object({ path: z.string(), docId: z.string().nullable(), line: z.number().int().nullable(), code: z.string(), reason: z.string() }),
  ),
  warnings: z.array(z.object({ path: z.string(), docId: z.string(), code: z.string(), message: z.string() })),
  skippedFiles: z.array(z.string()),
  /** Every item the run read, with what became of it, by path and line: the folder's articles are those written or unchanged. */
  documents: z
    .array(
      z.object({
        docId: z.string().nullable(),
        path: z.string(),
        line: z.number().int().nullable(),
        status: z.enum(['written', 'unchanged', 'failed']),
      }),
    )
    .optional(),
  /** Articles of earlier runs removed (or moved under .stale/) because the run did not produce their docId. */
  staleOutputs: z.array(z.object({ docId: z.string(), movedTo: z.string().nullable() })).optional(),
  /** The signal that stopped the run before it had read every input; null for a run that went to the end. */
  interrupted: z.enum(['SIGINT', 'SIGTERM']).nullable().optional(),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type Failure = Manifest['failures'][number];
export type DocumentOutcome = NonNullable<Manifest['documents']>[number];
