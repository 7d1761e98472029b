/**
 * What the print's page-number loop gives the assembly of each pass: the pages the
 * previous print measured (none before the first: slots hold placeholders of the final
 * width) and where side notes move. The assembly builds the print edition with them, so
 * nothing edits an assembled tree afterwards.
 */

import type { FootnotePlan } from './footnotes.ts';

/** A page-number slot before pages are known: the width of a page number, tabular figures. */
export const pagePlaceholder = '000';

export interface PageLookup {
  /** Physical page of an anchor, if measured. */
  page(anchor: string): number | undefined;
  /** The folio printed on a physical page. */
  label(page: number): string;
}

/** Note id → id of the top-level block whose start the note moves to. */
export type Hoists = ReadonlyMap<string, string>;

export interface PrintInputs {
  /** Pages of the previous print; undefined before the first. */
  pages: PageLookup | undefined;
  /** Side notes moved to the start of another block (annotated editions). */
  sideNotes: Hoists;
  /** Which page's foot each footnote goes to (none before the first print). */
  footnotes?: FootnotePlan;
}
