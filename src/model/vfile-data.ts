/**
 * The keys Folio keeps on `file.data`, declared once so that every plugin reads them typed.
 * The processors are built once per run; what differs from file to file (or note to note)
 * is set here before a tree is run, and the plugins read it from the file.
 */
import type { VFile } from 'vfile';
import type { DocumentMeta } from './document-meta.ts';

/** Where a note's marks and uses belong: the annotation (its anchor) and its passage's section. */
export interface NoteOrigin {
  annotation: string;
  section?: string;
}

/** What the resolve pass resolves a tree for: the edition's documents, and whether to report. */
export interface ResolveTarget {
  /** Documents in the edition being built: only their sections can be linked. */
  editionDocuments: ReadonlySet<string>;
  /** Report the tree's unknown targets: false once an earlier edition reported them. */
  report: boolean;
  /** Number of each figure, table and equation in the edition (src/model/object-numbers.ts). */
  objectNumbers?: ReadonlyMap<string, string>;
}

declare module 'vfile' {
  interface DataMap {
    /** Validated front matter of a manuscript file (the first file of a document holds it). */
    meta: DocumentMeta;
    /**
     * Id of the document this file belongs to; for an annotation file, the document of
     * the note being collected or resolved.
     */
    documentId: string;
    /** For an annotation file, the note being collected (absent for manuscript files). */
    note: NoteOrigin;
    /** Set by the resolve pass before each run. */
    resolve: ResolveTarget;
  }
}

/** The document a file (or the note being processed) belongs to: set before any plugin runs. */
export function documentIdOf(file: VFile): string {
  const id = file.data.documentId;
  if (id === undefined)
    throw new Error(`No document id on ${file.path}: set file.data.documentId first`);
  return id;
}
