/**
 * Elements wider than the page area. Chromium's print cuts off text that overflows the
 * page area (a line of code that may not wrap), and for a wider image or box lays the
 * whole document out as wide and shrinks every page to fit (measured: an image 465 px wide
 * on a 444 px area printed the whole book at 95 %, and the laid-out page Folio measures,
 * for hyphens and footnote areas, no longer matched the print). The
 * loaded page, laid out at the page area's width in print styles, tells which elements
 * are wider (overflow.browser.js); the print report warns at each.
 */
import type { Page } from 'puppeteer-core';
import { measuringScript, type WideElement } from './in-page-scripts.ts';
import { paperSizes } from './paper-sizes.ts';

let inPage: string | undefined;

/** The outermost elements of the loaded page wider than its page area (at most 5), and that width. */
export async function wideElements(page: Page): Promise<{ area: number; wide: WideElement[] }> {
  inPage ??= measuringScript('overflow');
  await page.evaluate(inPage);
  // In print styles: the print driver emulates print before the page loads.
  return await page.evaluate((papers) => globalThis.folioOverflow(papers), paperSizes);
}
