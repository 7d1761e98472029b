/**
 * The browser Folio prints with: one Chromium per build, found without any download
 * (PUPPETEER_EXECUTABLE_PATH, then a system Chromium or Chrome, then Puppeteer's own
 * cache), launched quiet and offline, and closed when the build ends however it ends.
 * It is driven over a pipe, so it exits when Folio does, even when Folio is killed; its
 * profile lives in the run's temporary root. `browserFailure` turns what a dying or hung
 * browser throws into the environment failure (exit 3) the CLI reports.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';
import { interrupting, onInterrupt } from '../cleanup.ts';
import { EnvironmentFailure, UsageFailure } from '../failures.ts';
import type { RenderSession } from '../pipeline/pipeline.ts';
import { makeTempDirSync } from '../temp/temp-root.ts';

const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const installAdvice =
  'Folio needs Chromium to print PDFs and render covers. On Debian or Ubuntu: `apt-get install chromium`; elsewhere install Chrome or Chromium, or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium executable.';

/** The browser executable to use, or an EnvironmentFailure (exit 3) saying how to get one. */
export function resolveBrowserExecutable(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new EnvironmentFailure(
      `PUPPETEER_EXECUTABLE_PATH points to \`${configured}\`, which does not exist. ${installAdvice}`,
    );
  }
  const system = systemBrowsers.find((candidate) => existsSync(candidate));
  if (system) return system;
  try {
    const bundled = puppeteer.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // No browser in Puppeteer's cache either.
  }
  throw new EnvironmentFailure(`No Chromium or Chrome found. ${installAdvice}`);
}

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

/** The default budget of one browser call, when the caller names none (`renderTimeout`). */
export const defaultProtocolTimeout = 120_000;

export interface LaunchOptions {
  /**
   * The longest any one call to the browser may take (ms): the render budget, so a hung
   * renderer ends the build in time instead of after Puppeteer's own 180 s.
   */
  protocolTimeout?: number;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = resolveBrowserExecutable();
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  try {
    return await puppeteer.launch({
      executablePath,
      headless: true,
      // Chromium refuses to sandbox as root; elsewhere the sandbox stays on.
      args: [...launchArgs, ...(root ? ['--no-sandbox'] : [])],
      // Over a pipe, the browser exits as soon as Folio's end of it closes, however Folio
      // ends (a WebSocket connection would leave it running, re-parented to init).
      pipe: true,
      userDataDir: makeTempDirSync('chromium-profile'),
      protocolTimeout: options.protocolTimeout ?? defaultProtocolTimeout,
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

/** The build's one browser, launched on first use and closed with the session. */
const browserKey = 'browser';
const keepKey = 'browser:keep';

/**
 * Keeps the browser of builds that share `cache` open between them (watch mode): it is
 * closed by `closeKeptBrowser`, or on interrupt, instead of at the end of each build.
 */
export function keepBrowser(cache: Map<string, unknown>): void {
  cache.set(keepKey, true);
}

export async function closeKeptBrowser(cache: Map<string, unknown>): Promise<void> {
  const launched = cache.get(browserKey) as Promise<Browser> | undefined;
  cache.delete(browserKey);
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
  // Puppeteer starts the browser as the leader of its own process group: a renderer that
  // outlived it (hung, or stopped) would keep its end of the browser's stderr open, and
  // with it Folio's event loop.
  if (child?.pid && process.platform !== 'win32') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The whole group has exited already.
    }
  }
}

/**
 * The build's one browser, launched on first use and closed with the session. `timeout`
 * (ms, the config's `renderTimeout`) bounds every call to it.
 */
export async function sessionBrowser(session: RenderSession, timeout?: number): Promise<Browser> {
  const existing = session.cache.get(browserKey) as Promise<Browser> | undefined;
  const alive = existing ? await existing.then((b) => b.connected).catch(() => false) : false;
  if (existing && alive) return existing;
  const launched = launchBrowser({ protocolTimeout: timeout });
  session.cache.set(browserKey, launched);
  if (session.cache.get(keepKey) === true) onInterrupt(() => closeBrowser(launched));
  else session.onClose(() => closeBrowser(launched));
  return launched;
}

/** What a browser that died, was closed or hung throws while a page loads or prints. */
const lostBrowser =
  /Target closed|Session closed|Connection closed|Protocol error|detached Frame|frame was detached|Page crashed|Target crashed|browser has disconnected/i;

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
  if (
    error.name === 'TimeoutError' ||
    (error.name === 'ProtocolError' && /timed out/i.test(error.message))
  ) {
    return new EnvironmentFailure(
      `The browser did not finish loading or printing within ${timeoutMs === undefined ? 'the render budget' : `${timeoutMs / 1000} s`} (raise \`renderTimeout\` in the config if the edition is very large)`,
    );
  }
  if (error.name === 'TargetCloseError' || lostBrowser.test(error.message)) {
    return new EnvironmentFailure(`The browser closed unexpectedly while printing: ${firstLine}`);
  }
  return error;
}
