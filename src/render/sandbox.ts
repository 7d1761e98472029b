/**
 * A browser page that runs nothing and fetches nothing it should not: JavaScript off,
 * every request that is not a file inside the allowed folders (the print work folder,
 * the project, the bundled fonts) or a data URL is aborted and reported. Manuscripts and
 * annotations are untrusted; this is the second wall behind the HTML checks. Files are
 * judged by their real path, so a symlink inside an allowed folder that leads out of it
 * (from a stylesheet's `url()`, a template's `iframe`) is blocked like any outside file.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, HTTPRequest, Page } from 'puppeteer-core';
import { isInside } from '../trust/local-resource.ts';
import { watchPage } from './page-watch.ts';
import { requestHold } from './request-delays.ts';

export interface SandboxOptions {
  /** Folders whose files the page may load. */
  allow: string[];
  /** Called with each blocked URL. */
  onBlocked(url: string): void;
  /** Called with each allowed file that could not be loaded (a missing font, image…). */
  onMissing?(url: string): void;
  /** Longest time a navigation or print may take, in milliseconds. */
  timeout: number;
  /**
   * The page opens hidden, behind a blank tab of its context (`document.visibilityState`
   * is `hidden`): Chromium makes no rendering frames for it, so it is styled and laid out
   * only when a script asks or it prints, never on its own after each change (a print
   * page's measuring steps change it often; a frame after each laid the whole book out
   * again). It loads, measures and prints as a shown one does.
   */
  hidden?: boolean;
}

/** Whether the page may load `url`; `allow` holds real paths (see `realFolders`). */
export function isAllowed(url: string, allow: readonly string[]): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('file:')) return false;
  let file: string;
  try {
    file = realPath(path.resolve(fileURLToPath(url)));
  } catch {
    return false;
  }
  return allow.some((folder) => isInside(file, folder));
}

/** The real paths of `folders`. */
export function realFolders(folders: readonly string[]): string[] {
  return folders.map((folder) => realPath(path.resolve(folder)));
}

/**
 * The real path of `file`; for a file that does not exist (yet), its real folder's path
 * with its name, so that a missing file is still judged by where it would be.
 */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(realPath(parent), path.basename(file));
  }
}

/**
 * The network wall under the request filter. Chromium opens some connections without a
 * request the page's interception sees (a cross-site iframe's preconnect, DNS prefetch),
 * so every context sends all of its traffic, loopback included (`<-loopback>`), to a
 * proxy at a port where nothing listens: no connection can reach any host. file:// and
 * data: loads never use a proxy.
 */
export const offlineContext = {
  proxyServer: 'http://127.0.0.1:9',
  proxyBypassList: ['<-loopback>'],
} as const;

/**
 * The same wall for the whole browser, for the launch (src/render/browser.ts): no host
 * name resolves, and nothing is proxied around.
 */
export const offlineLaunchArgs = [
  `--proxy-server=${offlineContext.proxyServer}`,
  `--proxy-bypass-list=${offlineContext.proxyBypassList.join(';')}`,
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--dns-prefetch-disable',
] as const;

/** A new browser context behind the network wall. */
export function offlineBrowserContext(browser: Pick<Browser, 'createBrowserContext'>) {
  return browser.createBrowserContext({
    proxyServer: offlineContext.proxyServer,
    proxyBypassList: [...offlineContext.proxyBypassList],
  });
}

/**
 * The offline context the hidden pages of one browser open in, shared while any of them
 * is open (`releaseSharedContext` closes it after the last): each context is a window of
 * its own, with a renderer for the browser's interface and one for the blank tab that
 * keeps the others hidden (about 85 MB between them), while each page of a context still
 * gets a renderer of its own.
 */
const sharedContexts = new WeakMap<Browser, { context: Promise<BrowserContext>; users: number }>();

/** `browser`'s shared offline context, held until `releaseSharedContext`. */
export function acquireSharedContext(browser: Browser): Promise<BrowserContext> {
  const held = sharedContexts.get(browser);
  if (held) {
    held.users++;
    return held.context;
  }
  const context = offlineBrowserContext(browser);
  sharedContexts.set(browser, { context, users: 1 });
  context.catch(() => sharedContexts.delete(browser));
  return context;
}

/** Lets go of `browser`'s shared context; the last to let go closes it. */
export async function releaseSharedContext(browser: Browser): Promise<void> {
  const held = sharedContexts.get(browser);
  if (!held || --held.users > 0) return;
  sharedContexts.delete(browser);
  await (await held.context.catch(() => undefined))?.close().catch(() => {});
}

/**
 * A sandboxed page in `owner`: a context made with `offlineBrowserContext`, or a browser,
 * in which case the page gets such a context of its own, closed with it. A hidden page
 * opens behind the context's first tab, a blank one opened first where it has none.
 */
export async function sandboxedPage(
  owner: Browser | BrowserContext,
  options: SandboxOptions,
): Promise<Page> {
  const context = 'createBrowserContext' in owner ? await offlineBrowserContext(owner) : owner;
  // The only tab of a context is shown, even opened in the background: a blank one goes first.
  if (options.hidden && (await context.pages()).length === 0) await context.newPage();
  const page = await context.newPage(options.hidden ? { background: true } : undefined);
  if (context !== owner) page.once('close', () => void context.close().catch(() => {}));
  const allow = realFolders(options.allow);
  // A renderer that crashes while the tab is set up fails it at once (page-watch.ts).
  const watch = watchPage(page, options.timeout);
  try {
    await watch.step(page.setJavaScriptEnabled(false));
    await watch.step(page.setRequestInterception(true));
  } finally {
    watch.end();
  }
  page.on('request', (request: HTTPRequest) => {
    if (isAllowed(request.url(), allow)) {
      const hold = requestHold(request.url());
      if (hold > 0) setTimeout(() => void request.continue().catch(() => {}), hold);
      else void request.continue();
    } else {
      options.onBlocked(request.url());
      void request.abort('blockedbyclient');
    }
  });
  page.on('requestfailed', (request: HTTPRequest) => {
    if (isAllowed(request.url(), allow) && !request.url().startsWith('data:'))
      options.onMissing?.(request.url());
  });
  page.setDefaultTimeout(options.timeout);
  page.setDefaultNavigationTimeout(options.timeout);
  return page;
}
