/**
 * One print: the HTML written to a file in the print's work folder (so that file:// fonts
 * and images load), loaded in the tab and printed by Chromium with the CSS page size.
 * A browser that hangs or dies while doing so is a failure of the environment (exit 3).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { type StageTimer, timed } from '../../pipeline/stage-timer.ts';
import { browserFailure } from '../browser.ts';
import { layOutAfresh, waitForFaces } from './font-wait.ts';

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
  /**
   * The print is only measured (the page of each anchor is read from its named
   * destinations): nothing is painted, which leaves the layout as it is and costs the
   * print most of its time (drawing and embedding the text).
   */
  measureOnly?: boolean;
  /** Times the load (`pdf load`), the fresh layout (`pdf layout`) and Chromium's print (`pdf print`). */
  timer?: StageTimer;
}

export async function printPdf(page: Page, job: PrintJob): Promise<Uint8Array> {
  const file = path.join(job.work, job.name);
  await writeFile(file, job.html);
  try {
    await timed(job.timer, 'pdf load', async () => {
      // Release the previous pass's document first: two large layouts at once slow the print.
      await page.goto('about:blank');
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await waitForFaces(page);
    });
    await job.beforePrint?.(page);
    await timed(job.timer, 'pdf layout', async () => {
      await layOutAfresh(page);
      if (job.measureOnly) await page.evaluate(paintNothing, unpainted);
    });
    return await timed(job.timer, 'pdf print', () =>
      page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        tagged: job.tagged,
        outline: job.tagged,
        displayHeaderFooter: false,
        timeout: page.getDefaultTimeout(),
      }),
    );
  } catch (error) {
    throw browserFailure(error, page.getDefaultTimeout());
  }
}

/**
 * What a measuring print lays out but does not paint. `visibility` changes no box's size
 * or place, and the named destinations Chromium writes for linked ids do not depend on it.
 */
const unpainted = '*, *::before, *::after { visibility: hidden !important; }';

function paintNothing(css: string): void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}
