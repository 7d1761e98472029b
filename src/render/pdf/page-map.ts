/**
 * Reads back where things landed in a printed PDF: Chromium writes a named destination
 * for every id a link points to, so the page of each anchor is the page of its
 * destination (exact, unlike DOM geometry). Names are the URL-serialised fragment.
 */
import { createHash } from 'node:crypto';
import type { WideElement } from './in-page-scripts.ts';
import { pdfFromObjects } from './pdf-objects.ts';
import { getDocument } from './pdfjs.ts';

export interface PageMap {
  /** Physical page (1-based) of each anchor id. */
  pageOf: Map<string, number>;
  /**
   * Of the anchors a print was read for with their heights: the top, in pt from the page's
   * top (none in a map predicted rather than read).
   */
  topOf?: Map<string, number>;
  pageCount: number;
  /**
   * The elements wider than the page area, each with that area's width, where a
   * measurement in columns was asked to look for them (page-columns.ts).
   */
  wide?: Array<WideElement & { area: number }>;
}

/** The URL-serialised fragment of `id`: the name Chromium gives its destination. */
const serialised = (id: string) => new URL(`#${id}`, 'http://x/').hash.slice(1);

/**
 * The longest destination name kept as it is: PDF names are at most 127 bytes (ISO 32000,
 * Annex C; poppler warns past it), and a Chinese heading's id serialises to 9 bytes a
 * character.
 */
const longestName = 100;

/**
 * The id an element carries in the print HTML: its own, or for one whose destination name
 * would be too long, a short ASCII stand-in (`d-` and 16 hex digits of its SHA-256), the
 * same in every pass. print-page.ts renames ids and `#` links with it; the page map reads
 * destinations through it, so every other part of Folio keeps the element's own id.
 */
export function printAnchor(id: string): string {
  if (serialised(id).length <= longestName) return id;
  return `d-${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}

/** The destination name Chromium uses for an element id. */
export function destinationName(id: string): string {
  return serialised(printAnchor(id));
}

type PrintedDocument = Awaited<ReturnType<typeof getDocument>['promise']>;

/** Opens a printed PDF with pdf.js (no fonts, no eval) for `use`, and closes it after. */
export async function withPrintedPdf<T>(
  pdf: Uint8Array,
  use: (document: PrintedDocument) => Promise<T>,
): Promise<T> {
  const task = getDocument({
    data: pdf.slice(),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    return await use(await task.promise);
  } finally {
    await task.destroy();
  }
}

/**
 * The page of each of `ids` in `pdf`, and for those in `withTops` (footnotes and their
 * references) also their height on the page: one reading of the PDF per print.
 */
export function readPageMap(
  pdf: Uint8Array,
  ids: Iterable<string>,
  withTops: ReadonlySet<string> = new Set(),
): Promise<PageMap> {
  const owners = idsByDestination(ids, withTops);
  return withPrintedPdf(pdf, async (document) => {
    const destinations = (await document.getDestinations()) as Record<string, unknown[] | null>;
    const pageOf = new Map<string, number>();
    const topOf = new Map<string, number>();
    const heights = new Map<number, number>();
    // The destinations the PDF holds, not every id asked for: a part of a book holds a
    // few of the book's anchors, and each part is read with all of them.
    for (const [name, destination] of Object.entries(destinations)) {
      const ids = owners.get(name);
      const ref = destination?.[0];
      if (!ids || !ref || typeof ref !== 'object') continue;
      const index = await document.getPageIndex(ref as { num: number; gen: number });
      for (const id of ids) {
        pageOf.set(id, index + 1);
        const y = destination?.[3];
        if (!withTops.has(id) || typeof y !== 'number') continue;
        let height = heights.get(index);
        if (height === undefined) {
          height = (await document.getPage(index + 1)).view[3] ?? 0;
          heights.set(index, height);
        }
        topOf.set(id, height - y);
      }
    }
    return { pageOf, topOf, pageCount: document.numPages };
  });
}

/**
 * A one-page PDF with one named destination, `warm`, at the page's top, as Chromium
 * writes them (a classic cross-reference table, the destinations in the catalog's names).
 */
export function warmingPdf(): Uint8Array {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R /Names << /Dests 4 0 R >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
    '<< /Names [(warm) [3 0 R /XYZ 0 72 0]] >>',
  ]);
}

let warming: Promise<void> | undefined;

/**
 * Reads a one-page PDF once per process, so that pdf.js compiles what reading a page map
 * runs while the caller waits on the browser: the first reading of a print compiled it,
 * 0.5 s of the 447-page pack's first page map (720 ms against 215 ms once warm).
 * Never fails: a failed warming leaves the first real reading as it was.
 */
export function warmPageMap(): Promise<void> {
  warming ??= readPageMap(warmingPdf(), ['warm'], new Set(['warm'])).then(
    () => undefined,
    () => undefined,
  );
  return warming;
}

/** The ids asked for by their destination names, kept per list of ids (each part asks with the same). */
const destinationIndexes = new WeakMap<object, WeakMap<object, Map<string, string[]>>>();

export function idsByDestination(
  ids: Iterable<string>,
  withTops: ReadonlySet<string>,
): Map<string, string[]> {
  const kept = destinationIndexes.get(ids)?.get(withTops);
  if (kept) return kept;
  const index = new Map<string, string[]>();
  for (const id of new Set([...ids, ...withTops])) {
    const name = destinationName(id);
    const list = index.get(name);
    if (list) list.push(id);
    else index.set(name, [id]);
  }
  const byTops = destinationIndexes.get(ids) ?? new WeakMap<object, Map<string, string[]>>();
  byTops.set(withTops, index);
  destinationIndexes.set(ids, byTops);
  return index;
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
