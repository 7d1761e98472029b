/**
 * A page map without a print: the loaded print page laid out in columns of its page
 * area, one a page (page-columns.browser.js). A cold build's first pass measures this
 * way instead of printing, so that its second pass, tagged, is the first print; the
 * read-back of that print corrects whatever the columns got wrong (page-loop.ts).
 */
import type { Page } from 'puppeteer-core';
import { measuringScript } from './in-page-scripts.ts';
import { type PageMap, printAnchor } from './page-map.ts';
import { type PaperSize, paperSizes } from './paper-sizes.ts';

declare global {
  /** Defined in the print page only, by page-columns.browser.js. */
  var folioPageColumns: (
    papers: Record<string, PaperSize | undefined>,
    anchors: string[],
    withTops: string[],
  ) => { pages: Array<[string, number]>; tops: Array<[string, number]>; pageCount: number };
}

let inPage: string | undefined;

/**
 * The page of each of `ids` that a link targets in the loaded `page`, as its print would
 * put them, and for those in `withTops` their top in pt as readPageMap reads it. The page is
 * rearranged for it: it is not printed afterwards.
 */
export async function columnPageMap(
  page: Page,
  ids: Iterable<string>,
  withTops: ReadonlySet<string> = new Set(),
): Promise<PageMap> {
  inPage ??= measuringScript('page-columns');
  const byPrintId = new Map<string, string[]>();
  for (const id of new Set([...ids, ...withTops])) {
    const printId = printAnchor(id);
    const owners = byPrintId.get(printId);
    if (owners) owners.push(id);
    else byPrintId.set(printId, [id]);
  }
  const topIds = [...withTops].map(printAnchor);
  await page.evaluate(inPage);
  const measured = await page.evaluate(
    (papers, anchors, tops) => globalThis.folioPageColumns(papers, anchors, tops),
    paperSizes,
    [...byPrintId.keys()],
    topIds,
  );
  const pageOf = new Map<string, number>();
  const topOf = new Map<string, number>();
  for (const [printId, pageNumber] of measured.pages)
    for (const id of byPrintId.get(printId) ?? []) pageOf.set(id, pageNumber);
  for (const [printId, top] of measured.tops)
    for (const id of byPrintId.get(printId) ?? []) if (withTops.has(id)) topOf.set(id, top);
  return { pageOf, topOf, pageCount: measured.pageCount };
}
