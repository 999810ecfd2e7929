/** What the runner reports as it goes. */
export interface ProgressCounts {
  done: number;
  total: number | null;
  written: number;
  unchanged: number;
  failed: number;
}

export interface ProgressReporter {
  update(counts: ProgressCounts): void;
  finish(counts: ProgressCounts): void;
}

export const silentProgress: ProgressReporter = { update() {}, finish() {} };

/**
 * A bar redrawn in place on a terminal; on a pipe or log file, one line every
 * `intervalMs` so that long batch logs stay readable.
 */
export function createProgress(stream: NodeJS.WriteStream, options: { intervalMs?: number } = {}): ProgressReporter {
  const started = Date.now();
  const interactive = stream.isTTY === true;
  const interval = interactive ? 100 : (options.intervalMs ?? 10_000);
  let last = started;

  const line = (c: ProgressCounts) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? c.done / seconds : 0;
    const of = c.total !== null ? `/${c.total}` : '';
    const tail = `${c.done}${of} docs, ${c.written} written, ${c.unchanged} unchanged, ${c.failed} failed, ${rate.toFixed(1)} docs/s`;
    if (!interactive || c.total === null || c.total === 0) return `stancemap: ${tail}`;
    const width = 24;
    const filled = Math.min(width, Math.round((c.done / c.total) * width));
    const eta = rate > 0 ? Math.max(0, (c.total - c.done) / rate) : 0;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${tail}, eta ${eta.toFixed(0)}s`;
  };

  return {
    update(counts) {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      if (interactive) stream.write(`\r${line(counts)}\u001b[K`);
      else stream.write(line(counts) + '\n');
    },
    finish(counts) {
      if (interactive) stream.write(`\r${line(counts)}\u001b[K\n`);
      else stream.write(line(counts) + '\n');
    },
  };
}

/** Progress of a long task that is not a run over documents (training): counts within named phases, and lines said at once. */
export interface TaskProgress {
  /** `done` of `total` in `phase`: shown as the run's progress is, and always when the phase completes. */
  step(phase: string, done: number, total: number): void;
  /** A line of its own (an epoch's figures), whatever the interval. */
  note(line: string): void;
}

/**
 * Training's progress on stderr, paced like `createProgress`: redrawn in
 * place on a terminal, one line per `intervalMs` on a pipe or log file, so a
 * run of minutes shows that it moves and how far it has got.
 */
export function createTaskProgress(stream: NodeJS.WriteStream, options: { intervalMs?: number } = {}): TaskProgress {
  const started = Date.now();
  const interactive = stream.isTTY === true;
  const interval = interactive ? 100 : (options.intervalMs ?? 10_000);
  let last = 0;
  let phaseShown: string | null = null;
  let lineOpen = false;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const write = (line: string, final: boolean) => {
    if (!interactive) stream.write(`stancemap: ${line}\n`);
    else stream.write(`\rstancemap: ${line}\u001b[K${final ? '\n' : ''}`);
    lineOpen = interactive && !final;
  };
  return {
    step(phase, done, total) {
      const now = Date.now();
      const complete = done >= total;
      if (!complete && phase === phaseShown && now - last < interval) return;
      last = now;
      phaseShown = phase;
      write(`${phase}: ${done}/${total} (${elapsed()})`, complete);
    },
    note(line) {
      if (lineOpen) stream.write('\n');
      write(line, true);
    },
  };
}
