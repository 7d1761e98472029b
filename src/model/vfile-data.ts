/**
 * The keys Folio keeps on `file.data`, declared once so that every plugin reads them typed.
 */
import type { DocumentMeta } from './document-meta.ts';

declare module 'vfile' {
  interface DataMap {
    /** Validated front matter of a manuscript file (the first file of a document holds it). */
    meta: DocumentMeta;
    /** Id of the document this file belongs to. */
    documentId: string;
  }
}
