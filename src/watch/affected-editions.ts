/**
 * Which editions a change affects: an edit to a document's manuscript rebuilds only the
 * editions that contain that document; a change to the config, the glossary, annotations,
 * styles or templates rebuilds every edition.
 */
import path from 'node:path';
import type { FolioConfig } from '../config/schema.ts';

export function affectedEditions(
  config: FolioConfig,
  root: string,
  changed: readonly string[],
): string[] {
  const all = config.editions.map((e) => e.id);
  const documentOf = new Map<string, string>();
  for (const document of config.documents) {
    for (const file of document.files) documentOf.set(path.resolve(root, file), document.id);
  }
  const documents = new Set<string>();
  for (const file of changed) {
    const documentId = documentOf.get(path.resolve(file));
    if (!documentId) return all; // config, glossary, annotations, styles, templates…
    documents.add(documentId);
  }
  return config.editions.filter((e) => e.documents.some((d) => documents.has(d))).map((e) => e.id);
}

/** Files and folders whose changes nobody builds from. */
export function ignored(root: string, file: string, outDir: string): boolean {
  const relative = path.relative(root, file);
  if (relative.startsWith('..')) return true;
  const out = path.relative(outDir, file);
  if (!out.startsWith('..') && !path.isAbsolute(out)) return true;
  return /(^|[/\\])(node_modules|\.git|dist)([/\\]|$)|~$|\.swp$|^\.#|[/\\]\.#/.test(relative);
}
