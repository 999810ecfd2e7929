import { createHash } from 'node:crypto';
import type { Document } from '../document/types.js';
import { FatalError, describeError } from '../errors.js';
import type { ModelInfo } from '../models/types.js';
import type { DocumentPart, Stage } from './stage.js';
import { TOOL_VERSION } from '../version.js';

export interface DocumentFailure {
  doc: Document;
  stage: string;
  error: unknown;
}

/**
 * Stages in order, checked when built. `process` runs a batch through every
 * stage; when a stage throws, the batch is retried one document at a time so
 * that only the documents that really fail are reported.
 */
export class Pipeline {
  readonly fingerprint: string;

  constructor(
    readonly stages: readonly Stage[],
    /** Anything else that changes output (options, resource hashes). */
    settings: Record<string, unknown> = {},
  ) {
    const available = new Set<DocumentPart>(['text']);
    for (const stage of stages) {
      const missing = stage.requires.filter((part) => !available.has(part));
      if (missing.length > 0) {
        throw new FatalError('E006', `stage "${stage.name}" requires ${missing.join(', ')}, which no earlier stage assigns`);
      }
      for (const part of stage.assigns) available.add(part);
    }
    const identity = JSON.stringify({
      tool: TOOL_VERSION,
      stages: stages.map((s) => ({ name: s.name, models: s.models ?? [] })),
      settings,
    });
    this.fingerprint = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  }

  get models(): ModelInfo[] {
    return this.stages.flatMap((s) => [...(s.models ?? [])]);
  }

  /**
   * Runs the batch; returns the documents that failed (the others are
   * complete). Past `deadline` (a performance.now() time) it throws
   * OverTimeBudget after the stage that ran over: a stage in this thread
   * cannot be interrupted, so that is as soon as it can stop.
   */
  async process(docs: readonly Document[], deadline?: number): Promise<DocumentFailure[]> {
    let pending = [...docs];
    const failures: DocumentFailure[] = [];
    for (const stage of this.stages) {
      if (pending.length === 0) break;
      try {
        await stage.run(pending);
        for (const doc of pending) doc.stages.push(stage.name);
      } catch (batchError) {
        if (pending.length === 1) {
          failures.push({ doc: pending[0]!, stage: stage.name, error: batchError });
          pending = [];
          break;
        }
        const survivors: Document[] = [];
        for (const doc of pending) {
          try {
            await stage.run([doc]);
            doc.stages.push(stage.name);
            survivors.push(doc);
          } catch (error) {
            failures.push({ doc, stage: stage.name, error });
          }
        }
        pending = survivors;
      }
      if (deadline !== undefined && pending.length > 0 && performance.now() > deadline) throw new OverTimeBudget(stage.name);
    }
    return failures;
  }
}

/** A batch that ran past its time budget (see Pipeline.process); its documents are not complete. */
export class OverTimeBudget extends Error {
  constructor(readonly stage: string) {
    super(`over the time budget after stage ${stage}`);
    this.name = 'OverTimeBudget';
  }
}

export function describeFailure(failure: DocumentFailure): string {
  return `stage ${failure.stage}: ${describeError(failure.error)}`;
}
