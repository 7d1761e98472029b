/**
 * A browser page that runs nothing and fetches nothing it should not: JavaScript off,
 * every request that is not a file inside the allowed folders (the print work folder,
 * the project, the bundled fonts) or a data URL is aborted and reported. Manuscripts and
 * annotations are untrusted; this is the second wall behind the HTML checks.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';

export interface SandboxOptions {
  /** Folders whose files the page may load. */
  allow: string[];
  /** Called with each blocked URL. */
  onBlocked(url: string): void;
  /** Called with each allowed file that could not be loaded (a missing font, image…). */
  onMissing?(url: string): void;
  /** Longest time a navigation or print may take, in milliseconds. */
  timeout: number;
}

export function isAllowed(url: string, allow: readonly string[]): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('file:')) return false;
  let file: string;
  try {
    file = path.resolve(fileURLToPath(url));
  } catch {
    return false;
  }
  return allow.some(
    (folder) =>
      file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep),
  );
}

/** A sandboxed page in `owner`, a browser or one of its contexts. */
export async function sandboxedPage(
  owner: Pick<Browser, 'newPage'>,
  options: SandboxOptions,
): Promise<Page> {
  const page = await owner.newPage();
  const allow = options.allow.map((folder) => path.resolve(folder));
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (isAllowed(request.url(), allow)) {
      void request.continue();
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
