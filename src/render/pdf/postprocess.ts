/**
 * After the last print: the page labels (i, ii … 1, 2 …) and the document information
 * (title, author, subject, keywords, language, dates taken from the manuscript or
 * SOURCE_DATE_EPOCH, never the clock) are added as an incremental update, with the
 * repairs of the tags (margin boxes as Artifacts, a role map, each document's language:
 * tagged-structure.ts); then qpdf lays the running heads over the pages, a qpdf JSON
 * update gives each page its tagged content back (the overlay moved it into a form), and
 * the last rewrite compresses into object streams. qpdf keeps the structure tree; pdf-lib
 * would drop it. A PDF/A edition gets its XMP metadata and output intent in the same
 * update.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../../temp/temp-root.ts';
import {
  addDocumentMetadata,
  creatorTool,
  type PageLabelRange,
  producerName,
} from './incremental-update.ts';
import type { PdfInfo } from './pdf-info.ts';
import { archivalParts } from './pdfa.ts';
import { qpdf } from './qpdf.ts';
import { overlayRepair, structureRepairs } from './tagged-structure.ts';

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
  const work = await makeTempDir('pdf');
  try {
    const printed = path.join(work, 'printed.pdf');
    const final = path.join(work, 'final.pdf');
    await writeFile(
      printed,
      addDocumentMetadata(
        input.pdf,
        { ...input.info, date: pdfDate(input.info.date) },
        input.labelRanges,
        input.pdfa
          ? archivalParts({ ...input.info, creator: creatorTool, producer: producerName })
          : undefined,
        structureRepairs(input.pdf, input.documentLanguages, input.documentPages),
      ),
    );
    // The last rewrite: the update folded in, object streams, a /ID derived from the
    // content (Chromium's is random) so that equal builds are equal bytes.
    const finish = ['--object-streams=generate', '--deterministic-id'];
    if (input.overlay) {
      const heads = path.join(work, 'heads.pdf');
      const overlaid = path.join(work, 'overlaid.pdf');
      await writeFile(heads, input.overlay);
      // Deterministic here too: the last rewrite keeps the first half of the /ID it is given.
      await qpdf([printed, '--overlay', heads, '--', '--deterministic-id', overlaid]);
      const update = await overlayRepair(overlaid, work);
      await qpdf([overlaid, `--update-from-json=${update}`, ...finish, final]);
    } else {
      await qpdf([printed, ...finish, final]);
    }
    return new Uint8Array(await readFile(final));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
