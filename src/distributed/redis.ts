import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { FatalError, describeError } from '../errors.js';
import type { Outcome } from './jobs.js';

/** Where the queue lives: a Redis URL and the queue's name on it. */
export interface QueueTarget {
  url: string;
  queue: string;
}

/** How long the CLI waits for Redis to answer before it says so, instead of hanging. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A client for the run's own keys. It is checked first with one PING on a
 * connection that does not retry, so an unreachable or wrong URL is a clear
 * E009 at once; afterwards it reconnects on its own, because a worker lives
 * for days and Redis may restart under it.
 */
export async function connectRedis(url: string): Promise<Redis> {
  await probe(url);
  const client = new Redis(url, { connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 20 });
  client.on('error', () => {
    // Reconnection is ioredis's job; a command that gives up rejects where it was sent.
  });
  return client;
}

async function probe(url: string): Promise<void> {
  let client: Redis;
  try {
    client = new Redis(url, { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  } catch (error) {
    throw new FatalError('E009', `${redactUrl(url)} is not a Redis URL: ${describeError(error)}`);
  }
  // The socket's own error (ECONNREFUSED, ENOTFOUND, a refused password) says more than connect()'s "Connection is closed".
  let cause: unknown;
  client.on('error', (error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new FatalError('E009', `cannot reach Redis at ${redactUrl(url)}: ${describeError(cause ?? error)}`);
  } finally {
    client.disconnect();
  }
}

/** BullMQ's connection: its own ioredis clients from the URL (a worker's blocking one needs unlimited retries, which BullMQ sets). */
export function bullConnection(url: string): ConnectionOptions {
  return { url, connectTimeout: CONNECT_TIMEOUT_MS };
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The keys of one run: its description, one outcome per input item, running counts, and the skipped files in walk order. */
export interface RunKeys {
  meta: string;
  outcomes: string;
  counts: string;
  skipped: string;
}

export function runKeys(target: QueueTarget, runId: string): RunKeys {
  const base = `stancemap:${target.queue}:run:${runId}`;
  return { meta: base, outcomes: `${base}:outcomes`, counts: `${base}:counts`, skipped: `${base}:skipped` };
}

/** How long a run's keys stay in Redis after its last change: time enough to collect it. */
export const RUN_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Records an outcome unless the item already has one, and counts it only
 * then: a job that ran twice (its worker died after recording, before BullMQ
 * marked it done) keeps its first outcome and is counted once.
 */
const RECORD_OUTCOME = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
  if ARGV[4] ~= '0' then redis.call('HINCRBY', KEYS[2], 'warnings', tonumber(ARGV[4])) end
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return 1`;

export async function recordOutcome(client: Redis, keys: RunKeys, field: string, outcome: Outcome): Promise<void> {
  const warnings = outcome.warnings?.length ?? 0;
  await client.eval(
    RECORD_OUTCOME,
    2,
    keys.outcomes,
    keys.counts,
    field,
    JSON.stringify(outcome),
    outcome.status,
    String(warnings),
    String(RUN_TTL_SECONDS),
  );
}
