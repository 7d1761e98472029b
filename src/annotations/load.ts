/**
 * Reads a project's annotation files: Folio's YAML (`.yaml`, `.yml`) or W3C Web
 * Annotation JSON-LD (`.json`, `.jsonld`, as Hypothesis exports). Problems are messages on
 * the annotation file; an annotation with a problem is left out (and its file has an error,
 * so the build stops: nothing is silently dropped).
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import type { DocumentConfig } from '../config/schema.ts';
import { hasError } from '../diagnostics/diagnostics.ts';
import type { Annotation } from './annotation.ts';
import { readFolioAnnotations } from './folio-annotations.ts';
import { readWebAnnotations } from './web-annotations.ts';

export function readAnnotations(file: VFile, documents: readonly DocumentConfig[]): Annotation[] {
  if (hasError(file)) return [];
  const extension = path.extname(file.path).toLowerCase();
  return extension === '.json' || extension === '.jsonld'
    ? readWebAnnotations(file, documents)
    : readFolioAnnotations(
        file,
        documents.map((d) => d.id),
      );
}
