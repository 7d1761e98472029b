/**
 * Page prediction for the page-number loop: the pages the last print measured, moved to
 * where the next print will put them, so that its page numbers are right at once. Blank
 * pages added before (or taken away from) parts and chapters that would open on a left-hand page move
 * everything after them; the glossary's new length moves the index after it.
 */
import type { EditionParts } from '../../assemble/edition.ts';
import { blankPageId, documentTitleAnchor, glossaryId, indexId } from '../../model/ids.ts';
import type { PageMap } from './page-map.ts';

/**
 * The openings that may have a blank page before them, each with the key of its blank page
 * and the anchor of its first page: documents (keyed by document id) and the chapters that
 * start a page inside them (keyed by the heading's anchor).
 */
function openings(parts: EditionParts): Array<{ key: string; anchor: string; chapter: boolean }> {
  return parts.documents.flatMap(({ record, chapters }) => [
    { key: record.id, anchor: documentTitleAnchor(record.id), chapter: false },
    // (A hand-made EditionParts may have no chapters.)
    ...(chapters ?? [])
      .filter((c) => c.breaks)
      .map((c) => ({ key: c.anchor, anchor: c.anchor, chapter: true })),
  ]);
}

/** The openings the edition keeps on right-hand pages: parts (`rectoParts`), chapters (`rectoChapters`). */
export function rectoOpenings(parts: EditionParts): Array<{ key: string; anchor: string }> {
  const { rectoParts, rectoChapters } = parts.edition;
  return openings(parts).filter((o) => (o.chapter ? rectoChapters : rectoParts));
}

/**
 * Openings that would fall on a left-hand (even) page: keep their blank page, or add one.
 * Decided in reading order, each opening where the blank pages decided before it move it
 * (a blank page added before chapter 2 moves chapter 3 to the other hand), so that one
 * print settles every opening.
 */
export function versoStarts(
  parts: EditionParts,
  map: PageMap,
  before: ReadonlySet<string>,
): Set<string> {
  const blanks = new Set<string>();
  /** Pages added (or, below zero, taken away) before the next opening, against `map`. */
  let shift = 0;
  for (const { key, anchor } of rectoOpenings(parts)) {
    const opening = map.pageOf.get(anchor);
    if (opening === undefined) continue;
    const had = before.has(key);
    // Without the blank page it has now, the part would open one page earlier.
    const wouldOpen = (had ? opening - 1 : opening) + shift;
    const has = wouldOpen % 2 === 0;
    if (has) blanks.add(key);
    shift += Number(has) - Number(had);
  }
  return blanks;
}

/**
 * The page map a print with blank pages `after` would have, from one printed with `before`:
 * each blank page added before a part moves everything from the part's first page on by one
 * page; each taken away, back by one.
 */
export function withBlankPages(
  parts: EditionParts,
  map: PageMap,
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
): PageMap {
  const shifts: Array<{ from: number; by: number }> = [];
  for (const { key, anchor } of openings(parts)) {
    const had = before.has(key);
    const has = after.has(key);
    const opening = map.pageOf.get(anchor);
    if (had === has || opening === undefined) continue;
    shifts.push({ from: had ? opening - 1 : opening, by: has ? 1 : -1 });
  }
  if (shifts.length === 0) return map;
  const moved = (page: number) =>
    page + shifts.reduce((sum, shift) => sum + (page >= shift.from ? shift.by : 0), 0);
  return {
    pageOf: new Map([...map.pageOf].map(([id, page]) => [id, moved(page)])),
    pageCount: map.pageCount + shifts.reduce((sum, shift) => sum + shift.by, 0),
  };
}

/** The page map with everything from the index on moved to follow a glossary of `length` pages. */
export function withGlossaryLength(map: PageMap, length: number): PageMap {
  const glossary = map.pageOf.get(glossaryId);
  const index = map.pageOf.get(indexId);
  if (glossary === undefined || index === undefined || index <= glossary) return map;
  const by = glossary + length - index;
  if (by === 0) return map;
  return {
    pageOf: new Map([...map.pageOf].map(([id, page]) => [id, page >= index ? page + by : page])),
    pageCount: map.pageCount + by,
  };
}

/**
 * The physical page where the body (page "1") begins: the first part's opening (of the
 * edition's parts, or of its documents before any is assembled).
 */
export function firstBodyPage(
  parts: { documents: ReadonlyArray<{ record: { id: string } }> } | undefined,
  map: PageMap,
): number {
  const first = parts?.documents[0]?.record.id;
  return (first && map.pageOf.get(documentTitleAnchor(first))) || 1;
}

/** The ids of the blank pages before parts, measured like any anchor. */
export function blankIds(blankBefore: ReadonlySet<string>): string[] {
  return [...blankBefore].map(blankPageId);
}
