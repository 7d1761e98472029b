/**
 * Print page breaks in the EPUB, from the print edition's pagination: a `pagebreak`
 * marker carrying each printed page's label where that page begins, so that readers can
 * cite and find print pages. Every printed page gets one:
 * - a page on which a measured block starts (every top-level block, every block inside an
 *   index range, every glossary and index entry), before that block;
 * - a page on which no block starts (a long paragraph's continuation, the contents running
 *   on), inside the text, before the words the PDF page opens with (`openings` of the
 *   pagination); in the contents, which are the EPUB's navigation list, inside the entry's
 *   link, the one place the list's strict shape allows;
 * - a blank page (before a part that opens on a right-hand page), where the part begins,
 *   before the part's own first page; the cover and its blank back at the start of the
 *   EPUB's cover page.
 * A page whose opening words cannot be found (a page that opens with a table's rule, say)
 * is marked before the next page's, so that the page-list still lists it, in order.
 */
import type { Element, ElementContent, Text } from 'hast';
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
  kind: 'block';
  element: Element;
  siblings: ElementContent[];
  /** The parent is a list or table: the marker opens the block instead of preceding it. */
  inside: boolean;
  file: string;
}

/** A text node a marker may be put into, in reading order. */
interface TextStop {
  kind: 'text';
  node: Text;
  siblings: ElementContent[];
  file: string;
}

type Stop = Candidate | TextStop;

/**
 * Inserts the markers, in reading order, and returns them. Chapters must be in spine order.
 * Inside a `nav`, a marker goes only into a link's or label's text (the navigation lists
 * must keep their strict shape).
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
  const stops = chapters.flatMap((chapter) => readingOrder(chapter.content, chapter.file));
  const candidates = stops.filter((stop): stop is Candidate => stop.kind === 'block');
  // The pages before the first measured block are the cover and its blank back: they are
  // marked at the start of the first chapter (the EPUB's cover page).
  const firstPage = Math.min(
    ...candidates.map((c) => pageOf(pagination, c.element) ?? Number.POSITIVE_INFINITY),
  );
  const first = chapters[0];
  let lastPage = 0;
  if (first && Number.isFinite(firstPage) && firstPage > 1) {
    const leading = Array.from({ length: firstPage - 1 }, (_, i) => marker(i + 1, first.file));
    first.content.unshift(...leading);
    lastPage = firstPage - 1;
  }
  // Text read since the last block whose page is known: where a page without a block start begins.
  let pending: TextStop[] = [];
  /** Marks the pages after `lastPage` and before `page` that no block starts; returns the ones not found. */
  const markOpenings = (page: number): number[] => {
    const unplaced: number[] = [];
    for (let p = lastPage + 1; p < page; p++) {
      if (blankPages.has(p)) continue;
      const opening = pagination.openings?.get(p);
      const found = opening ? findOpening(pending, opening) : undefined;
      if (!found) {
        unplaced.push(p);
        continue;
      }
      const { stop, offset } = found;
      const at = stop.siblings.indexOf(stop.node);
      const head = stop.node.value.slice(0, offset);
      const tail: Text = { type: 'text', value: stop.node.value.slice(offset) };
      stop.siblings.splice(
        at,
        1,
        ...(head ? [{ type: 'text' as const, value: head }] : []),
        marker(p, stop.file),
        tail,
      );
      // The next page opens after this one: search on from the marker.
      pending = [{ ...stop, node: tail }, ...pending.slice(pending.indexOf(stop) + 1)];
    }
    return unplaced;
  };
  for (const stop of stops) {
    if (stop.kind === 'text') {
      pending.push(stop);
      continue;
    }
    const page = pageOf(pagination, stop.element);
    if (page === undefined) continue;
    if (page <= lastPage) {
      pending = [];
      continue;
    }
    const unplaced = markOpenings(page);
    const pages = [
      ...Array.from({ length: page - lastPage - 1 }, (_, i) => lastPage + 1 + i).filter(
        (p) => blankPages.has(p) || unplaced.includes(p),
      ),
      page,
    ];
    lastPage = page;
    pending = [];
    const markers = pages.map((p) => marker(p, stop.file));
    if (stop.inside) stop.element.children.unshift(...markers);
    else stop.siblings.splice(stop.siblings.indexOf(stop.element), 0, ...markers);
  }
  // The book's last pages may hold no block start either (a long last paragraph).
  const last = chapters[chapters.length - 1];
  if (lastPage > 0 && last)
    for (const p of markOpenings(pagination.labels.length + 1))
      last.content.push(marker(p, last.file));
  return breaks;
}

/**
 * Blocks with an id and the text a marker may go into, in document order (collected
 * first: insertion shifts arrays).
 */
function readingOrder(content: ElementContent[], file: string): Stop[] {
  const found: Stop[] = [];
  const walk = (siblings: ElementContent[], parent: Element | undefined, inNav: boolean) => {
    for (const node of siblings) {
      if (node.type === 'text') {
        // In a navigation list only a link's or label's text takes a marker; nowhere may one
        // stand among a list's items or a table's rows.
        const allowed = inNav
          ? parent?.tagName === 'a' || parent?.tagName === 'span'
          : parent === undefined || !holdsOnlyItems(parent);
        if (allowed && node.value.trim() !== '') found.push({ kind: 'text', node, siblings, file });
        continue;
      }
      if (node.type !== 'element') continue;
      if (!inNav && isBlock(node) && typeof node.properties.id === 'string') {
        found.push({
          kind: 'block',
          element: node,
          siblings,
          // A `span` may not stand among a list's items or a table's rows: it opens the block.
          inside: parent !== undefined && holdsOnlyItems(parent),
          file,
        });
      }
      walk(node.children, node, inNav || node.tagName === 'nav');
    }
  };
  walk(content, undefined, false);
  return found;
}

/**
 * Where `opening` (a page's first words, as the PDF has them) begins in the text of
 * `stops`: the first place its first words stand in that order. A page may open inside
 * a word (the rest of a word hyphenated on the page before), and a line of the opening
 * may end with a hyphen that the EPUB's text does not have; the words are matched up to
 * such a hyphen.
 */
function findOpening(
  stops: readonly TextStop[],
  opening: string,
): { stop: TextStop; offset: number } | undefined {
  const words = openingPattern(opening);
  if (!words) return undefined;
  let text = '';
  const starts: number[] = [];
  for (const stop of stops) {
    starts.push(text.length);
    text += stop.node.value;
  }
  const match = words.exec(text);
  if (!match) return undefined;
  for (let i = stops.length - 1; i >= 0; i--) {
    const start = starts[i] ?? 0;
    const stop = stops[i];
    if (stop && match.index >= start) return { stop, offset: match.index - start };
  }
  return undefined;
}

/** A pattern of an opening's first words (at most five, two at least), spaces loose. */
function openingPattern(opening: string): RegExp | undefined {
  const tokens = opening.split(/\s+/).filter(Boolean);
  const taken: string[] = [];
  for (const token of tokens) {
    if (taken.length === 5) break;
    if (token.length > 1 && token.endsWith('-')) {
      taken.push(token.slice(0, -1));
      break;
    }
    taken.push(token);
  }
  if (taken.length === 0 || (taken.length < 2 && tokens.length > 1)) return undefined;
  const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(taken.map(literal).join('\\s+'), 'u');
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
