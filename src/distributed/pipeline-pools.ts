import type { DocumentProcessor } from '../pipeline/processor.js';
import { startWorkerPool, type PoolOptions, type WorkerPipelineOptions } from '../pipeline/worker-pool.js';

/**
 * The worker's thread pools, one per pipeline configuration its jobs asked
 * for (almost always one: the runs on a queue are usually submitted with the
 * same flags). A pool is built on the first job that needs it and kept until
 * the worker stops, since building one loads every model (seconds).
 */
export class PipelinePools {
  private readonly pools = new Map<string, Promise<DocumentProcessor>>();

  constructor(private readonly pool: Omit<PoolOptions, 'workerModule'>) {}

  get(options: Record<string, unknown>): Promise<DocumentProcessor> {
    const key = JSON.stringify(options);
    let processor = this.pools.get(key);
    if (processor === undefined) {
      processor = startWorkerPool(options as WorkerPipelineOptions, this.pool);
      // A pool that failed to start (a model missing on this machine) is not kept: the job's retry tries again.
      processor.catch(() => this.pools.delete(key));
      this.pools.set(key, processor);
    }
    return processor;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(async (pool) => (await pool.catch(() => null))?.close()));
  }
}
