/**
 * One browser for a test file's in-page checks, launched before its tests and closed after
 * them, with the file's work folder (if it names one) removed then.
 */
import { rmSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../../src/render/browser.ts';

/** Registers the file's browser; the returned function gives it (inside a test). */
export function fileBrowser(work?: string): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  return () => {
    if (!browser) throw new Error('the test browser is not launched');
    return browser;
  };
}
