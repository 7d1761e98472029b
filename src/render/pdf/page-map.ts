/**
 * Reads back where things landed in a printed PDF: Chromium writes a named destination
 * for every id a link points to, so the page of each anchor is the page of its
 * destination (exact, unlike DOM geometry). Names are the URL-serialised fragment.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PageMap {
  /** Physical page (1-based) of each anchor id. */
  pageOf: Map<string, number>;
  pageCount: number;
}

/** The destination name Chromium uses for an element id. */
export function destinationName(id: string): string {
  return new URL(`#${id}`, 'http://x/').hash.slice(1);
}

export async function readPageMap(pdf: Uint8Array, ids: Iterable<string>): Promise<PageMap> {
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
    const pageOf = new Map<string, number>();
    for (const id of ids) {
      const destination = destinations[destinationName(id)];
      const ref = destination?.[0];
      if (!ref || typeof ref !== 'object') continue;
      pageOf.set(id, (await document.getPageIndex(ref as { num: number; gen: number })) + 1);
    }
    return { pageOf, pageCount: document.numPages };
  } finally {
    await task.destroy();
  }
}

/** Anchors (of those watched) whose page differs between two maps. */
export function movedAnchors(
  before: PageMap | undefined,
  after: PageMap,
  watched: Iterable<string> = after.pageOf.keys(),
): string[] {
  if (!before) return [...watched];
  const moved: string[] = [];
  for (const id of watched) if (before.pageOf.get(id) !== after.pageOf.get(id)) moved.push(id);
  return moved;
}
