/**
 * Finds the Chromium or Chrome that Folio prints with, without ever downloading one:
 * PUPPETEER_EXECUTABLE_PATH, then the usual system locations, then the same names on PATH.
 * Folio depends on puppeteer-core, which brings no browser, so installing Folio needs no
 * network but the registry; a machine without a browser gets an EnvironmentFailure (exit 3)
 * that says how to install one.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentFailure } from '../failures.ts';

const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

const browserCommands = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const installAdvice =
  'Folio needs Chromium to print PDFs and render covers. On Debian or Ubuntu: `apt-get install chromium`; elsewhere install Chrome or Chromium, or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium executable.';

export interface BrowserSearch {
  env?: NodeJS.ProcessEnv;
  /** Fixed locations to try before PATH (tests pass their own). */
  candidates?: readonly string[];
}

/** The browser executable to use, or an EnvironmentFailure (exit 3) saying how to get one. */
export function resolveBrowserExecutable(search: BrowserSearch = {}): string {
  const env = search.env ?? process.env;
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new EnvironmentFailure(
      `PUPPETEER_EXECUTABLE_PATH points to \`${configured}\`, which does not exist. ${installAdvice}`,
    );
  }
  const system = (search.candidates ?? systemBrowsers).find((candidate) => existsSync(candidate));
  if (system) return system;
  const onPath = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((folder) => browserCommands.map((name) => path.join(folder, name)))
    .find((candidate) => existsSync(candidate));
  if (onPath) return onPath;
  throw new EnvironmentFailure(`No Chromium or Chrome found. ${installAdvice}`);
}
