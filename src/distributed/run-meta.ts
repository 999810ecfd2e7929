import type { Redis } from 'ioredis';
import { z } from 'zod';
import { FatalError } from '../errors.js';
import type { PipelineDescription } from '../pipeline/processor.js';
import type { RunKeys } from './redis.js';

/** What a run's manifest needs that only the submitter knows: written once, when the run starts. */
const RunMetaSchema = z.object({
  inputs: z.array(z.string()),
  output: z.string(),
  description: z.custom<PipelineDescription>((value) => typeof value === 'object' && value !== null && 'fingerprint' in value),
  force: z.boolean(),
  maxBytes: z.number().int().min(1),
  startedAt: z.string(),
});

export type RunMeta = z.infer<typeof RunMetaSchema>;

/** The run's description and how far its submitter got: `read` items, all of them walked once `complete`. */
export interface RunState {
  meta: RunMeta;
  read: number;
  complete: boolean;
}

/** Written only if absent: a resumed `submit --run-id` keeps the run's first start time. */
export async function writeRunMeta(client: Redis, keys: RunKeys, meta: RunMeta): Promise<void> {
  await client.hsetnx(keys.meta, 'meta', JSON.stringify(meta));
}

export async function readRunState(client: Redis, keys: RunKeys, runId: string): Promise<RunState> {
  const fields = await client.hgetall(keys.meta);
  if (fields.meta === undefined)
    throw new FatalError(
      'E009',
      `no run "${runId}" in this queue (never submitted, submitted to another --queue, or expired after 7 days)`,
    );
  const meta = RunMetaSchema.safeParse(JSON.parse(fields.meta));
  if (!meta.success) throw new FatalError('E009', `run "${runId}" was written by another version of stancemap`);
  return { meta: meta.data, read: Number(fields.read ?? 0), complete: fields.complete === '1' };
}
