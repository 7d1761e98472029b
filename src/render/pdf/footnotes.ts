/**
 * Footnotes at the foot of their reference's page, across the passes of the page-number
 * loop. The assembly sets each page's notes in a float pair at the page's foot
 * (assemble/footnotes.ts); which page a note goes to is decided here, from the last print:
 * the page its first reference landed on. In the loaded page, before each print, the pairs
 * are sized (footnote-areas.browser.js): the area measured, cut where it would reach over
 * the page's last reference line (the rest runs on to the next page's foot), the strut
 * made the rest of the page. After the print, the notes' and references' pages are read
 * back from the PDF's named destinations, with their heights on the page; the loop goes
 * on until every note starts on its reference's page. A reference on the last line of a
 * page leaves no room under it: its note starts on the next page (TeX would send the line
 * on), and the print report names it (`pdf:footnote-off-page`).
 */
import { readFileSync } from 'node:fs';
import type { Element } from 'hast';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'puppeteer-core';
import { visit } from 'unist-util-visit';
import type { EditionParts } from '../../assemble/edition.ts';
import type { FootnotePlan } from '../../assemble/footnotes.ts';
import { hasClass } from '../../model/hast-classes.ts';
import { firstFootnoteRef, isFootnoteId } from '../../model/ids.ts';
import { destinationName } from './page-map.ts';
import { type PaperSize, paperSizes } from './paper-sizes.ts';

/** What footnote-areas.browser.js defines in the page (tsc checks it against this). */
interface InPage {
  /** Sizes the footnote pairs; returns the notes that could not start on their page. */
  arrange(papers: Record<string, PaperSize>): Promise<string[]>;
}

declare global {
  /** Defined in the print page only, by footnote-areas.browser.js. */
  var folioFootnotes: InPage;
}

let inPage: string | undefined;

/** A place read back from a print: its physical page and its top, in pt from the page's top. */
export interface PrintedPlace {
  page: number;
  top: number;
  /** The page's height (pt). */
  pageHeight: number;
}

/** The ids a print must measure for the footnotes: notes, their first references, chains. */
export function footnoteAnchors(parts: EditionParts): string[] {
  const ids: string[] = [];
  for (const { article } of parts.documents) {
    visit(article, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id !== 'string') return;
      if (isFootnoteId(id)) ids.push(id, firstFootnoteRef(id));
      else if (hasClass(node, 'footnote-chain')) ids.push(id);
    });
  }
  return ids;
}

export class FootnotePlacer {
  private readonly pages = new Map<string, number>();
  private readonly tops = new Map<string, number>();
  /** How often each note was moved to another page; past two, it is frozen. */
  private readonly moves = new Map<string, number>();
  private readonly frozen = new Set<string>();
  /** The notes not on their reference's page in the last print. */
  offPage: string[] = [];

  /** The plan for the next pass; undefined until a print was measured. */
  plan: FootnotePlan | undefined;

  /** Sizes the loaded page's footnote pairs before it prints. */
  async arrange(page: Page): Promise<void> {
    inPage ??= readFileSync(new URL('./footnote-areas.browser.js', import.meta.url), 'utf8');
    const present = await page.evaluate(() => document.querySelector('.footnote-page') !== null);
    if (!present) return;
    await page.evaluate(inPage);
    await page.evaluate((papers) => globalThis.folioFootnotes.arrange(papers), paperSizes);
  }

  /**
   * Reads where the notes and references landed and plans the next pass. True when every
   * note stands on its reference's page (in a pass whose notes were set).
   */
  async update(parts: EditionParts, pdf: Uint8Array): Promise<boolean> {
    const ids = footnoteAnchors(parts);
    if (ids.length === 0) return true;
    const placed = await readPlaces(pdf, ids);
    const wasSet = this.plan !== undefined;
    this.offPage = [];
    for (const id of ids) {
      const place = placed.get(id);
      if (place) this.tops.set(id, place.top);
    }
    for (const id of ids.filter(isFootnoteId)) {
      const reference = placed.get(firstFootnoteRef(id));
      const note = placed.get(id);
      if (!reference) continue;
      if (wasSet && note?.page !== reference.page) this.offPage.push(id);
      const assigned = this.pages.get(id);
      if (assigned !== undefined && assigned !== reference.page) {
        // A note whose reference sits on a page's last line pushes that line on when it is
        // set under it, and lets it back when it is not: moved twice already, it stays
        // where it is (a page late, reported), so that the page numbers can settle.
        const moves = (this.moves.get(id) ?? 0) + 1;
        this.moves.set(id, moves);
        if (moves > 2) {
          this.frozen.add(id);
          continue;
        }
      }
      if (!this.frozen.has(id)) this.pages.set(id, reference.page);
    }
    this.plan = { pages: this.pages, tops: this.tops };
    return wasSet && this.offPage.every((id) => this.frozen.has(id));
  }
}

/** The page and height of each id's named destination in `pdf`. */
async function readPlaces(
  pdf: Uint8Array,
  ids: readonly string[],
): Promise<Map<string, PrintedPlace>> {
  const task = getDocument({
    data: pdf.slice(),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  const document = await task.promise;
  try {
    const destinations = (await document.getDestinations()) as Record<string, unknown[] | null>;
    const heights = new Map<number, number>();
    const places = new Map<string, PrintedPlace>();
    for (const id of ids) {
      const destination = destinations[destinationName(id)];
      const ref = destination?.[0];
      const y = destination?.[3];
      if (!ref || typeof ref !== 'object' || typeof y !== 'number') continue;
      const index = await document.getPageIndex(ref as { num: number; gen: number });
      let height = heights.get(index);
      if (height === undefined) {
        const view = (await document.getPage(index + 1)).view;
        height = view[3] ?? 0;
        heights.set(index, height);
      }
      places.set(id, { page: index + 1, top: height - y, pageHeight: height });
    }
    return places;
  } finally {
    await task.destroy();
  }
}
