/**
 * The browser Folio prints with: one Chromium per build, found without any download
 * (browser-executable.ts), launched quiet and offline, and closed when the build ends however it ends.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { onInterrupt } from '../cleanup.ts';
import { EnvironmentFailure } from '../failures.ts';
import type { BrowserSlot, RenderSession } from '../pipeline/pipeline.ts';
import { installAdvice, resolveBrowserExecutable } from './browser-executable.ts';

export { installAdvice, resolveBrowserExecutable };

export const launchArgs = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
  '--font-render-hinting=none',
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = resolveBrowserExecutable();
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  try {
    return await puppeteer.launch({
      executablePath,
      headless: true,
      // Chromium refuses to sandbox as root; elsewhere the sandbox stays on.
      args: [...launchArgs, ...(root ? ['--no-sandbox'] : [])],
      // Folio closes the browser itself on a signal, with the rest of its cleanup.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60_000,
    });
  } catch (error) {
    throw new EnvironmentFailure(
      `Chromium (${executablePath}) failed to start: ${(error as Error).message.split('\n')[0]}. ${installAdvice}`,
    );
  }
}

/**
 * A browser slot kept between builds (watch mode): the browser stays open from one build
 * to the next, closed by `closeKeptBrowser`, or on interrupt, instead of at each build's end.
 */
export function keepBrowser(): BrowserSlot {
  return { kept: true };
}

export async function closeKeptBrowser(slot: BrowserSlot): Promise<void> {
  const launched = slot.launched;
  slot.launched = undefined;
  if (launched) await closeBrowser(launched);
}

async function closeBrowser(launched: Promise<Browser>): Promise<void> {
  const browser = await launched.catch(() => undefined);
  if (!browser) return;
  const closed = browser.close().catch(() => {});
  // A browser that hangs or crashed is not waited for: it is killed, so no process is left behind.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  const child = browser.process();
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The build's one browser, launched on first use and closed with the session. */
export async function sessionBrowser(session: RenderSession): Promise<Browser> {
  const slot = session.browser;
  const existing = slot.launched;
  const alive = existing ? await existing.then((b) => b.connected).catch(() => false) : false;
  if (existing && alive) return existing;
  const launched = launchBrowser();
  slot.launched = launched;
  if (slot.kept) onInterrupt(() => closeBrowser(launched));
  else session.onClose(() => closeBrowser(launched));
  return launched;
}
