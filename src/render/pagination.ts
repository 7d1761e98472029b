/**
 * The pagination of a print edition, as read back from its PDF: which physical page every
 * anchor is on, and the label printed on each page (i, ii, 1, 2 …). The print renderer
 * shares it with later renderers of the same edition (the EPUB page-list) through the
 * build session.
 */
import type { RenderSession } from '../pipeline/pipeline.ts';

export interface Pagination {
  /** Physical page (1-based) of each anchor id that was measured. */
  pageOf: ReadonlyMap<string, number>;
  /** Printed label of each physical page; index 0 is page 1. */
  labels: readonly string[];
  /** Physical page where the body (page "1") begins. */
  bodyStart: number;
}

const key = (editionId: string) => `pagination:${editionId}`;

export function sharePagination(
  session: RenderSession,
  editionId: string,
  pagination: Pagination,
): void {
  session.cache.set(key(editionId), pagination);
}

export function sharedPagination(
  session: RenderSession,
  editionId: string,
): Pagination | undefined {
  return session.cache.get(key(editionId)) as Pagination | undefined;
}
