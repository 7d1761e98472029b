/**
 * One print: the HTML written to a file in the print's work folder (so that file:// fonts
 * and images load), loaded in the tab and printed by Chromium with the CSS page size.
 * A browser that hangs or dies while doing so is a failure of the environment (exit 3).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
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
  beforePrint?: () => Promise<void>;
}

export async function printPdf(page: Page, job: PrintJob): Promise<Uint8Array> {
  const file = path.join(job.work, job.name);
  await writeFile(file, job.html);
  try {
    // Release the previous pass's document first: two large layouts at once slow the print.
    await page.goto('about:blank');
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await waitForFaces(page);
    await job.beforePrint?.();
    await layOutAfresh(page);
    return await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: job.tagged,
      outline: job.tagged,
      displayHeaderFooter: false,
      timeout: page.getDefaultTimeout(),
    });
  } catch (error) {
    throw browserFailure(error, page.getDefaultTimeout());
  }
}
