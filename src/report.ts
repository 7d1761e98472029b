/**
 * Prints the diagnostics of every file with vfile-reporter, once each (a message raised
 * by several editions of the same document is shown once), and says whether they stop the
 * command: errors always do, warnings only with `--strict`.
 */
import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { hasErrors } from './diagnostics/diagnostics.ts';

function dedupeMessages(files: readonly VFile[]): void {
  for (const file of files) {
    const seen = new Set<string>();
    file.messages = file.messages.filter((m) => {
      const key = `${m.line}:${m.column}:${m.ruleId}:${m.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}

export function report(files: readonly VFile[], options: { color: boolean }): string {
  dedupeMessages(files);
  const withMessages = files.filter((f) => f.messages.length > 0);
  return withMessages.length > 0 ? reporter(withMessages, { color: options.color }) : '';
}

export function fails(files: readonly VFile[], strict: boolean): boolean {
  return (
    hasErrors(files) || (strict && files.some((f) => f.messages.some((m) => m.fatal === false)))
  );
}
