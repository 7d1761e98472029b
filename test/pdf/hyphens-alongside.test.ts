/**
 * A long hyphen settle is shared with a tab alongside (hyphenation.ts, print-tab.ts
 * `alongside`): a second renderer loads the print page as the print did and settles the
 * later paragraphs while the print page settles the first, then the print page takes
 * them. The print is the same as when one page settles every paragraph, the shared
 * paragraphs have their hyphens, and the tab alongside is closed after. A part's page
 * (print-parts.ts) holds only its own paragraphs: the share is of those, and a page with
 * none of the pending paragraphs settles nothing and opens no tab alongside.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { type Helper, HyphenSettler } from '../../src/render/pdf/hyphenation.ts';
import { printPdf } from '../../src/render/pdf/print-driver.ts';
import { PrintTab } from '../../src/render/pdf/print-tab.ts';
import { readPdf } from '../helpers/pdf.ts';
import { fileBrowser } from '../helpers/test-browser.ts';

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

const browser = fileBrowser(work);

/**
 * Prints the prepared tree whole, or (`parts`) each range of its paragraphs as a page of
 * its own, as print-parts.ts prints a part, settling with one settler.
 */
async function print(shareFrom: number, name: string, parts?: Array<[number, number]>) {
  const tab = new PrintTab(browser(), options);
  const helped: Page[] = [];
  /** Per tab alongside, the paragraphs it settled (ids). */
  const settledAlongside: string[][] = [];
  const helper: Helper = (url, use) =>
    tab.alongside(url, async (other) => {
      helped.push(other);
      const marked = await other.evaluate(() =>
        Object.fromEntries(
          Array.from(document.querySelectorAll('[data-folio-hyphens]'), (p) => [
            p.getAttribute('data-folio-hyphens'),
            p.id,
          ]),
        ),
      );
      const settled = await use(other);
      settledAlongside.push(Object.keys(settled as object).map((mark) => marked[mark] ?? mark));
      return settled;
    });
  const settler = new HyphenSettler(new Map(), shareFrom);
  const tree = page();
  settler.prepare(tree, 'en', css);
  try {
    const pages: string[] = [];
    for (const [i, html] of (parts
      ? parts.map((range) => partHtml(tree, range))
      : [toHtml(tree)]
    ).entries()) {
      const loaded = await tab.renew();
      const pdf = await printPdf(loaded, {
        work,
        name: `${i}-${name}`,
        html,
        tagged: true,
        beforePrint: (p) => settler.settle(p, helper),
      });
      pages.push(...(await readPdf(pdf)).pages.map((p) => p.text));
    }
    return { pages, helped, settledAlongside };
  } finally {
    await tab.close();
  }
}

/** The tree's page with only its paragraphs `from` to `to` (exclusive), or a heading if none. */
function partHtml(tree: Root, [from, to]: [number, number]): string {
  const copy = structuredClone(tree);
  const body = copy.children
    .flatMap((c) => (c.type === 'element' ? c.children : []))
    .find((c) => c.type === 'element' && c.tagName === 'body');
  if (body?.type !== 'element') throw new Error('no body');
  const paragraphs = body.children.filter((c) => c.type === 'element' && c.tagName === 'p');
  body.children = paragraphs.slice(from, to);
  if (body.children.length === 0)
    body.children = [
      {
        type: 'element',
        tagName: 'h1',
        properties: {},
        children: [{ type: 'text', value: 'Part' }],
      },
    ];
  return toHtml(copy);
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

  it("shares a part's own paragraphs, and opens no tab alongside for a part with none", async () => {
    const parts: Array<[number, number]> = [
      [0, 0],
      [0, 12],
      [12, 30],
    ];
    const alone = await print(Number.POSITIVE_INFINITY, 'parts-alone.html', parts);
    const shared = await print(10, 'parts-shared.html', parts);
    expect(alone.helped).toEqual([]);
    // The first part holds none of the paragraphs: no tab alongside for it.
    expect(shared.helped).toHaveLength(2);
    // Each tab alongside settled the later paragraphs of its own part: 12 → 5, 18 → 8.
    expect(shared.settledAlongside).toEqual([
      ['p7', 'p8', 'p9', 'p10', 'p11'],
      Array.from({ length: 8 }, (_, i) => `p${22 + i}`),
    ]);
    expect(shared.pages).toEqual(alone.pages);
    expect(shared.pages.join('\n')).not.toContain('\u00AD');
  }, 120_000);
});
