/**
 * Prints the diagnostics of every file with vfile-reporter and says whether they stop the
 * command: errors always do, warnings only with `--strict`. Each problem is raised once
 * where it is found (cross-references once per project, not per edition), so nothing is
 * removed here.
 */
import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { hasErrors } from './diagnostics/diagnostics.ts';

export function report(files: readonly VFile[], options: { color: boolean }): string {
  const withMessages = files.filter((f) => f.messages.length > 0);
  return withMessages.length > 0 ? reporter(withMessages, { color: options.color }) : '';
}

export function fails(files: readonly VFile[], strict: boolean): boolean {
  return (
    hasErrors(files) || (strict && files.some((f) => f.messages.some((m) => m.fatal === false)))
  );
}
