/**
 * The document information of a print edition: title, authors, subject, keywords,
 * language and the edition's build date. The PDF's information dictionary states it, and
 * a PDF/A edition's XMP packet repeats it (pdfa.ts).
 */
import type { EditionParts } from '../../assemble/edition.ts';

export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords: string[];
  language: string;
  /** The date the edition carries (ISO date). */
  date: Date;
}

/** The information of an edition's PDF; `built` is the date the EPUB and the archive carry too. */
export function pdfInfo(parts: EditionParts, built: Date): PdfInfo {
  const records = parts.documents.map((d) => d.record);
  const authors = [
    ...new Set(
      records
        .flatMap((r) =>
          r.meta.authors.length > 0 ? r.meta.authors : [r.meta.issuer ?? r.meta.journal ?? ''],
        )
        .filter(Boolean),
    ),
  ];
  return {
    title: parts.title,
    author: authors.join('; ') || undefined,
    subject: records.map((r) => r.meta.subject ?? r.meta.title).join('; '),
    keywords: [...new Set(records.flatMap((r) => [...r.meta.keywords, ...r.meta.tags]))],
    language: parts.language,
    date: built,
  };
}
