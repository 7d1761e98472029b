/**
 * Print page breaks in the EPUB, from the print edition's pagination: before the first
 * block that starts on a page, a `pagebreak` marker carrying the page's printed label, so
 * that readers can cite and find print pages. The print measures every top-level block,
 * every block inside an index range and every glossary and index entry, so pages that
 * begin inside a range or in the back matter have their marker. A blank page (before a
 * part that opens on a right-hand page) is marked where the part begins, before the
 * part's own first page; the cover and its blank back at the start of the EPUB's cover
 * page. A page on which no block starts (the continuation of a long block, or of the
 * contents, which are the EPUB's navigation lists) still gets no marker: there is no
 * block start to put it at.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { holdsOnlyItems, isBlock } from '../../model/block-elements.ts';
import { isBlankPageId, pageBreakId } from '../../model/ids.ts';
import type { Pagination } from '../pagination.ts';
import type { Located } from './links.ts';

export interface PageBreak {
  /** Printed label ("iii", "12"). */
  label: string;
  /** Id of the marker element. */
  id: string;
  file: string;
}

interface Candidate {
  element: Element;
  siblings: ElementContent[];
  /** The parent is a list or table: the marker opens the block instead of preceding it. */
  inside: boolean;
}

/**
 * Inserts the markers, in reading order, and returns them. Chapters must be in spine order.
 * Nothing inside a `nav` is marked (the navigation lists must keep their strict shape).
 */
export function insertPageBreaks(
  chapters: readonly Located[],
  pagination: Pagination,
): PageBreak[] {
  const breaks: PageBreak[] = [];
  const usedIds = new Set<string>();
  const blankPages = new Set(
    [...pagination.pageOf].filter(([id]) => isBlankPageId(id)).map(([, page]) => page),
  );
  const marker = (p: number, file: string): Element => {
    const label = pagination.labels[p - 1] ?? String(p);
    const id = uniqueId(pageBreakId(label), usedIds);
    breaks.push({ label, id, file });
    return h('span', { id, 'epub:type': 'pagebreak', role: 'doc-pagebreak', ariaLabel: label });
  };
  // The pages before the first measured block are the cover and its blank back: they are
  // marked at the start of the first chapter (the EPUB's cover page).
  const candidates = chapters.map((chapter) => blocks(chapter.content));
  const firstPage = Math.min(
    ...candidates.flat().map((c) => pageOf(pagination, c.element) ?? Number.POSITIVE_INFINITY),
  );
  const first = chapters[0];
  let lastPage = 0;
  if (first && Number.isFinite(firstPage) && firstPage > 1) {
    const leading = Array.from({ length: firstPage - 1 }, (_, i) => marker(i + 1, first.file));
    first.content.unshift(...leading);
    lastPage = firstPage - 1;
  }
  for (const [n, chapter] of chapters.entries()) {
    for (const candidate of candidates[n] ?? []) {
      const page = pageOf(pagination, candidate.element);
      if (page === undefined || page <= lastPage) continue;
      const pages: number[] = [];
      for (let skipped = lastPage + 1; skipped < page; skipped++)
        if (blankPages.has(skipped)) pages.push(skipped);
      pages.push(page);
      lastPage = page;
      const markers = pages.map((p) => marker(p, chapter.file));
      if (candidate.inside) candidate.element.children.unshift(...markers);
      else candidate.siblings.splice(candidate.siblings.indexOf(candidate.element), 0, ...markers);
    }
  }
  return breaks;
}

/** Block elements with an id, in document order (collected first: insertion shifts arrays). */
function blocks(content: ElementContent[]): Candidate[] {
  const found: Candidate[] = [];
  const walk = (siblings: ElementContent[], parent: Element | undefined) => {
    for (const node of siblings) {
      if (node.type !== 'element') continue;
      if (isBlock(node) && typeof node.properties.id === 'string') {
        found.push({
          element: node,
          siblings,
          // A `span` may not stand among a list's items or a table's rows: it opens the block.
          inside: parent !== undefined && holdsOnlyItems(parent),
        });
      }
      if (node.tagName !== 'nav') walk(node.children, node);
    }
  };
  walk(content, undefined);
  return found;
}

/** The print renderer keys pages by element id. */
function pageOf(pagination: Pagination, element: Element): number | undefined {
  return pagination.pageOf.get(String(element.properties.id));
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
  used.add(id);
  return id;
}
