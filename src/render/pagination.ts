/**
 * The pagination of a print edition, as read back from its PDF: which physical page every
 * anchor is on, and the label printed on each page (i, ii, 1, 2 …). The print renderer
 * makes it as one of its products; the EPUB renderer of the same edition takes it for its
 * page-list (see `Rendered` in pipeline.ts).
 */

export interface Pagination {
  /** Physical page (1-based) of each anchor id that was measured. */
  pageOf: ReadonlyMap<string, number>;
  /** Printed label of each physical page; index 0 is page 1. */
  labels: readonly string[];
  /** Physical page where the body (page "1") begins. */
  bodyStart: number;
  /**
   * The words each page opens with, for the pages on which no measured block starts (a
   * long paragraph's continuation, the contents running on), so that the page-list can
   * mark them inside the text.
   */
  openings?: ReadonlyMap<number, string>;
}
