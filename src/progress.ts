/**
 * Progress on long work: a spinner in an interactive terminal, nothing in CI or when the
 * output is piped (the diagnostics and the summary still print).
 */
import ora, { type Ora } from 'ora';

export interface Progress {
  update(message: string): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = Boolean(stream.isTTY) && !process.env.CI;
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
