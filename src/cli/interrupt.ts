import { exitCodeOf, type Interruption } from '../pipeline/runner.js';

/** What the signal handlers need from the run they stop. */
export interface Interrupter {
  /** Aborted, with the signal's name as its reason, at the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Called before the process exits at a second signal: what must not be left behind (the folder's lock). */
  beforeExit: () => void;
  dispose(): void;
}

/**
 * A run that the user can stop: the first SIGINT or SIGTERM asks it to stop
 * reading inputs and finish what is in flight (the run then writes its
 * manifest); a second one exits at once, with the same exit code, as the
 * user who presses Ctrl-C twice expects.
 */
export function interruptOnSignals(): Interrupter {
  const controller = new AbortController();
  const interrupter: Interrupter = {
    signal: controller.signal,
    beforeExit: () => {},
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
  function onSignal(name: Interruption): void {
    if (controller.signal.aborted) {
      interrupter.beforeExit();
      process.exit(exitCodeOf(name));
    }
    controller.abort(name);
    const again = name === 'SIGINT' ? 'Ctrl-C' : name;
    process.stderr.write(
      `stancemap: ${name}: finishing the documents in flight, then writing the manifest (${again} again to stop at once)\n`,
    );
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return interrupter;
}
