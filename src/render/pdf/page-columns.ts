/**
 * A page map without a print: the loaded print page laid out in columns of its page
 * area, one a page (page-columns.browser.js). A cold build's first pass measures this
 * way instead of printing, so that its second pass, tagged, is the first print; the
 * read-back of that print corrects whatever the columns got wrong (page-loop.ts).
 */
import type { Page } from 'puppeteer-core';
import { measuringScript, type WideElement } from './in-page-scripts.ts';
import { idsByDestination, type PageMap } from './page-map.ts';
import { type PaperSize, paperSizes } from './paper-sizes.ts';

declare global {
  /** Defined in the print page only, by page-columns.browser.js. */
  var folioPageColumns: (
    papers: Record<string, PaperSize | undefined>,
    findWide: boolean,
  ) => {
    /** Destination name, page, top in pt. */
    pages: Array<[string, number, number]>;
    pageCount: number;
    /** Asked for: the elements wider than the page area (overflow.browser.js). */
    wide: WideElement[] | undefined;
    /** The page area's width, in CSS px. */
    area: number;
  };
}

let inPage: string | undefined;

/**
 * The page of each of `ids` that a link targets in the loaded `page`, as its print would
 * put them, and for those in `withTops` their top in pt as readPageMap reads it. Like the
 * read-back, it goes through the targets the page holds, not every id asked for (a part
 * of a book is asked with all the book's anchors). The page is rearranged for it: it is
 * not printed afterwards. With `findWide`, the map also tells the elements wider than the
 * page area, found in the same layout (the held layout overflow.ts looks in costs a full
 * layout of the part: 0.6-0.9 s for each half of the 447-page pack).
 */
export async function columnPageMap(
  page: Page,
  ids: Iterable<string>,
  withTops: ReadonlySet<string> = new Set(),
  findWide = false,
): Promise<PageMap> {
  inPage ??= measuringScript('page-columns');
  const owners = idsByDestination(ids, withTops);
  await page.evaluate(inPage);
  const measured = await page.evaluate(
    (papers, wide) => globalThis.folioPageColumns(papers, wide),
    paperSizes,
    findWide,
  );
  const pageOf = new Map<string, number>();
  const topOf = new Map<string, number>();
  for (const [name, pageNumber, top] of measured.pages) {
    for (const id of owners.get(name) ?? []) {
      pageOf.set(id, pageNumber);
      if (withTops.has(id)) topOf.set(id, top);
    }
  }
  const wide = measured.wide?.map((element) => ({ ...element, area: measured.area }));
  return { pageOf, topOf, pageCount: measured.pageCount, ...(wide ? { wide } : {}) };
}
