/**
 * Footnotes at the foot of their reference's page. The assembly sets each page's notes in
 * a float pair at the page's foot (assemble/footnotes.ts), with the pages of the last print
 * (the plan here: which pages get a pair, and where each pair stands in the text). In the
 * loaded page, before each print, footnote-areas.browser.js arranges the pairs page by
 * page: it decides which notes go to which page, cuts long notes to run on, and sends a
 * reference's line on to the next page with its note when the note has no room under it
 * (TeX's rule; the page before ends short). After the print, the notes' and references'
 * pages are read back from the PDF's named destinations; a note still off its reference's
 * page is reported by the print report (`pdf:footnote-off-page`).
 */
import type { Page } from 'puppeteer-core';
import type { EditionParts } from '../../assemble/edition.ts';
import type { FootnotePlan } from '../../assemble/footnotes.ts';
import { firstFootnoteRef, isFootnoteId } from '../../model/ids.ts';
import { measuringScript } from './in-page-scripts.ts';
import { footnoteAnchors } from './measured-anchors.ts';
import type { PageMap } from './page-map.ts';
import { type PaperSize, paperSizes } from './paper-sizes.ts';

/** What footnote-areas.browser.js defines in the page (tsc checks it against this). */
interface InPage {
  /** Arranges the footnote pairs page by page (which notes, cut where, held where). */
  arrange(papers: Record<string, PaperSize>): Promise<void>;
}

declare global {
  /** Defined in the print page only, by footnote-areas.browser.js. */
  var folioFootnotes: InPage;
}

let inPage: string | undefined;

export class FootnotePlacer {
  private readonly pages = new Map<string, number>();
  private readonly tops = new Map<string, number>();
  /** Notes some print set a page before their reference: from then on their lines go on with them. */
  private readonly sendOn = new Set<string>();
  /** The notes not on their reference's page in the last print. */
  offPage: string[] = [];

  /** The plan for the next pass; undefined until a print was measured. */
  plan: FootnotePlan | undefined;

  /** Arranges the loaded page's footnote pairs, page by page, before it prints. */
  async arrange(page: Page): Promise<void> {
    inPage ??= measuringScript('footnote-areas');
    const present = await page.evaluate(() => document.querySelector('.footnote-page') !== null);
    if (!present) return;
    await page.evaluate(inPage);
    await page.evaluate((papers) => globalThis.folioFootnotes.arrange(papers), paperSizes);
  }

  /**
   * Plans the next pass from where the last print put the notes and references (its page
   * map, read with the tops of `footnoteAnchors`): which pages get a pair, and where the
   * pairs stand. True when every note stands on its reference's page (in a pass whose
   * notes were set), or the same notes stand off their pages as in the print before: the
   * loaded page decides where each note goes, so another pass would change nothing.
   */
  update(parts: EditionParts, map: PageMap): boolean {
    const ids = footnoteAnchors(parts);
    if (ids.length === 0) return true;
    const wasSet = this.plan !== undefined;
    const before = this.offPage;
    this.offPage = [];
    for (const id of ids) {
      const top = map.topOf?.get(id);
      if (top !== undefined) this.tops.set(id, top);
    }
    for (const id of ids.filter(isFootnoteId)) {
      const referencePage = map.pageOf.get(firstFootnoteRef(id));
      if (referencePage === undefined) continue;
      const notePage = map.pageOf.get(id);
      if (wasSet && notePage !== referencePage) this.offPage.push(id);
      if (wasSet && notePage !== undefined && notePage < referencePage) this.sendOn.add(id);
      this.pages.set(id, referencePage);
    }
    this.plan = { pages: this.pages, tops: this.tops, sendOn: this.sendOn };
    const same =
      before.length === this.offPage.length && before.every((id, i) => this.offPage[i] === id);
    return wasSet && (this.offPage.length === 0 || same);
  }
}
