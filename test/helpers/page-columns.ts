/**
 * The page map of one print page measured both ways: laid out in columns (page-columns.ts)
 * in one tab, printed untagged and read back from its named destinations in another.
 */
import type { Browser, Page } from 'puppeteer-core';
import { type PageMap, readPageMap } from '../../src/render/pdf/page-map.ts';
import { measurePages, printPdf } from '../../src/render/pdf/print-driver.ts';
import { sandboxedPage } from '../../src/render/sandbox.ts';

/** The targets of the HTML's `#` links: the anchors a print gives a destination. */
export function linkTargets(html: string): string[] {
  const targets = new Set<string>();
  for (const [, href = ''] of html.matchAll(/href="#([^"]+)"/g))
    targets.add(decodeURIComponent(href));
  return [...targets];
}

export async function columnsAgainstPrint(
  browser: Browser,
  work: string,
  html: string,
  options: {
    withTops?: ReadonlySet<string>;
    beforePrint?: (page: Page) => Promise<void>;
    allow?: string[];
  } = {},
): Promise<{ columns: PageMap; printed: PageMap }> {
  const anchors = linkTargets(html);
  const withTops = options.withTops ?? new Set<string>();
  const sandbox = {
    allow: [work, ...(options.allow ?? [])],
    onBlocked: () => {},
    timeout: 120_000,
  };
  const open = () => sandboxedPage(browser, sandbox);
  const measuring = await open();
  const printing = await open();
  try {
    const job = { work, html, beforePrint: options.beforePrint };
    const columns = await measurePages(measuring, {
      ...job,
      name: 'columns.html',
      anchors,
      withTops,
    });
    const pdf = await printPdf(printing, { ...job, name: 'print.html', tagged: false });
    const printed = await readPageMap(pdf, anchors, withTops);
    return { columns, printed };
  } finally {
    await measuring.close();
    await printing.close();
  }
}
