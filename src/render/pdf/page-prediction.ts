/**
 * Page prediction for the page-number loop: the pages the last print measured, moved to
 * where the next print will put them, so that its page numbers are right at once. Blank
 * pages added before (or taken away from) parts that would open on a left-hand page move
 * everything after them; the glossary's new length moves the index after it.
 */
import type { EditionParts } from '../../assemble/edition.ts';
import { blankPageId, documentTitleAnchor, glossaryId, indexId } from '../../model/ids.ts';
import type { PageMap } from './page-map.ts';

/** Parts that would open on a left-hand (even) page: keep their blank page, or add one. */
export function versoStarts(
  parts: EditionParts,
  map: PageMap,
  before: ReadonlySet<string>,
): Set<string> {
  if (!parts.edition.rectoParts) return new Set();
  const blanks = new Set<string>();
  for (const { record } of parts.documents) {
    const opening = map.pageOf.get(documentTitleAnchor(record.id));
    if (opening === undefined) continue;
    // Without the blank page it has now, the part would open one page earlier.
    const wouldOpen = before.has(record.id) ? opening - 1 : opening;
    if (wouldOpen % 2 === 0) blanks.add(record.id);
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
  for (const { record } of parts.documents) {
    const had = before.has(record.id);
    const has = after.has(record.id);
    const opening = map.pageOf.get(documentTitleAnchor(record.id));
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

/** The physical page where the body (page "1") begins: the first part's opening. */
export function firstBodyPage(parts: EditionParts | undefined, map: PageMap): number {
  const first = parts?.documents[0]?.record.id;
  return (first && map.pageOf.get(documentTitleAnchor(first))) || 1;
}

/** The ids of the blank pages before parts, measured like any anchor. */
export function blankIds(blankBefore: ReadonlySet<string>): string[] {
  return [...blankBefore].map(blankPageId);
}
