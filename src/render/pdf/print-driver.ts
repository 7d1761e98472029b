/**
 * One print: the HTML written to a file in the print's work folder (so that file:// fonts
 * and images load), loaded in the tab and printed by Chromium with the CSS page size.
 * The page is laid out in print styles (emulated) from its load, and not at all until its
 * faces and the images its styles name are loaded and it is held at its page area's
 * width: it loads unshown (a style hides the body's content until page-area.browser.js
 * holds it), so the load's own layout at the window's width, which the next step threw
 * away, is never made (227 pages, PDF only, alternating: 32–34 s before, 23–26 s after, the
 * same PDF).
 * A measurement loads the page the same way and lays it out in columns instead of printing
 * it (`measurePages`, page-columns.ts).
 * A browser that hangs or dies while doing so is a failure of the environment (exit 3).
 * Every step in the page is bounded by the render budget (the page's default timeout),
 * not only the load and the print, and fails at once when the renderer crashes
 * (page-watch.ts); a browser past its budget is killed at once.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { type StageTimer, timed } from '../../pipeline/stage-timer.ts';
import { browserFailure, killBrowser, timedOut } from '../browser.ts';
import { type PageWatch, watchPage } from '../page-watch.ts';
import { layOutAfresh, waitForFaces } from './font-wait.ts';
import { pageAreaScript } from './in-page-scripts.ts';
import { columnPageMap } from './page-columns.ts';
import { type PageMap, readPageMap } from './page-map.ts';
import { paperSizes } from './paper-sizes.ts';
import { collectGarbage } from './renderer-garbage.ts';

export interface PrintJob {
  /** The folder the HTML is written to. */
  work: string;
  /** The HTML file's name in it. */
  name: string;
  html: string;
  /** Tagged prints carry a structure tree and bookmarks. */
  tagged: boolean;
  /** Settles the loaded page's hyphens before it prints. */
  beforePrint?: (page: Page) => Promise<void>;
  /** Times the load (`pdf load`), the fresh layout (`pdf layout`) and Chromium's print (`pdf print`). */
  timer?: StageTimer;
}

/** A measurement in place of a print: the page of each anchor, laid out as it would print. */
export interface MeasureJob extends Omit<PrintJob, 'tagged'> {
  anchors: Iterable<string>;
  /** Of the anchors, those whose top on their page is measured too. */
  withTops?: ReadonlySet<string>;
  /**
   * With parts measured at once: runs the column layout after the others' (`oneAtATime`,
   * print-parts.ts), and the page's document is let go of after it. Each holds a part's
   * whole layout in columns (about 500 MB at 220 pages), twice a print's.
   */
  oneAtATime?: OneAtATime;
  /** Also look for the elements wider than the page area, in the columns (the map's `wide`). */
  findWide?: boolean;
}

/** Runs each `work` it is given after the one given before has ended. */
export type OneAtATime = <T>(work: () => Promise<T>) => Promise<T>;

export function oneAtATime(): OneAtATime {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = last.then(work, work);
    last = run.catch(() => {});
    return run;
  };
}

export function printPdf(page: Page, job: PrintJob): Promise<Uint8Array> {
  return withLoadedPage(page, job, async (watch, budget) => {
    await timed(job.timer, 'pdf layout', async () => {
      await watch.step(page.evaluate(() => globalThis.folioHeld?.release()));
      await watch.step(layOutAfresh(page));
    });
    return await timed(job.timer, 'pdf print', () =>
      watch.step(
        page.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          tagged: job.tagged,
          outline: job.tagged,
          displayHeaderFooter: false,
          timeout: budget,
        }),
      ),
    );
  });
}

/**
 * Loads the page as `printPdf` does and, instead of printing it, lays it out in columns
 * of its page area (page-columns.ts): the page map a measuring print would read, at the
 * cost of one layout. The page is rearranged for it, so nothing prints it afterwards.
 */
export function measurePages(page: Page, job: MeasureJob): Promise<PageMap> {
  return withLoadedPage(page, job, (watch) => {
    const measure = async () => {
      const map = await timed(job.timer, 'pdf columns', () =>
        watch.step(columnPageMap(page, job.anchors, job.withTops, job.findWide)),
      );
      // Its layout let go of before the next part's is made (about:blank frees nothing
      // until the renderer collects its garbage: 658 MB before, 35 MB after, measured).
      if (job.oneAtATime)
        await timed(job.timer, 'pdf release', () => watch.step(releaseDocument(page)));
      return map;
    };
    return job.oneAtATime ? job.oneAtATime(measure) : measure();
  });
}

/** Unloads the page's document and has its renderer collect the garbage it leaves. */
async function releaseDocument(page: Page): Promise<void> {
  await page.goto('about:blank');
  await collectGarbage(page);
}

/**
 * A tagged print and its page map (read from its named destinations), or, untagged, the
 * page map measured without printing (`measurePages`) and an empty PDF.
 */
export async function printOrMeasure(
  page: Page,
  job: Omit<PrintJob, 'tagged'> & Pick<MeasureJob, 'oneAtATime' | 'findWide'>,
  tagged: boolean,
  anchors: Iterable<string>,
  withTops: ReadonlySet<string>,
): Promise<{ pdf: Uint8Array; map: PageMap }> {
  if (!tagged)
    return { pdf: new Uint8Array(), map: await measurePages(page, { ...job, anchors, withTops }) };
  const pdf = await printPdf(page, { ...job, tagged });
  const map = await timed(job.timer, 'pdf page map', () => readPageMap(pdf, anchors, withTops));
  return { pdf, map };
}

/**
 * Writes the job's HTML, loads it in `page` held at its page area, settles it
 * (`beforePrint`) and hands it to `then`, each step within the page's render budget.
 */
async function withLoadedPage<T>(
  page: Page,
  job: Omit<PrintJob, 'tagged'>,
  then: (watch: PageWatch, budget: number) => Promise<T>,
): Promise<T> {
  const file = path.join(job.work, job.name);
  await writeFile(file, unshown(job.html) ?? job.html);
  const budget = page.getDefaultTimeout();
  const watch = watchPage(page, budget);
  try {
    await timed(job.timer, 'pdf load', async () => {
      // Release the previous pass's document first: two large layouts at once slow the print.
      await watch.step(page.goto('about:blank'));
      // Laid out in print styles from the start, as Chromium prints it: whatever is measured
      // in the loaded page (hyphens, wide elements, footnote areas, the glossary's length)
      // sees the print's styles, and no measurement restyles the whole page to get them.
      await loadHeld(page, pathToFileURL(file).href, watch);
    });
    if (job.beforePrint) await watch.step(job.beforePrint(page));
    return await then(watch, budget);
  } catch (error) {
    // Past its budget the browser is not asked to close (each request would wait 30 s on
    // one that is hung): it is killed now, and the build ends within the budget.
    if (timedOut(error)) killBrowser(page.browser());
    throw browserFailure(error, budget);
  } finally {
    watch.end();
  }
}

/**
 * Loads the print page at `url` (a file printPdf wrote) in `page` as a print loads it: in
 * print styles, its faces and style images loaded, held at its page area's width
 * (page-area.browser.js), each step within `watch`'s budget.
 */
export async function loadHeld(page: Page, url: string, watch: PageWatch): Promise<void> {
  await watch.step(page.emulateMediaType('print'));
  await watch.step(page.goto(url, { waitUntil: 'load' }));
  // Held at its page area's width until the print, from the first layout after the
  // faces (page-area.browser.js): the layouts the page makes between the measuring
  // steps are then those the steps measure, not layouts at the window's width. Loaded
  // unshown, it had no layout to take down.
  const unshownLoad = await watch.step(
    page.evaluate(() => document.querySelector('style[data-folio-unshown]') !== null),
  );
  await watch.step(waitForFaces(page, () => holdAtPageArea(page), { afresh: !unshownLoad }));
}

/**
 * What hides the body's content while the page loads (all but page-area.browser.js's
 * probes); that script takes it away once it holds the page at its area's width.
 */
const unshownStyle =
  '<style data-folio-unshown>body > :not([data-folio-probe]) { display: none !important; }</style>';

/** `html` loading unshown: the style first in its head (undefined if it has no head). */
function unshown(html: string): string | undefined {
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (!head) return undefined;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${unshownStyle}${html.slice(at)}`;
}

async function holdAtPageArea(page: Page): Promise<void> {
  await page.evaluate(pageAreaScript());
  await page.evaluate((papers) => globalThis.folioHoldAtPageArea(papers), paperSizes);
}
