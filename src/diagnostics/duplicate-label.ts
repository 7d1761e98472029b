/**
 * The one message for a label given twice in a document (`crossref:duplicate-label`),
 * whatever holds it first (a section, an equation, a figure or a table: labels share one
 * namespace, `Registry.labelHolder`), naming where it is already used.
 */
import path from 'node:path';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { fail } from './messages.ts';

/** What holds a label: the file and place it was given at. */
interface LabelPlace {
  file: VFile;
  position?: Position;
}

/** An error at `place` in `file`: `label` is already used by `holder`. */
export function failDuplicateLabel(
  file: VFile,
  label: string,
  holder: LabelPlace,
  place: Position | undefined,
): void {
  const line = holder.position?.start.line ?? '?';
  // Named from this file's folder: the reporter heads this message with this file's path.
  const where =
    holder.file === file
      ? `line ${line}`
      : `${path.relative(path.dirname(file.path), holder.file.path)}:${line}`;
  fail(file, `Duplicate label \`${label}\`: it is already used at ${where}`, {
    place,
    ruleId: 'crossref:duplicate-label',
  });
}
