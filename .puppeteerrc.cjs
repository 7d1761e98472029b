/**
 * For this checkout's dev dependencies only (Ace by DAISY brings `puppeteer`): never
 * download a browser at install time when one is already on the machine
 * (PUPPETEER_EXECUTABLE_PATH, or a system Chromium/Chrome). The published package depends
 * on puppeteer-core, which downloads nothing; Folio resolves the executable itself at run
 * time (src/render/browser-executable.ts) and says how to install one.
 */
const { existsSync } = require('node:fs');

const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
const hasBrowser =
  Boolean(process.env.PUPPETEER_EXECUTABLE_PATH) || systemBrowsers.some((p) => existsSync(p));

module.exports = {
  skipDownload: hasBrowser || process.env.PUPPETEER_SKIP_DOWNLOAD === '1',
};
