/**
 * Progress on long work: a spinner in an interactive terminal, nothing in CI, when the
 * output is piped, or on a terminal that reports no width (the diagnostics and the summary
 * still print). A pseudo-terminal opened without a size (`script -c`, some containers)
 * reports 0 columns, and ora, counting the lines to clear as the text's width divided by
 * the columns, then clears lines without end: the build hung with its browser unlaunched.
 */
import ora, { type Ora } from 'ora';

export interface Progress {
  update(message: string): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = Boolean(stream.isTTY) && !process.env.CI && (stream.columns ?? 0) > 0;
  if (!interactive) return { update() {}, stop() {} };
  let spinner: Ora | undefined;
  return {
    update(message) {
      spinner ??= ora({ stream }).start();
      spinner.text = message;
    },
    stop() {
      spinner?.stop();
      spinner = undefined;
    },
  };
}
