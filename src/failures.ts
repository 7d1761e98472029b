/**
 * Failures that end a Folio command, each with the exit code the CLI documents.
 * The Markdown pipeline never throws these for manuscript problems: those are vfile
 * messages. These are for what stops a command before or outside the pipeline.
 */
import type { VFile } from 'vfile';

export const ExitCode = {
  ok: 0,
  manuscript: 1,
  usage: 2,
  environment: 3,
  /** A bug in Folio: an error nothing else accounts for. */
  internal: 70,
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure whose diagnostics live on one or more vfiles (config, glossary, …). */
export class DiagnosedFailure extends Error {
  constructor(
    message: string,
    readonly files: VFile[],
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'DiagnosedFailure';
  }
}

/** Bad command-line use or a bad config: exit 2. */
export class UsageFailure extends Error {
  readonly exitCode = ExitCode.usage;
  override name = 'UsageFailure';
}

/** Something the machine lacks (a browser, a validator): exit 3. */
export class EnvironmentFailure extends Error {
  readonly exitCode = ExitCode.environment;
  override name = 'EnvironmentFailure';
}
