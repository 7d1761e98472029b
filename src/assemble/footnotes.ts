/**
 * Where a document's footnotes stand in each format. The resolve pass leaves every note
 * (`aside.footnote`, remark-footnotes.ts) right after the top-level block that first refers
 * to it, which is the EPUB's placement (a pop-up near its paragraph). From there:
 *
 * - HTML: the notes of a section gather at its end (before the next heading of its rank or
 *   higher), in a `div.section-footnotes`;
 * - endnotes (`notes: endnotes`, every format): all of a document's notes at its end, in a
 *   `section.endnotes` ("Notes"), as a numbered list;
 * - print: at the foot of the page their reference is on. Chromium has no `float:
 *   footnote`, so each page that has notes gets a pair of left floats (`div.footnote-page`):
 *   a zero-width strut and the note area (full width, a short rule above). Each pair clears
 *   the one before, so the strut starts at the top of its page and the area, which follows
 *   it, stands at the page's foot once the strut is the page area's height less the
 *   area's (sized in the loaded page: render/pdf/footnote-areas.browser.js). Text flows past
 *   the zero-width strut and stops above the area, so nothing overlaps. Pairs are chained
 *   per chapter (a chapter starts a page): the first stands just after the chapter's
 *   opening, the others before the first block that begins two pages before theirs (or
 *   the last measured block before it, never one on a later page), so that a note is read
 *   near its page and no pair is held below its page's top. Which pages get a pair comes from the page-number
 *   loop (`FootnotePlan`, render/pdf/footnotes.ts): the references' pages in the last
 *   print; which notes each page takes is decided in the loaded page.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { EditionConfig } from '../config/schema.ts';
import { classesOf, hasClass } from '../model/hast-classes.ts';
import { writtenLevel } from '../model/heading-levels.ts';
import { anchorId, firstFootnoteRef } from '../model/ids.ts';
import type { PageLookup } from './print-inputs.ts';

/** Where notes go in a format without pages: after their block (EPUB) or their section (HTML). */
export type FootnotePlacement = 'block' | 'section';

/** What the page-number loop decided for the notes of a print pass. */
export interface FootnotePlan {
  /** Note id → the physical page whose foot it goes to. */
  readonly pages: ReadonlyMap<string, number>;
  /** Anchor id → its top in the last print, in pt from the top of its page. */
  readonly tops: ReadonlyMap<string, number>;
  /**
   * Notes a print set a page before their reference (the loaded page kept the reference's
   * line on a page that the print ended above it): their lines go on with them.
   */
  readonly sendOn?: ReadonlySet<string>;
}

export interface FootnoteOptions {
  documentId: string;
  notes: EditionConfig['notes'];
  placement: FootnotePlacement;
  /** Print only: the pages of the last pass and the plan; none in the first pass. */
  print?: { pages: PageLookup | undefined; plan: FootnotePlan | undefined };
}

/** The id of the chain of footnote areas of a document's `n`th chapter (`doc--fnpages-2`). */
export const footnoteChainId = (documentId: string, n: number) =>
  anchorId(documentId, `fnpages-${n}`);

const isNote = (node: ElementContent): boolean =>
  node.type === 'element' && hasClass(node, 'footnote');
const noteElements = (nodes: readonly ElementContent[]): Element[] =>
  nodes.filter((n): n is Element => n.type === 'element' && hasClass(n, 'footnote'));

/** Arranges the notes of a document's body (its top-level nodes) for the format. Changes `body`. */
export function arrangeFootnotes(body: ElementContent[], options: FootnoteOptions): void {
  if (!body.some(isNote)) return;
  if (options.notes === 'endnotes') endnotes(body);
  else if (options.print) pageFootnotes(body, options.documentId, options.print);
  else if (options.placement === 'section') sectionFootnotes(body);
}

function endnotes(body: ElementContent[]): void {
  const notes = takeNotes(body);
  body.push(
    h('section.endnotes', { role: 'doc-endnotes', 'epub:type': 'endnotes' }, [
      h('h2.endnotes-heading', 'Notes'),
      h(
        'ol.endnote-list',
        notes.map((note) =>
          h(
            'li.endnote',
            {
              id: note.properties.id,
              'epub:type': 'endnote',
              value: note.properties.dataNoteNumber,
            },
            note.children,
          ),
        ),
      ),
    ]),
  );
}

/** The notes of `body`, taken out of it. */
function takeNotes(body: ElementContent[]): Element[] {
  const notes = noteElements(body);
  const kept = body.filter((node) => !isNote(node));
  body.splice(0, body.length, ...kept);
  return notes;
}

function sectionFootnotes(body: ElementContent[]): void {
  const out: ElementContent[] = [];
  let pending: Element[] = [];
  let rank = 7;
  const flush = () => {
    if (pending.length > 0) out.push(h('div.section-footnotes', pending));
    pending = [];
  };
  for (const node of body) {
    if (node.type === 'element' && isNote(node)) {
      pending.push(node);
      continue;
    }
    const heading = node.type === 'element' ? writtenLevel(node) : undefined;
    if (heading !== undefined) {
      if (heading <= rank) flush();
      if (pending.length === 0) rank = heading;
    }
    out.push(node);
  }
  flush();
  body.splice(0, body.length, ...out);
}

/** A chapter's stretch of the body: its opening's index and its blocks' indexes. */
interface Stretch {
  start: number;
  end: number;
}

function pageFootnotes(
  body: ElementContent[],
  documentId: string,
  print: NonNullable<FootnoteOptions['print']>,
): void {
  // Notes leave the flow; each chapter's go to the feet of its pages.
  const stretches: Array<Stretch & { notes: Element[] }> = [];
  const kept: ElementContent[] = [];
  for (const node of body) {
    if (node.type === 'element' && isNote(node)) {
      stretches[stretches.length - 1]?.notes.push(node);
      continue;
    }
    const opens = node.type === 'element' && classesOf(node).includes('chapter');
    if (opens || stretches.length === 0) {
      const last = stretches[stretches.length - 1];
      if (last) last.end = kept.length;
      stretches.push({ start: kept.length, end: -1, notes: [] });
    }
    kept.push(node);
  }
  const lastStretch = stretches[stretches.length - 1];
  if (lastStretch) lastStretch.end = kept.length;
  /** Index in `kept` → the pairs that stand before that node. */
  const before = new Map<number, Element[]>();
  stretches.forEach((stretch, n) => {
    if (stretch.notes.length === 0) return;
    const chainId = footnoteChainId(documentId, n + 1);
    const opening = kept[stretch.start];
    const openingIsChapter = opening?.type === 'element' && hasClass(opening, 'chapter');
    const firstAt = openingIsChapter ? stretch.start + 1 : stretch.start;
    const add = (at: number, pair: Element) => before.set(at, [...(before.get(at) ?? []), pair]);
    const pageOf = (id: string) => print.pages?.page(id);
    const startPage = pageOf(chainId);
    if (!print.plan || startPage === undefined) {
      // The first print: the notes are not set, only the chain's place is measured.
      add(firstAt, pair(chainId, undefined, [], { hidden: true, notes: stretch.notes }));
      return;
    }
    const plan = print.plan;
    const assigned = stretch.notes.map((note) => {
      const id = String(note.properties.id);
      const page = plan.pages.get(id) ?? pageOf(firstFootnoteRef(id)) ?? pageOf(id) ?? startPage;
      return { note, id, page: Math.max(startPage, page) };
    });
    const blocks: Array<{ index: number; page: number | undefined }> = [];
    for (let i = firstAt; i < stretch.end; i++) {
      const node = kept[i];
      const id = node?.type === 'element' ? node.properties.id : undefined;
      blocks.push({ index: i, page: typeof id === 'string' ? pageOf(id) : undefined });
    }
    const lastBlockPage = Math.max(startPage, ...blocks.map((b) => b.page ?? 0));
    const lastPage = Math.max(...assigned.map((a) => a.page));
    let anchor = firstAt;
    for (let page = startPage; page <= lastPage; page++) {
      const notes = assigned.filter((a) => a.page === page);
      const limit = Math.max(-1, ...notes.map((a) => plan.tops.get(firstFootnoteRef(a.id)) ?? -1));
      const data = {
        page,
        first: page === startPage ? plan.tops.get(chainId) : undefined,
        limit: limit >= 0 ? limit : undefined,
        last: page === lastPage ? Math.max(lastPage, lastBlockPage) : undefined,
        sendOn:
          page === startPage
            ? stretch.notes.map((n) => String(n.properties.id)).filter((id) => plan.sendOn?.has(id))
            : [],
      };
      const built = pair(
        page === startPage ? chainId : undefined,
        data,
        notes.map((a) => a.note),
      );
      if (page === startPage) {
        add(firstAt, built);
        continue;
      }
      // Before the first block that begins two pages before: any earlier place holds the
      // pair where it belongs (it clears the pair before it), while a later one can hold it
      // below the top of its page. So where the first block known to begin from two pages
      // before begins later (the blocks between have no measured page), the pair stands
      // before the last block known to begin earlier, or stays where the pair before it
      // stands. Before a block that opened its page, print set the pair below that block's
      // top margin (a heading's: 40 px on Letter), and each pair after it as much lower,
      // until the last page's area, no longer fitting, went to the page after the document
      // (a blank verso). A block on the page before is not safe either: a line sent on with
      // its note moves it on.
      for (const block of blocks) {
        if (block.index < anchor || block.page === undefined) continue;
        if (block.page > page - 2) break;
        anchor = block.index;
        if (block.page === page - 2) break;
      }
      add(anchor, built);
    }
  });
  const out: ElementContent[] = [];
  kept.forEach((node, i) => {
    out.push(...(before.get(i) ?? []), node);
  });
  body.splice(0, body.length, ...out);
}

interface PairData {
  page: number;
  /** The chain's top on its first page (pt from the page's top), for the first pair. */
  first: number | undefined;
  /** The lowest reference's top on the page (pt): the area must stay below its line. */
  limit: number | undefined;
  /** The last page the chapter's notes may run on to. */
  last: number | undefined;
  /** The chain's notes whose reference's line goes on with them (first pair only). */
  sendOn: string[];
}

/** One page's strut and note area. */
function pair(
  id: string | undefined,
  data: PairData | undefined,
  notes: Element[],
  options: { hidden?: boolean; notes?: Element[] } = {},
): Element {
  const attributes: Record<string, string> = {};
  if (data) {
    attributes.dataPage = String(data.page);
    if (data.first !== undefined) attributes.dataFirst = String(data.first);
    if (data.limit !== undefined) attributes.dataLimit = String(data.limit);
    if (data.last !== undefined) attributes.dataLast = String(data.last);
    if (data.sendOn.length > 0) attributes.dataSendOn = data.sendOn.join(' ');
  }
  // The chain's place is measured on a marker of its own: a block holding floats is
  // recorded by Chromium where its floats end, pages later.
  return h('div.footnote-page', attributes, [
    ...(id ? [h('div.footnote-chain', { id })] : []),
    h('div.footnote-strut', { ariaHidden: 'true' }),
    h(
      'div.footnote-area',
      options.hidden ? { hidden: true } : {},
      options.hidden ? (options.notes ?? []) : notes,
    ),
  ]);
}
