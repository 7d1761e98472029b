/**
 * The print tab is hidden (sandbox.ts `hidden`, print-tab.ts): Chromium makes no rendering
 * frames for a hidden page, so the book is laid out only when a measuring step or the
 * print asks, not once more by a frame after every change the steps make. A hidden tab
 * loads its faces and images and prints the same pages as a shown one. After small prints
 * the next one loads in the same renderer; after a large one, in a fresh one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printPdf } from '../../src/render/pdf/print-driver.ts';
import { PrintTab } from '../../src/render/pdf/print-tab.ts';
import { sandboxedPage } from '../../src/render/sandbox.ts';
import { readPdf } from '../helpers/pdf.ts';
import { fileBrowser } from '../helpers/test-browser.ts';

const work = mkdtempSync(path.join(tmpdir(), 'folio-hidden-tab-'));
const options = { allow: [work], onBlocked: () => {}, timeout: 60_000 };
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@page { size: A5; margin: 20mm; } body { font: 11pt/1.4 serif; }
</style></head><body>${Array.from(
  { length: 40 },
  (_, i) =>
    `<p id="p${i}">Paragraph ${i}: ${'words set on the page of a printed book, '.repeat(8)}</p>`,
).join('')}</body></html>`;

const browser = fileBrowser(work);

describe('the print tab', () => {
  it('is hidden, behind a blank tab of its own context', async () => {
    const tab = new PrintTab(browser(), options);
    try {
      const page = await tab.renew();
      expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
    } finally {
      await tab.close();
    }
  });

  it('shares one context with the browser’s other print tabs, each tab a page of its own', async () => {
    // The browser keeps no start-up tab (launchBrowser): only Folio's pages are open.
    expect(await browser().pages()).toEqual([]);
    const contexts = () => browser().browserContexts().length;
    const before = contexts();
    const tabs = [new PrintTab(browser(), options), new PrintTab(browser(), options)];
    try {
      const pages = await Promise.all(tabs.map((tab) => tab.renew()));
      expect(contexts()).toBe(before + 1);
      expect(pages[0]).not.toBe(pages[1]);
      for (const page of pages)
        expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
      // A renewal is a new page in the same context; the last tab to close closes it.
      await tabs[0]?.renew();
      expect(contexts()).toBe(before + 1);
      await tabs[0]?.close();
      expect(contexts()).toBe(before + 1);
      await tabs[1]?.close();
      expect(contexts()).toBe(before);
    } finally {
      for (const tab of tabs) await tab.close();
    }
  });

  it('prints the same pages as a shown tab', async () => {
    const printed: string[][] = [];
    for (const hidden of [false, true]) {
      const page = await sandboxedPage(browser(), { ...options, hidden });
      try {
        expect(await page.evaluate(() => document.visibilityState)).toBe(
          hidden ? 'hidden' : 'visible',
        );
        const pdf = await printPdf(page, {
          work,
          name: `${hidden ? 'hidden' : 'shown'}.html`,
          html,
          tagged: true,
        });
        printed.push((await readPdf(pdf)).pages.map((p) => p.text));
      } finally {
        await page.close();
      }
    }
    expect(printed[0]?.length).toBeGreaterThan(3);
    expect(printed[1]).toEqual(printed[0]);
  });

  it('prints after small prints in the same renderer, and after a large one in a fresh one', async () => {
    const tab = new PrintTab(browser(), options);
    const print = async (name: string) => {
      const page = await tab.forPrint();
      const pdf = await printPdf(page, { work, name, html, tagged: true });
      const pages = (await readPdf(pdf)).pages.map((p) => p.text);
      tab.printed(pages.length);
      return { page, pages };
    };
    try {
      const first = await print('first.html');
      const second = await print('second.html');
      expect(second.page).toBe(first.page);
      expect(second.pages).toEqual(first.pages);
      // Past 60 pages in all, the renderer holds too much to share: the next print is fresh.
      tab.printed(60);
      const third = await print('third.html');
      expect(third.page).not.toBe(first.page);
      expect(first.page.isClosed()).toBe(true);
      expect(third.pages).toEqual(first.pages);
      // Between passes the tab stays open after a small print, and closes after a large one.
      await tab.release();
      expect(tab.holds(third.page)).toBe(true);
      tab.printed(60);
      await tab.release();
      expect(tab.holds(third.page)).toBe(false);
      expect(third.page.isClosed()).toBe(true);
    } finally {
      await tab.close();
    }
  });
});
