/**
 * The browser Folio prints with: one Chromium per build (or per edition printed in
 * parallel), found without any download (browser-executable.ts), launched quiet and
 * offline, and closed when the build ends however it ends; or a browser running elsewhere,
 * connected to at its WebSocket endpoint (`connectBrowser`). It is driven over a pipe, so it exits when Folio does, even when Folio
 * is killed; its profile lives in the run's temporary root. `browserFailure` turns what a
 * dying or hung browser throws into the environment failure (exit 3) the CLI reports.
 */
import type { Browser } from 'puppeteer-core';
import { interrupting, onInterrupt } from '../cleanup.ts';
import { EnvironmentFailure, UsageFailure } from '../failures.ts';
import type { BrowserSlot, RenderSession } from '../pipeline/pipeline.ts';
import { makeTempDirSync } from '../temp/temp-root.ts';
import { installAdvice, resolveBrowserExecutable } from './browser-executable.ts';
import { offlineLaunchArgs } from './sandbox.ts';

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
  // No renderer started ahead for a next page (about 15 MB held through the build): each
  // of Folio's pages starts its own when it opens, and none is opened in a hurry.
  '--disable-features=SpareRendererForSitePerProcess',
  // `gc()` for Folio's own measuring scripts (line-end-hyphens.browser.js); a print page
  // runs no script of its own (sandbox.ts), so none other can call it.
  '--js-flags=--expose-gc',
];

/** The default budget of one browser call, when the caller names none (`renderTimeout`). */
export const defaultProtocolTimeout = 120_000;

/** The least any one browser call is allowed, whatever the budget (ms). */
const minimumProtocolTimeout = 30_000;

export interface LaunchOptions {
  /**
   * The longest any one call to the browser may take (ms): the render budget, so a hung
   * renderer ends the build in time instead of after Puppeteer's own 180 s.
   */
  protocolTimeout?: number;
}

/**
 * The browsers a build is told to print with instead of launching its own: the
 * comma-separated `FOLIO_BROWSER_WS_ENDPOINT`, else the config's `browserEndpoints`.
 */
export function browserEndpoints(configured: readonly string[] = []): string[] {
  const fromEnvironment = process.env.FOLIO_BROWSER_WS_ENDPOINT;
  if (fromEnvironment?.trim()) {
    const endpoints = fromEnvironment
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const bad = endpoints.find((e) => !/^wss?:\/\/\S+$/.test(e));
    if (bad)
      throw new UsageFailure(
        `FOLIO_BROWSER_WS_ENDPOINT holds \`${bad}\`, which is no ws:// or wss:// URL (a browser's DevTools WebSocket endpoint)`,
      );
    return endpoints;
  }
  return [...configured];
}

/**
 * A browser that runs elsewhere (a managed pool, a container, one started by hand with
 * `--remote-debugging-port`), reached at its DevTools WebSocket endpoint. Folio opens its
 * own contexts in it and closes them, and disconnects at the end without closing the
 * browser. The print loads its HTML from file:// URLs in Folio's temporary folder, so the
 * browser must see the same filesystem (the same host, or a shared mount).
 */
export async function connectBrowser(
  endpoint: string,
  options: LaunchOptions = {},
): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  try {
    return await puppeteer.connect({
      browserWSEndpoint: endpoint,
      protocolTimeout: Math.max(
        options.protocolTimeout ?? defaultProtocolTimeout,
        minimumProtocolTimeout,
      ),
    });
  } catch (error) {
    throw new EnvironmentFailure(
      `No browser answered at ${endpoint}: ${(error as Error).message.split('\n')[0]} (check FOLIO_BROWSER_WS_ENDPOINT or \`browserEndpoints\` in the config)`,
    );
  }
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = resolveBrowserExecutable();
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  // Imported here, not at the top: every `folio` start loads this module, few launch.
  const { default: puppeteer } = await import('puppeteer-core');
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      // Chromium refuses to sandbox as root; elsewhere the sandbox stays on.
      args: [...launchArgs, ...offlineLaunchArgs, ...(root ? ['--no-sandbox'] : [])],
      // Folio closes the browser itself on a signal, with the rest of its cleanup.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60_000,
      // Over a pipe, the browser exits as soon as Folio's end of it closes, however Folio
      // ends (a WebSocket connection would leave it running, re-parented to init).
      pipe: true,
      userDataDir: makeTempDirSync('chromium-profile'),
      // Never below a floor: starting the browser on a loaded machine takes seconds even
      // when the edition's budget is smaller (page loads and prints keep their own budget).
      protocolTimeout: Math.max(
        options.protocolTimeout ?? defaultProtocolTimeout,
        minimumProtocolTimeout,
      ),
    });
  } catch (error) {
    throw new EnvironmentFailure(
      `Chromium (${executablePath}) failed to start: ${(error as Error).message.split('\n')[0]}. ${installAdvice}`,
    );
  }
  // The blank tab it starts with is a window of its own, two renderers (about 85 MB) that
  // nothing prints in: every page Folio opens is in a context of its own (sandbox.ts).
  for (const page of await browser.pages()) await page.close().catch(() => {});
  return browser;
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
  // A browser Folio connected to belongs to someone else: Folio only lets go of it.
  if (!browser.process()) {
    await browser.disconnect().catch(() => {});
    return;
  }
  const closed = browser.close().catch(() => {});
  // A browser that hangs or crashed is not waited for: it is killed, so no process is left behind.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  killBrowser(browser);
}

/**
 * Ends a browser at once, without asking it: its process group is killed (one Folio
 * connected to is let go of). After a call ran past the render budget, closing the tab,
 * its context and the browser politely would each wait for the connection's own timeout
 * (30 s or more) on a browser that no longer answers; killed, every call still waiting
 * on it fails at once.
 */
export function killBrowser(browser: Browser): void {
  const child = browser.process();
  if (!child) {
    void browser.disconnect().catch(() => {});
    return;
  }
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // Puppeteer starts the browser as the leader of its own process group: a renderer that
  // outlived it (hung, or stopped) would keep its end of the browser's stderr open, and
  // with it Folio's event loop.
  if (child.pid && process.platform !== 'win32') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The whole group has exited already.
    }
  }
}

/** A Puppeteer timeout, or a protocol call that ran past the connection's timeout. */
export function timedOut(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'TimeoutError' ||
      (error.name === 'ProtocolError' && /timed out/i.test(error.message)))
  );
}

/**
 * The session's browser, launched (or, for a slot with an endpoint, connected to) on first
 * use and closed with the session. `timeout` (ms, the config's `renderTimeout`) bounds
 * every call to it.
 */
export function sessionBrowser(session: RenderSession, timeout?: number): Promise<Browser> {
  return slotBrowser(session.browser, session, timeout);
}

/** The browser of `slot` (the session's own, or one lent to it), as `sessionBrowser`. */
export async function slotBrowser(
  slot: BrowserSlot,
  session: RenderSession,
  timeout?: number,
): Promise<Browser> {
  const existing = slot.launched;
  const alive = existing ? await existing.then((b) => b.connected).catch(() => false) : false;
  if (existing && alive) return existing;
  const launched = slot.endpoint
    ? connectBrowser(slot.endpoint, { protocolTimeout: timeout })
    : launchBrowser({ protocolTimeout: timeout });
  slot.launched = launched;
  if (slot.kept) onInterrupt(() => closeBrowser(launched));
  else session.onClose(() => closeBrowser(launched));
  return launched;
}

/** What a browser that died, was closed or hung throws while a page loads or prints. */
/**
 * What Puppeteer throws when the browser or a renderer went away. A navigation of Folio's
 * own (a page it wrote, about:blank) is cancelled, `net::ERR_ABORTED`, only when its
 * renderer goes mid-load: a renderer killed as the print page loaded failed the build as
 * an internal error (exit 70), the cancelled load reported before the crash.
 */
const lostBrowser =
  /Target closed|Session closed|Connection closed|Protocol error|detached Frame|frame was detached|Page crashed|Target crashed|browser has disconnected|net::ERR_ABORTED/i;

/**
 * The failure to report for an error thrown by a browser call: a timeout (Puppeteer's
 * own, or a protocol call past `protocolTimeout`) or a browser that died or closed becomes
 * an EnvironmentFailure (exit 3) with a clear message; anything else is returned as it is.
 * During an interrupt the browser was closed on purpose: the failure says so, and the CLI,
 * which is exiting, does not report it.
 */
export function browserFailure(error: unknown, timeoutMs?: number): Error {
  if (error instanceof EnvironmentFailure || error instanceof UsageFailure) return error;
  if (!(error instanceof Error)) return new Error(String(error));
  const firstLine = error.message.split('\n')[0];
  if (interrupting()) return new EnvironmentFailure(`Interrupted while printing: ${firstLine}`);
  if (timedOut(error)) {
    return new EnvironmentFailure(
      `The browser did not finish loading or printing within ${timeoutMs === undefined ? 'the render budget' : `${timeoutMs / 1000} s`} (raise \`renderTimeout\` in the config if the edition is very large)`,
    );
  }
  if (error.name === 'TargetCloseError' || lostBrowser.test(error.message)) {
    return new EnvironmentFailure(`The browser closed unexpectedly while printing: ${firstLine}`);
  }
  return error;
}
