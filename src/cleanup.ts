/**
 * Work to undo if the process is interrupted (Ctrl-C, SIGTERM): close the browser, remove
 * temporary files and the output lock. Each piece of work registers itself for as long
 * as it runs; the CLI runs what is registered when a signal arrives.
 */
const pending = new Set<() => Promise<void> | void>();

/** Registers a cleanup; returns the function that unregisters it. */
export function onInterrupt(cleanup: () => Promise<void> | void): () => void {
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}

export async function runInterruptCleanups(): Promise<void> {
  const all = [...pending].reverse();
  pending.clear();
  for (const cleanup of all) {
    try {
      await cleanup();
    } catch {
      // Keep cleaning up the rest.
    }
  }
}
