/**
 * The browser tab an edition prints in. A renderer that has printed hundreds of pages
 * keeps much of that memory (measured on 444 pages: 1.7 GB at the second print in one tab,
 * 1.2 GB in a fresh one), and a fresh one prints as fast: so the tab is opened anew (a
 * new page, so a new renderer process, in the browser context its browser's print tabs
 * share: sandbox.ts), before a print that would follow a large one. After prints of a few
 * pages (a small edition's, a front or back matter's) the next print loads in the same
 * renderer (opening one cost about 0.4 s at 447 pages). The tab is hidden (sandbox.ts):
 * laid out only when a measuring step or the print asks.
 */
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { browserFailure, killBrowser, timedOut } from '../browser.ts';
import { watchPage, within } from '../page-watch.ts';
import {
  acquireSharedContext,
  releaseSharedContext,
  type SandboxOptions,
  sandboxedPage,
} from '../sandbox.ts';
import { loadHeld } from './print-driver.ts';

/**
 * Up to how many pages printed in a renderer the next print may load in it: what it keeps
 * of them is then a small edition's, not a book's (a part prints about 100 pages).
 */
const reusedUpTo = 60;

export class PrintTab {
  private context: BrowserContext | undefined;
  private current: Page | undefined;
  /** The pages printed in the open tab's renderer since it opened. */
  private pages = 0;

  constructor(
    private readonly browser: Browser,
    private readonly options: SandboxOptions,
  ) {}

  /** The open tab. */
  get page(): Page {
    if (!this.current) throw new Error('the print tab is not open');
    return this.current;
  }

  /**
   * Whether `page` is this tab's open page (never fails: between two prints, while it is
   * renewed, it has none, and a part on a lent tab may ask then).
   */
  holds(page: Page): boolean {
    return this.current === page;
  }

  /** The browser's product and version ("Chrome/156.0.8078.114"). */
  version(): Promise<string> {
    return this.browser.version();
  }

  /**
   * The tab for the next print: the open one while the prints in its renderer are small
   * (up to `reusedUpTo` pages in all; the next print's document replaces the last one's),
   * else a new one (`renew`).
   */
  async forPrint(): Promise<Page> {
    if (this.current && !this.holdsMuch) return this.current;
    return this.renew();
  }

  /** Counts a print of `pages` pages made in the open tab (its renderer keeps some of it). */
  printed(pages: number): void {
    this.pages += pages;
  }

  /** Whether the open tab's renderer printed more than a next print should share it with. */
  private get holdsMuch(): boolean {
    return this.pages > reusedUpTo;
  }

  /**
   * Closes the tab if its renderer holds large prints (between the passes of a page loop,
   * so that it holds no memory while the next pass is assembled); a small one stays open
   * for the next print.
   */
  async release(): Promise<void> {
    if (this.holdsMuch) await this.close();
  }

  /**
   * Closes the tab there is and opens a new one, within the render budget: a browser
   * stopped between two prints was asked to close the old tab and its context with no
   * bound, 30 s each (64 s where the budget was 4 s).
   */
  async renew(): Promise<Page> {
    const open = async () => {
      await this.closePage();
      this.context ??= await acquireSharedContext(this.browser);
      this.current = await sandboxedPage(this.context, { ...this.options, hidden: true });
      return this.current;
    };
    return this.bounded(open());
  }

  /**
   * Runs `use` in a second tab that loaded the print page at `url` as the print did
   * (print-driver.ts), sandboxed as this one, in the shared context (a page of its own, so
   * a renderer of its own): a measuring step shares its work with it, each on a core.
   * Every step is within the render budget; the tab is closed after.
   */
  async alongside<T>(url: string, use: (page: Page) => Promise<T>): Promise<T> {
    const context = await this.bounded(acquireSharedContext(this.browser));
    try {
      const helper = await this.bounded(sandboxedPage(context, { ...this.options, hidden: true }));
      const watch = watchPage(helper, this.options.timeout);
      try {
        await loadHeld(helper, url, watch);
        return await watch.step(use(helper));
      } catch (error) {
        throw this.failure(error);
      } finally {
        watch.end();
        await this.bounded(helper.close()).catch(() => {});
      }
    } finally {
      await this.bounded(releaseSharedContext(this.browser)).catch(() => {});
    }
  }

  /**
   * Closes the tab and its context, within the render budget: a browser that does not
   * answer is killed, not waited for (30 s a request); the close itself never fails.
   */
  async close(): Promise<void> {
    await this.bounded(this.closeNow()).catch(() => {});
  }

  private async closeNow(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    await this.closePage();
    if (context) await releaseSharedContext(this.browser);
  }

  /** Closes the open page, and so its renderer; the context stays for the next. */
  private async closePage(): Promise<void> {
    const page = this.current;
    this.current = undefined;
    this.pages = 0;
    await page?.close().catch(() => {});
  }

  /**
   * `call` within the render budget, as the print's own steps: past it the browser is
   * killed (every call still waiting on it then fails at once) and the build fails (exit 3).
   */
  private async bounded<T>(call: Promise<T>): Promise<T> {
    try {
      return await within(call, this.options.timeout);
    } catch (error) {
      throw this.failure(error);
    }
  }

  /** The build's failure for a browser call that failed; past the budget, the browser killed. */
  private failure(error: unknown): Error {
    if (timedOut(error)) killBrowser(this.browser);
    return browserFailure(error, this.options.timeout);
  }
}
