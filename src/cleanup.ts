/**
 * Work to undo if the process is interrupted (Ctrl-C, SIGTERM): close the browser, remove
 * temporary files and the output lock. Each piece of work registers itself for as long
 * as it runs; the CLI runs what is registered when a signal arrives, then exits. Once an
 * interrupt began, the failures it causes in work still running (a print whose browser
 * was just closed) are its consequence, not errors to report: `interrupting()` says so.
 */
const pending = new Set<() => Promise<void> | void>();
const lastly = new Set<() => Promise<void> | void>();
let interruptStarted = false;

/**
 * Registers a cleanup; returns the function that unregisters it. Cleanups run newest
 * first; those registered with `last` (removing the temporary root) run after all others.
 */
export function onInterrupt(
  cleanup: () => Promise<void> | void,
  options: { last?: boolean } = {},
): () => void {
  const set = options.last ? lastly : pending;
  set.add(cleanup);
  return () => set.delete(cleanup);
}

/** True once an interrupt's cleanups have started: the process is about to exit. */
export function interrupting(): boolean {
  return interruptStarted;
}

export async function runInterruptCleanups(): Promise<void> {
  interruptStarted = true;
  const all = [...[...pending].reverse(), ...[...lastly].reverse()];
  pending.clear();
  lastly.clear();
  for (const cleanup of all) {
    try {
      await cleanup();
    } catch {
      // Keep cleaning up the rest.
    }
  }
}
