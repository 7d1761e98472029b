/**
 * The browsers a build prints with: one it connects to at a WebSocket endpoint
 * (`FOLIO_BROWSER_WS_ENDPOINT`), which it uses and leaves running, and a pool of local
 * browsers on which editions build in parallel, each exactly as it builds alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageFailure } from '../../src/failures.ts';
import { buildEditions } from '../../src/pipeline/pipeline.ts';
import {
  browserEndpoints,
  launchArgs,
  resolveBrowserExecutable,
} from '../../src/render/browser.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { offlineLaunchArgs } from '../../src/render/sandbox.ts';
import { frontMatter, makeProject } from '../helpers/build.ts';
import { readPdf } from '../helpers/pdf.ts';

const doc = (n: number) =>
  `${frontMatter(`doc-${n}`)}## ${n}.1 One {#one}\n\nDocument ${n}. See [](#two).\n\n## ${n}.2 Two {#two}\n\nBack to [](#one).\n`;

/** Two documents, an edition of each and one of both: three print editions. */
function project(): string {
  return makeProject({
    'folio.config.yaml': [
      'title: Pool project',
      'documents:',
      '  - id: doc-1',
      '    files: [doc-1.md]',
      '  - id: doc-2',
      '    files: [doc-2.md]',
      'editions:',
      '  - id: one',
      '    documents: [doc-1]',
      '    formats: [pdf]',
      '  - id: two',
      '    documents: [doc-2]',
      '    formats: [pdf]',
      '  - id: both',
      '    documents: [doc-1, doc-2]',
      '    formats: [pdf]',
      '',
    ].join('\n'),
    'doc-1.md': doc(1),
    'doc-2.md': doc(2),
  });
}

const pdfOf = (outDir: string, edition: string) =>
  readFileSync(path.join(outDir, edition, `${edition}.pdf`));

afterEach(() => {
  delete process.env.FOLIO_BROWSER_WS_ENDPOINT;
});

describe('browsers', () => {
  it('refuses an endpoint that is no WebSocket URL', () => {
    process.env.FOLIO_BROWSER_WS_ENDPOINT = 'http://localhost:9222';
    expect(() => browserEndpoints()).toThrow(UsageFailure);
    process.env.FOLIO_BROWSER_WS_ENDPOINT =
      ' ws://a:1/devtools/browser/x , ws://b:2/devtools/browser/y ';
    expect(browserEndpoints(['ws://config:3/x'])).toEqual([
      'ws://a:1/devtools/browser/x',
      'ws://b:2/devtools/browser/y',
    ]);
    delete process.env.FOLIO_BROWSER_WS_ENDPOINT;
    expect(browserEndpoints(['ws://config:3/x'])).toEqual(['ws://config:3/x']);
  });

  it('prints with a browser it connects to, and leaves that browser running', async () => {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    const browser = await puppeteer.launch({
      executablePath: resolveBrowserExecutable(),
      headless: true,
      args: [...launchArgs, ...offlineLaunchArgs, ...(root ? ['--no-sandbox'] : [])],
      protocolTimeout: 600_000,
    });
    try {
      process.env.FOLIO_BROWSER_WS_ENDPOINT = browser.wsEndpoint();
      const dir = project();
      const result = await buildEditions({
        configPath: path.join(dir, 'folio.config.yaml'),
        outDir: path.join(dir, 'dist'),
        renderers: { pdf: pdfRenderer },
        editions: ['one'],
      });
      expect(result.written).toBe(true);
      const pdf = await readPdf(new Uint8Array(pdfOf(result.outDir, 'one')));
      expect(pdf.tagged).toBe(true);
      expect(pdf.pages.map((p) => p.text).join('\n')).toContain('Document 1.');
      // Folio let go of the browser without closing it, and closed what it opened in it.
      expect(browser.connected).toBe(true);
      expect(browser.browserContexts()).toHaveLength(1);
    } finally {
      await browser.close();
    }
  }, 600_000);

  it('builds editions in parallel on two local browsers, each to the byte as on one', async () => {
    const dir = project();
    const build = (localBrowsers: number) =>
      buildEditions({
        configPath: path.join(dir, 'folio.config.yaml'),
        outDir: path.join(dir, `dist-${localBrowsers}`),
        renderers: { pdf: pdfRenderer },
        localBrowsers,
      });
    const one = await build(1);
    const two = await build(2);
    expect(two.written).toBe(true);
    expect(two.editions.map((e) => e.edition.id)).toEqual(['one', 'two', 'both']);
    for (const edition of ['one', 'two', 'both'])
      expect(pdfOf(two.outDir, edition).equals(pdfOf(one.outDir, edition)), edition).toBe(true);
  }, 900_000);
});
