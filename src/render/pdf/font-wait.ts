/**
 * Fonts before layout. Chromium lays a page out as soon as it can, with whatever faces
 * have arrived, and lays it out again when a late face comes; the page's text then sets
 * the same, but not all of its layout does: whether a link that holds an `<em>` got one
 * annotation per line or one per inline child depended, in one build in many, on whether
 * latin-ext Source Serif 4 had loaded before the first layout (issue 17). So before
 * anything is measured or printed, every face the page may set is loaded (each
 * `@font-face` whose `unicode-range` holds a character of the page's text, its generated
 * content or its margin boxes: font-faces.browser.js); and before the print, the page is
 * laid out afresh, from nothing, so that no box laid out before a face arrived, or while
 * hyphens were measured, survives into the PDF.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';

/**
 * What margin boxes and list markers may hold that neither the page's text nor its rules
 * do: arabic and roman folios (counters), a marking's capitals, the bullets of nested lists
 * and the symbols of the Greek and Chinese counter styles. The page loads unshown
 * (print-driver.ts): no layout asks for a face before the print but the measuring steps',
 * so what only a marker or a counter sets must be named here to be loaded.
 */
const marginBoxText =
  '0123456789ivxlcdmIVXLCDMABCDEFGHIJKLMNOPQRSTUVWXYZ•◦▪▸▾αβγδεζηθικλμνξοπρστυφχψω〇一二三四五六七八九十百千';

/** What font-faces.browser.js defines in the page (tsc checks it against this). */
interface InPage {
  load(extra: string): Promise<number>;
  imagesPending(): number;
  layOutAfresh(): void;
}

declare global {
  /** Defined in the print page only, by font-faces.browser.js. */
  var folioFaces: InPage;
}

let inPage: string | undefined;

/**
 * Loads every face the loaded page may set and every image its style rules name, then
 * (after `beforeLayout`, if given) takes the page's layout down, unless `afresh` is false,
 * so that what is measured next is laid out with every face in place. A face that cannot
 * load is already reported by the sandbox (a missing file); the page then sets its
 * fallback, as it would have.
 */
export async function waitForFaces(
  page: Page,
  beforeLayout?: () => Promise<void>,
  options: { afresh?: boolean } = {},
): Promise<void> {
  inPage ??= readFileSync(new URL('./font-faces.browser.js', import.meta.url), 'utf8');
  await page.evaluate(inPage);
  await page.evaluate((extra) => globalThis.folioFaces.load(extra), marginBoxText);
  // Asked from here: in a hidden page (sandbox.ts) `HTMLImageElement.decode()` never settled.
  while ((await page.evaluate(() => globalThis.folioFaces.imagesPending())) > 0)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await beforeLayout?.();
  // A page loaded unshown (print-driver.ts) has laid nothing out yet: nothing to take down.
  if (options.afresh ?? true) await layOutAfresh(page);
}

/**
 * Takes the page's layout down (after `waitForFaces`), so that the print lays every box
 * out anew: nothing measured before (hyphens) leaves a trace in how the PDF is written.
 */
export async function layOutAfresh(page: Page): Promise<void> {
  await page.evaluate(() => globalThis.folioFaces.layOutAfresh());
}
