/**
 * The page estimate a build keeps for the next one: what the page-number loop's last pass
 * was assembled with (its page map, the blank pages before parts, the side notes moved up
 * and the footnotes' plan), in the output folder (`.folio-cache/`). A rebuild assembles
 * its first pass with it and prints that pass tagged: when no printed number moved (the
 * loop's read-back decides, as for any pass), that print is the last one. The file is only
 * an estimate and untrusted input: whatever it holds, a build reads it back from its own
 * print before believing it, and a file that is missing, unreadable, too large, of another
 * shape or another edition gives no estimate (a cold build), never an error.
 */
import { z } from 'zod';
import type { FootnotePlan } from '../../assemble/footnotes.ts';
import { cacheFile, readCacheJson, writeCacheJson } from './build-cache.ts';
import type { PageMap } from './page-map.ts';

/** What a rebuild's first pass is assembled with. */
export interface PageEstimate {
  map: PageMap;
  blankBefore: Set<string>;
  /** Side notes moved up (note id → the block it moves to). */
  hoists: Map<string, string>;
  /** The footnotes' plan, when the edition has footnotes. */
  footnotes: FootnotePlan | undefined;
  /** Anchors some page number shows that the print placed on no page (no destination). */
  unplaced: Set<string>;
}

/**
 * Whether a pass assembled with `estimate` can be the last: not when a page number it
 * prints points to an anchor the estimate has no page for and the last print did not
 * leave unplaced (a heading or index mark added since), since the read-back will find it
 * moved. Such a pass only measures (untagged, unpainted), as a cold build's first does.
 */
export function canSettle(estimate: PageEstimate, printed: Iterable<string>): boolean {
  for (const id of printed)
    if (!estimate.map.pageOf.has(id) && !estimate.unplaced.has(id)) return false;
  return true;
}

/** The file's format; a file of another one gives no estimate. */
const format = 1;
/** No edition has this many pages; a file claiming more is not believed. */
const mostPages = 100_000;

const page = z.number().int().min(1).max(mostPages);
const id = z.string().max(4096);
const fileSchema = z.strictObject({
  format: z.literal(format),
  edition: z.string(),
  pageCount: page,
  pageOf: z.array(z.tuple([id, page])),
  blankBefore: z.array(id),
  hoists: z.array(z.tuple([id, id])),
  footnotes: z
    .strictObject({
      pages: z.array(z.tuple([id, page])),
      tops: z.array(z.tuple([id, z.number().finite().min(-mostPages).max(mostPages)])),
    })
    .optional(),
  unplaced: z.array(id).optional(),
});

/** Where the estimate of edition `editionId` is kept in output folder `outDir`. */
export const estimateFile = (outDir: string, editionId: string): string =>
  cacheFile(outDir, 'pages', editionId);

/** The estimate kept for `editionId`, or undefined when there is none worth trying. */
export async function readEstimate(
  file: string,
  editionId: string,
): Promise<PageEstimate | undefined> {
  const read = fileSchema.safeParse(await readCacheJson(file));
  if (!read.success) return undefined;
  const parsed = read.data;
  if (parsed.edition !== editionId) return undefined;
  const { pageCount } = parsed;
  const onPages = (pages: Array<[string, number]>) => pages.every(([, p]) => p <= pageCount);
  if (!onPages(parsed.pageOf) || (parsed.footnotes && !onPages(parsed.footnotes.pages)))
    return undefined;
  return {
    map: { pageOf: new Map(parsed.pageOf), pageCount },
    blankBefore: new Set(parsed.blankBefore),
    hoists: new Map(parsed.hoists),
    footnotes: parsed.footnotes && {
      pages: new Map(parsed.footnotes.pages),
      tops: new Map(parsed.footnotes.tops),
    },
    unplaced: new Set(parsed.unplaced),
  };
}

/**
 * Keeps `estimate` for the next build (written whole, then renamed into place). A folder
 * that cannot take it costs the next build its estimate, not this build its output.
 */
export async function writeEstimate(
  file: string,
  editionId: string,
  estimate: PageEstimate,
): Promise<void> {
  const content: z.infer<typeof fileSchema> = {
    format,
    edition: editionId,
    pageCount: estimate.map.pageCount,
    pageOf: [...estimate.map.pageOf],
    blankBefore: [...estimate.blankBefore],
    hoists: [...estimate.hoists],
    ...(estimate.footnotes
      ? { footnotes: { pages: [...estimate.footnotes.pages], tops: [...estimate.footnotes.tops] } }
      : {}),
    ...(estimate.unplaced.size > 0 ? { unplaced: [...estimate.unplaced] } : {}),
  };
  await writeCacheJson(file, content);
}
