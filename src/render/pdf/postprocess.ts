/**
 * After the last print: the page labels (i, ii … 1, 2 …) and the document information
 * (title, author, subject, keywords, language, dates taken from the manuscript or
 * SOURCE_DATE_EPOCH, never the clock) as objects defined anew (document-objects.ts), with
 * the repairs of the tags (margin boxes as Artifacts, a role map, each document's language:
 * tagged-structure.ts) and the running heads laid over the pages (heads-overlay.ts); then
 * one write of the whole PDF with them in place, compressed into object streams
 * (compact-pdf.ts), which keeps the structure tree (pdf-lib would drop it). A PDF/A edition
 * gets its XMP metadata and output intent among the same objects.
 */
import { type StageTimer, timed, timedSync } from '../../pipeline/stage-timer.ts';
import { compactPdf } from './compact-pdf.ts';
import {
  creatorTool,
  documentObjects,
  type PageLabelRange,
  producerName,
  readTrailer,
} from './document-objects.ts';
import { headsOverlay } from './heads-overlay.ts';
import type { PdfInfo } from './pdf-info.ts';
import { archivalParts } from './pdfa.ts';
import { structureRepairs } from './tagged-structure.ts';

export interface PostprocessInput {
  pdf: Uint8Array;
  /** Running heads, one page per page of `pdf`; omitted when there are none. */
  overlay?: Uint8Array;
  /** Physical page index (0-based) where a new numbering style starts. */
  labelRanges: PageLabelRange[];
  info: PdfInfo;
  /** Make the PDF PDF/A-2b: XMP metadata and an sRGB output intent (see pdfa.ts). */
  pdfa?: boolean;
  /** The language of each document, in print order (its `Art` element states it). */
  documentLanguages: readonly string[];
  /** The physical page each document begins on, in the same order (where known). */
  documentPages?: readonly (number | undefined)[];
  /** The plain titles of headings with math, their bookmarks' titles (see tagged-structure.ts). */
  plainTitles?: readonly string[];
  /** Times the heads laid over (`pdf heads overlay`), the tag repairs (`pdf tags`), the update and qpdf. */
  timer?: StageTimer;
}

/** Roman numerals for the front matter, when the body does not start on the first page. */
export function labelRanges(bodyStart: number): PageLabelRange[] {
  return bodyStart > 1
    ? [
        { from: 0, style: 'r' },
        { from: bodyStart - 1, style: 'D' },
      ]
    : [{ from: 0, style: 'D' }];
}

export async function postprocess(input: PostprocessInput): Promise<Uint8Array> {
  const step = <T>(stage: string, work: () => T): T => timedSync(input.timer, stage, work);
  const own = step('pdf update', () =>
    documentObjects(
      input.pdf,
      { ...input.info, date: pdfDate(input.info.date) },
      input.labelRanges,
      input.pdfa
        ? archivalParts({ ...input.info, creator: creatorTool, producer: producerName })
        : undefined,
    ),
  );
  // New objects (the heads' forms and fonts) are numbered after the document's own: the
  // Info dictionary and, for PDF/A, the metadata and the output profile.
  const overlay = input.overlay;
  const heads = overlay
    ? step('pdf heads overlay', () =>
        headsOverlay(input.pdf, overlay, readTrailer(input.pdf).size + 3),
      )
    : undefined;
  const repairs = await timed(input.timer, 'pdf tags', () =>
    structureRepairs(input.pdf, input.documentLanguages, input.documentPages, input.plainTitles),
  );
  return step('pdf write', () =>
    compactPdf(input.pdf, [...own.objects, ...repairs, ...(heads?.objects ?? [])], {
      info: own.info,
    }),
  );
}

function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
