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
import type { Element } from 'hast';
import type { Page } from 'puppeteer-core';
import { visit } from 'unist-util-visit';
import type { EditionParts } from '../../assemble/edition.ts';
import type { FootnotePlan } from '../../assemble/footnotes.ts';
import { hasClass } from '../../model/hast-classes.ts';
import { firstFootnoteRef, isFootnoteId } from '../../model/ids.ts';
import { measuringScript } from './in-page-scripts.ts';
import type { PageMap } from './page-map.ts';
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
  /** How often each note was moved to another page; past two, it stays (`frozen`). */
  private readonly moves = new Map<string, number>();
  /** The notes not on their reference's page in the last print. */
  offPage: string[] = [];

  /** The plan for the next pass; undefined until a print was measured. */
  plan: FootnotePlan | undefined;

  private frozen(id: string): boolean {
    return (this.moves.get(id) ?? 0) > 2;
  }

  /** Sizes the loaded page's footnote pairs before it prints. */
  async arrange(page: Page): Promise<void> {
    inPage ??= measuringScript('footnote-areas');
    const present = await page.evaluate(() => document.querySelector('.footnote-page') !== null);
    if (!present) return;
    await page.evaluate(inPage);
    await page.evaluate((papers) => globalThis.folioFootnotes.arrange(papers), paperSizes);
  }

  /**
   * Plans the next pass from where the last print put the notes and references (its page
   * map, read with the tops of `footnoteAnchors`). True when every note stands on its
   * reference's page (in a pass whose notes were set), or is frozen.
   */
  update(parts: EditionParts, map: PageMap): boolean {
    const ids = footnoteAnchors(parts);
    if (ids.length === 0) return true;
    const wasSet = this.plan !== undefined;
    this.offPage = [];
    for (const id of ids) {
      const top = map.topOf?.get(id);
      if (top !== undefined) this.tops.set(id, top);
    }
    for (const id of ids.filter(isFootnoteId)) {
      const referencePage = map.pageOf.get(firstFootnoteRef(id));
      if (referencePage === undefined) continue;
      if (wasSet && map.pageOf.get(id) !== referencePage) this.offPage.push(id);
      const assigned = this.pages.get(id);
      if (assigned !== undefined && assigned !== referencePage) {
        // A note whose reference sits on a page's last line pushes that line on when it is
        // set under it, and lets it back when it is not: moved twice already, it stays
        // where it is (a page late, reported), so that the page numbers can settle.
        this.moves.set(id, (this.moves.get(id) ?? 0) + 1);
        if (this.frozen(id)) continue;
      }
      this.pages.set(id, referencePage);
    }
    this.plan = { pages: this.pages, tops: this.tops };
    return wasSet && this.offPage.every((id) => this.frozen(id));
  }
}
