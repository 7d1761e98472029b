/**
 * A long hyphen settle is shared with a tab alongside (hyphenation.ts, print-tab.ts
 * `alongside`): a second renderer loads the print page as the print did and settles the
 * later paragraphs while the print page settles the first, then the print page takes
 * them. The print is the same as when one page settles every paragraph, the shared
 * paragraphs have their hyphens, and the tab alongside is closed after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/render/browser.ts';
import { type Helper, HyphenSettler } from '../../src/render/pdf/hyphenation.ts';
import { printPdf } from '../../src/render/pdf/print-driver.ts';
import { PrintTab } from '../../src/render/pdf/print-tab.ts';
import { readPdf } from '../helpers/pdf.ts';

const work = mkdtempSync(path.join(tmpdir(), 'folio-hyphens-alongside-'));
const options = { allow: [work], onBlocked: () => {}, timeout: 60_000 };
const css =
  '@page { size: A6; margin: 12mm; } body { font: 10pt/1.35 serif; } p { text-align: justify; }';
const words =
  'international cooperation strengthens cyberspace governance through multilateral institutions and responsibilities';
const page = (): Root =>
  fromHtml(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body>${Array.from(
      { length: 30 },
      (_, i) => `<p id="p${i}">Paragraph ${i}: ${`${words} `.repeat(4)}</p>`,
    ).join('')}</body></html>`,
  );

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

async function print(shareFrom: number, name: string) {
  const tab = new PrintTab(browser, options);
  const helped: Page[] = [];
  const helper: Helper = (url, use) =>
    tab.alongside(url, (other) => {
      helped.push(other);
      return use(other);
    });
  const settler = new HyphenSettler(new Map(), shareFrom);
  const tree = page();
  settler.prepare(tree, 'en', css);
  try {
    const loaded = await tab.renew();
    const pdf = await printPdf(loaded, {
      work,
      name,
      html: toHtml(tree),
      tagged: true,
      beforePrint: (p) => settler.settle(p, helper),
    });
    return { pages: (await readPdf(pdf)).pages.map((p) => p.text), helped };
  } finally {
    await tab.close();
  }
}

describe('a hyphen settle shared with a tab alongside', () => {
  it('prints what one page settling it all prints, and closes the tab after', async () => {
    const alone = await print(Number.POSITIVE_INFINITY, 'alone.html');
    const shared = await print(1, 'shared.html');
    expect(alone.helped).toEqual([]);
    expect(shared.helped).toHaveLength(1);
    expect(shared.helped[0]?.isClosed()).toBe(true);
    expect(alone.pages.length).toBeGreaterThan(3);
    expect(shared.pages).toEqual(alone.pages);
    const text = shared.pages.join('\n');
    // Hyphens at line ends in the last paragraphs too (those the tab alongside settled),
    // and no soft hyphen left anywhere.
    const last = text.slice(text.indexOf('Paragraph 20:'));
    expect(last).toMatch(/\p{L}-\n/u);
    expect(text).not.toContain('\u00AD');
  }, 120_000);
});
