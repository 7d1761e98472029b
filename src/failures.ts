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

const pathProblems: Record<string, string> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'has a file where a folder should be',
  EISDIR: 'is a folder, not a file',
  EACCES: 'is not permitted',
  EPERM: 'is not permitted',
  EROFS: 'is on a read-only file system',
  EEXIST: 'already exists',
};
const spaceProblems: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
};
const machineProblems: Record<string, string> = {
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

/**
 * A file-system error that escaped to the command: a path the user gave (an unreadable
 * config, an `--out` under a file) and a full disk are usage failures (exit 2), as the
 * build's own writing reports them; too many open files is an environment failure (exit 3).
 * Anything else stays an internal error.
 */
export function fileSystemFailure(error: unknown): UsageFailure | EnvironmentFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (!code) return undefined;
  const where = path ? ` \`${path}\`` : '';
  if (path && pathProblems[code])
    return new UsageFailure(
      `Cannot ${syscall ?? 'use'}${where}: it ${pathProblems[code]} (${code})`,
    );
  if (spaceProblems[code])
    return new UsageFailure(
      `Cannot ${syscall ?? 'write'}${where}: ${spaceProblems[code]} (${code})`,
    );
  if (machineProblems[code])
    return new EnvironmentFailure(
      `Cannot ${syscall ?? 'write'}${where}: ${machineProblems[code]} (${code})`,
    );
  return undefined;
}
