/**
 * A document's `files` as the config gives them: paths, globs (`chapters/*.md`) and
 * folders (their `.md` files), expanded into the list of files in reading order. What a
 * glob or a folder holds is read in natural order, so `2.md` comes before `10.md`; a file
 * named twice is read once, where it first appears. Used by the config loader, which
 * reports a path, glob or folder that names no file.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** The files one entry of `files` names, relative to `root`, in reading order (none when it names nothing). */
export function filesOf(entry: string, root: string): string[] {
  if (isDynamicPattern(entry)) {
    return globSync(entry, { cwd: root, onlyFiles: true, expandDirectories: false }).sort(
      natural.compare,
    );
  }
  const absolute = path.resolve(root, entry);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [entry];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.toLowerCase().endsWith('.md'))
    .map((f) => f.name)
    .sort(natural.compare)
    .map((name) => path.join(entry, name));
}

/** Every file the entries name, in reading order, each once. */
export function expandFiles(entries: readonly string[], root: string): string[] {
  return [...new Set(entries.flatMap((entry) => filesOf(entry, root)))];
}
