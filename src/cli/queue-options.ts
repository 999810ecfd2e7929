import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_QUEUE } from '../distributed/jobs.js';
import type { QueueTarget } from '../distributed/redis.js';
import type { TransformerPipelineOptions } from '../pipeline/default.js';
import type { WorkerPipelineOptions } from '../pipeline/worker-pool.js';

/** The flags every distributed command has: which Redis, which queue on it. */
export interface QueueFlags {
  redis: string;
  queue: string;
}

export function withQueueOptions(command: Command): Command {
  return command
    .requiredOption(
      '--redis <url>',
      'the Redis server holding the queue, e.g. redis://host:6379 (rediss:// for TLS; a password goes in the URL)',
    )
    .option('--queue <name>', 'queue name, to keep separate sets of workers apart on one Redis', queueName, DEFAULT_QUEUE);
}

export function queueTarget(flags: QueueFlags): QueueTarget {
  return { url: flags.redis, queue: flags.queue };
}

function queueName(value: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) throw new InvalidArgumentError('letters, digits, ".", "_" and "-" only (at most 64)');
  return value;
}

/** A run id as `--run-id` takes it: it becomes part of Redis keys. */
export function runId(value: string): string {
  return queueName(value);
}

/** Seconds on the command line, milliseconds for BullMQ. */
export function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('must be a number of seconds above 0');
  return Math.round(parsed * 1000);
}

/**
 * The pipeline options with every local path made absolute: the workers
 * build the pipeline from them in another working folder, often on another
 * machine that mounts the same files. Hub ids stay as they are.
 */
export function withAbsolutePaths(options: TransformerPipelineOptions): WorkerPipelineOptions {
  const local = (path: string) => (existsSync(path) ? resolve(path) : path);
  return {
    ...options,
    ...(options.kbFiles ? { kbFiles: options.kbFiles.map((f) => resolve(f)) } : {}),
    ...(options.stanceModel !== undefined ? { stanceModel: resolve(options.stanceModel) } : {}),
    ...(options.attributionModel !== undefined ? { attributionModel: resolve(options.attributionModel) } : {}),
    ...(options.taggerModel !== undefined ? { taggerModel: resolve(options.taggerModel) } : {}),
    ...(options.nerModelSpec !== undefined ? { nerModelSpec: local(options.nerModelSpec) } : {}),
    ...(options.nliModelSpec !== undefined ? { nliModelSpec: local(options.nliModelSpec) } : {}),
    ...(options.ner?.labelFiles ? { ner: { ...options.ner, labelFiles: options.ner.labelFiles.map((f) => resolve(f)) } } : {}),
  };
}
