/**
 * The browser tab an edition prints in. It is opened anew, in a new browser context (so in
 * a new renderer process), before each print of the whole edition: a renderer that has
 * printed hundreds of pages keeps much of that memory (measured on 444 pages: 1.7 GB at
 * the second print in one tab, 1.2 GB in a fresh one), and a fresh one prints as fast.
 */
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { browserFailure, killBrowser, timedOut } from '../browser.ts';
import { within } from '../page-watch.ts';
import { offlineBrowserContext, type SandboxOptions, sandboxedPage } from '../sandbox.ts';

export class PrintTab {
  private context: BrowserContext | undefined;
  private current: Page | undefined;

  constructor(
    private readonly browser: Browser,
    private readonly options: SandboxOptions,
  ) {}

  /** The open tab. */
  get page(): Page {
    if (!this.current) throw new Error('the print tab is not open');
    return this.current;
  }

  /** The browser's product and version ("Chrome/156.0.8078.114"). */
  version(): Promise<string> {
    return this.browser.version();
  }

  /** Closes the tab there is and opens a new one. */
  async renew(): Promise<Page> {
    await this.close();
    const open = async () => {
      this.context = await offlineBrowserContext(this.browser);
      this.current = await sandboxedPage(this.context, this.options);
      return this.current;
    };
    // Within the render budget, as the print's own steps: a browser that does not open a
    // tab in time (stopped, or its new renderer killed) is killed, not waited for.
    try {
      return await within(open(), this.options.timeout);
    } catch (error) {
      if (timedOut(error)) killBrowser(this.browser);
      throw browserFailure(error, this.options.timeout);
    }
  }

  async close(): Promise<void> {
    await this.current?.close().catch(() => {});
    await this.context?.close().catch(() => {});
    this.current = undefined;
    this.context = undefined;
  }
}
