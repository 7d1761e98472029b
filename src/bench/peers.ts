/**
 * The other HTML-to-PDF engines the benchmark times on Folio's own final print HTML, in
 * the same run as the floor, so that each figure is a ratio measured on one machine at
 * one time: Paged.js (the `pagedjs` polyfill, run in the same Chromium, then printed as
 * pagedjs-cli does), WeasyPrint and Vivliostyle CLI where they are installed. An engine
 * that is missing or fails is reported as such, never guessed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { resolveBrowserExecutable } from '../render/browser-executable.ts';

export interface PeerResult {
  engine: string;
  /** Wall time (ms), when the engine ran. */
  ms?: number;
  /** Why there is no time: not installed, or the first line of its failure. */
  note?: string;
}

const require = createRequire(import.meta.url);

function installed(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Times a command line; its failure becomes the note. */
function timedCommand(engine: string, command: string, args: string[]): PeerResult {
  if (!installed(command)) return { engine, note: `not installed (\`${command}\`)` };
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (run.status !== 0)
    return { engine, note: `failed: ${(run.stderr || run.stdout || '').trim().split('\n')[0]}` };
  return { engine, ms };
}

/** Paged.js laid over the page in Chromium, then Chromium's print (tagged, as Puppeteer's default). */
async function pagedJs(browser: Browser, htmlFile: string, out: string): Promise<PeerResult> {
  const engine = 'Paged.js';
  let polyfill: string;
  try {
    // The package's `exports` name no file path: its entry point (lib/index.cjs) leads to its folder.
    polyfill = path.join(
      path.dirname(path.dirname(require.resolve('pagedjs'))),
      'dist',
      'paged.polyfill.js',
    );
    if (!existsSync(polyfill)) throw new Error(`no ${polyfill}`);
  } catch {
    return { engine, note: 'not installed (npm package `pagedjs`)' };
  }
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: 0 });
    await page.evaluate(() => {
      (globalThis as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false };
    });
    await page.addScriptTag({ path: polyfill });
    await page.evaluate(async () => {
      const paged = (globalThis as unknown as { PagedPolyfill: { preview(): Promise<unknown> } })
        .PagedPolyfill;
      await paged.preview();
    });
    await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true, timeout: 0 });
    return { engine, ms: performance.now() - start };
  } catch (error) {
    return { engine, note: `failed: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    await context.close().catch(() => {});
  }
}

/** Every peer on the same print HTML file; PDFs go to `work`. */
export async function peers(
  browser: Browser,
  htmlFile: string,
  work: string,
): Promise<PeerResult[]> {
  return [
    await pagedJs(browser, htmlFile, `${work}/pagedjs.pdf`),
    timedCommand('WeasyPrint', 'weasyprint', [htmlFile, `${work}/weasyprint.pdf`]),
    // Vivliostyle CLI would download a browser of its own: it gets the one Folio prints with.
    timedCommand('Vivliostyle', 'vivliostyle', [
      'build',
      htmlFile,
      '-o',
      `${work}/vivliostyle.pdf`,
      '--executable-browser',
      resolveBrowserExecutable(),
    ]),
  ];
}
