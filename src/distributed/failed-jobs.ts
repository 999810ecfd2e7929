import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DocumentJobSchema, documentField, type DocumentJob } from './jobs.js';
import { recordOutcome, runKeys, type QueueTarget } from './redis.js';

/**
 * A job BullMQ gave up on: it threw on its last attempt (a write to the
 * output folder that kept failing, a worker that could not build the run's
 * pipeline) or it stalled more often than allowed (workers that died while
 * holding it). Its document fails with the code the error carried, else E115.
 */
export async function recordFailedJob(client: Redis, target: QueueTarget, job: Job<DocumentJob>): Promise<void> {
  // Only where the document was is needed: a job this version cannot read in full still fails its document.
  const parsed = DocumentJobSchema.pick({ runId: true, docId: true, path: true, line: true }).safeParse(job.data);
  if (!parsed.success) return;
  const data = parsed.data;
  const failedReason = job.failedReason || 'no reason given';
  const code = /^(E1\d\d) /.exec(failedReason)?.[1] ?? 'E115';
  const stalled = /stalled/i.test(failedReason);
  const reason =
    code !== 'E115'
      ? failedReason
      : stalled
        ? `E115 queued job failed: ${failedReason} (the workers holding it died or were stopped while processing it)`
        : `E115 queued job failed after ${job.attemptsMade} attempt(s): ${failedReason}`;
  await recordOutcome(client, runKeys(target, data.runId), documentField(data.docId), {
    status: 'failed',
    path: data.path,
    docId: data.docId,
    line: data.line,
    code,
    reason,
    finishedAt: job.finishedOn ?? Date.now(),
  });
}

/** Whether BullMQ will not try the job again (a job failed for stalling too often is left to the sweep below). */
export function isFinalFailure(job: Job<DocumentJob>): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}

/**
 * Records the run's jobs that are in the failed set without an outcome yet.
 * The worker records a final failure as it happens; this catches those no
 * worker saw (a stall over the limit is decided by whichever worker checks).
 */
export async function sweepFailedJobs(client: Redis, target: QueueTarget, queue: Queue<DocumentJob>, runId: string): Promise<void> {
  const PAGE = 200;
  for (let start = 0; ; start += PAGE) {
    const jobs = await queue.getFailed(start, start + PAGE - 1);
    for (const job of jobs) {
      if ((job.data as Partial<DocumentJob> | undefined)?.runId === runId) await recordFailedJob(client, target, job);
    }
    if (jobs.length < PAGE) return;
  }
}
