/**
 * After the last print: the page labels (i, ii … 1, 2 …) and the document information
 * (title, author, subject, keywords, language, dates taken from the manuscript or
 * SOURCE_DATE_EPOCH, never the clock) are added as an incremental update; then one qpdf
 * run lays the running heads over the pages and compresses into object streams. qpdf
 * keeps the structure tree; pdf-lib would drop it. A PDF/A edition gets its XMP metadata
 * and output intent in the same update.
 */
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EnvironmentFailure } from '../../failures.ts';
import { makeTempDir } from '../../temp/temp-root.ts';
import {
  addDocumentMetadata,
  creatorTool,
  type PageLabelRange,
  producerName,
} from './incremental-update.ts';
import type { PdfInfo } from './pdf-info.ts';
import { archivalParts } from './pdfa.ts';

const run = promisify(execFile);

export interface PostprocessInput {
  pdf: Uint8Array;
  /** Running heads, one page per page of `pdf`; omitted when there are none. */
  overlay?: Uint8Array;
  /** Physical page index (0-based) where a new numbering style starts. */
  labelRanges: PageLabelRange[];
  info: PdfInfo;
  /** Make the PDF PDF/A-2b: XMP metadata and an sRGB output intent (see pdfa.ts). */
  pdfa?: boolean;
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
      ),
    );
    const overlay: string[] = [];
    if (input.overlay) {
      const heads = path.join(work, 'heads.pdf');
      await writeFile(heads, input.overlay);
      overlay.push('--overlay', heads, '--');
    }
    // One rewrite: running heads laid over, the update folded in, object streams, a /ID
    // derived from the content (Chromium's is random) so that equal builds are equal bytes.
    await qpdf([printed, ...overlay, '--object-streams=generate', '--deterministic-id', final]);
    return new Uint8Array(await readFile(final));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function qpdf(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('qpdf', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT')
      throw new EnvironmentFailure('qpdf is needed to finish PDFs: `apt-get install qpdf`');
    // Exit code 3 is qpdf's "succeeded with warnings".
    if ((failure.code as unknown) === 3) return '';
    throw new Error(`qpdf ${args.join(' ')} failed: ${failure.stderr ?? failure.message}`);
  }
}

function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
