/**
 * The words a printed page opens with, for the pages on which no measured block starts
 * (a long paragraph's continuation, the contents running on): the EPUB's page-list marks
 * such a page where these words stand in its text (epub/page-breaks.ts). Read from the
 * print's own PDF (before running heads are drawn) with pdf.js; the margin boxes (folios,
 * handling markings) are left out by their place on the page.
 */
import type { Element, Root } from 'hast';
import type { EditionParts } from '../../assemble/edition.ts';
import { isBlock } from '../../model/block-elements.ts';
import { eachElement } from '../../model/hast-walk.ts';
import { isBlankPageId } from '../../model/ids.ts';
import { type PageMap, withPrintedPdf } from './page-map.ts';

/** How many words of a page's opening are kept: enough to find it, few enough to match. */
const openingWords = 12;

/** PDF points per millimetre. */
const pointsPerMm = 72 / 25.4;

/** The pages, after the first on which a block starts, on which none starts and that are not blank. */
export function pagesWithoutBlockStart(parts: EditionParts, map: PageMap): number[] {
  const starts = new Set<number>();
  const blank = new Set<number>();
  for (const [id, page] of map.pageOf) if (isBlankPageId(id)) blank.add(page);
  const roots: Array<Element | Root | undefined> = [
    parts.contents,
    ...parts.documents.map((document) => document.article),
    parts.glossary,
    parts.index,
  ];
  for (const root of roots) {
    if (!root) continue;
    eachElement(root, (node) => {
      const id = node.properties.id;
      if (typeof id !== 'string' || !isBlock(node)) return;
      const page = map.pageOf.get(id);
      if (page !== undefined) starts.add(page);
    });
  }
  const first = Math.min(...starts);
  const pages: number[] = [];
  for (let page = first + 1; page <= map.pageCount; page++)
    if (!starts.has(page) && !blank.has(page)) pages.push(page);
  return pages;
}

interface TextItem {
  str: string;
  transform: number[];
  hasEOL: boolean;
}

/**
 * The opening words of each of `pages` (1-based) in `pdf`; pages without text are left out.
 * Text in the page's top and bottom `margins` (millimetres, the edition's geometry) is
 * the margin boxes' and is skipped.
 */
export async function pageOpenings(
  pdf: Uint8Array,
  pages: readonly number[],
  margins: { top: number; bottom: number },
): Promise<Map<number, string>> {
  const openings = new Map<number, string>();
  if (pages.length === 0) return openings;
  await withPrintedPdf(pdf, async (document) => {
    for (const number of pages) {
      if (number < 1 || number > document.numPages) continue;
      const page = await document.getPage(number);
      const [, bottom = 0, , top = 0] = page.view;
      const above = top - margins.top * pointsPerMm;
      const below = bottom + margins.bottom * pointsPerMm;
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const { str, transform, hasEOL } = item as TextItem;
        const y = transform[5] ?? 0;
        if (y < below || y > above) continue;
        text += str + (hasEOL ? ' ' : '');
      }
      const words = text.trim().split(/\s+/).filter(Boolean);
      if (words.length > 0) openings.set(number, words.slice(0, openingWords).join(' '));
    }
  });
  return openings;
}
