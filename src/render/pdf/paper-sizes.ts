/**
 * Paper sizes of CSS Paged Media (portrait), in the unit their standard gives them: the
 * one table of them. An edition's page rules and its running heads use the size its
 * `paper` names; the page script that hyphenates (line-end-hyphens.browser.js) is given
 * the table to measure the page area of whatever size a project's stylesheet names.
 */
import type { EditionConfig } from '../../config/schema.ts';

export interface PaperSize {
  width: number;
  height: number;
  unit: 'mm' | 'in';
}

export const paperSizes = {
  a5: { width: 148, height: 210, unit: 'mm' },
  a4: { width: 210, height: 297, unit: 'mm' },
  a3: { width: 297, height: 420, unit: 'mm' },
  b5: { width: 176, height: 250, unit: 'mm' },
  b4: { width: 250, height: 353, unit: 'mm' },
  'jis-b5': { width: 182, height: 257, unit: 'mm' },
  'jis-b4': { width: 257, height: 364, unit: 'mm' },
  letter: { width: 8.5, height: 11, unit: 'in' },
  legal: { width: 8.5, height: 14, unit: 'in' },
  ledger: { width: 11, height: 17, unit: 'in' },
} satisfies Record<string, PaperSize>;

/** The `size` keyword of each paper an edition can choose. */
const sizeKeywords: Record<EditionConfig['paper'], string> = { a4: 'A4', letter: 'letter' };

/** An edition's paper as CSS: its `size` keyword, width and height. */
export function editionPaper(paper: EditionConfig['paper']): {
  css: string;
  width: string;
  height: string;
} {
  const size: PaperSize = paperSizes[paper];
  return {
    css: sizeKeywords[paper],
    width: `${size.width}${size.unit}`,
    height: `${size.height}${size.unit}`,
  };
}
