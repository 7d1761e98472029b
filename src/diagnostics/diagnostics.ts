/**
 * What a file's messages mean for the build. An error is a fatal message: one anywhere
 * stops the build before anything is written (warnings stop it only with `--strict`, which
 * the CLI decides). Asked here once, so every stage asks it the same way.
 */
import type { VFile } from 'vfile';

/** The file has an error: a fatal message. */
export function hasError(file: VFile): boolean {
  return file.messages.some((m) => m.fatal);
}

/** One of the files has an error. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some(hasError);
}
