/**
 * Part-wise printing of a large edition: the print page (print-page.ts) cut into parts —
 * the front matter, groups of whole documents, a long document's runs of chapters, the
 * back matter — each printed in a fresh renderer, so that no renderer holds the layout of
 * the whole book; the page map is read part by part and offset by the pages before, and
 * the tagged parts are merged into one PDF (merge-tagged.ts), a document cut between
 * parts joined back into one structure element. A part paginates as it does in the whole
 * print: every part starts on a page of its own (documents, chapters, the glossary and
 * the index break before them), a part that starts on an even page of the edition has
 * its left- and right-hand page rules swapped (Chromium makes a print's first page a
 * right-hand one), `@page :first` rules apply to the edition's first page only, the page
 * counter is set on a part's first page to the number it has in the edition, and
 * `counter(pages)` prints the edition's total. A link to an anchor in another part is
 * printed as a URI under `crossPartPrefix`, which the merge turns back into a link to
 * the anchor's named destination.
 */
import { availableParallelism } from 'node:os';
import type { Element, ElementContent, Root, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Page } from 'puppeteer-core';
import type { EditionParts } from '../../assemble/edition.ts';
import { hasClass } from '../../model/hast-classes.ts';
import { eachElement, textLength } from '../../model/hast-walk.ts';
import { type StageTimer, timed, timedSync } from '../../pipeline/stage-timer.ts';
import { withPrintFontFaces } from '../fonts.ts';
import { mergeTaggedPdfs } from './merge-tagged.ts';
import { destinationName, type PageMap, printAnchor } from './page-map.ts';
import { type OneAtATime, oneAtATime, printOrMeasure } from './print-driver.ts';
import type { PrintPage } from './print-page.ts';
import type { PrintTab } from './print-tab.ts';

/** What a part's link to another part's anchor is printed as (the merge resolves it). */
export const crossPartPrefix = 'https://folio.invalid/part#';

/**
 * About how many characters of text an A4 page of running text holds (450 words), to
 * size the parts before anything was printed.
 */
const charactersPerPage = 3000;

/** About how many pages a part holds with `printParts: auto`. */
const pagesPerPart = 100;

/**
 * How many parts each browser prints at once (`partsAtOnce`, or `FOLIO_PARTS_AT_ONCE`):
 * `auto` is 2 on a machine of two or more cores, else 1. Each part printed at once holds a
 * renderer of its own, so each costs a part's memory; two is what the hyphen settle of a
 * single part already holds (its page and a tab alongside, hyphenation.ts), which parts
 * printed at once do without.
 */
export function partsAtOnce(configured: number | 'auto' | undefined): number {
  const fromEnvironment = Number(process.env.FOLIO_PARTS_AT_ONCE);
  const value =
    Number.isInteger(fromEnvironment) && fromEnvironment >= 1 ? fromEnvironment : configured;
  if (typeof value === 'number') return Math.min(value, 16);
  return availableParallelism() >= 2 ? 2 : 1;
}

export interface PrintPart {
  /** What it holds, for messages: `front matter`, document ids, `long#ch-3`, `back matter`. */
  name: string;
  /** The part the edition's body (page 1) begins in: its first document is the edition's first. */
  opensBody: boolean;
  /**
   * The part begins inside a document cut at a chapter: its first element goes on with
   * the last one of the part before (the merge joins their structure elements).
   */
  continues: boolean;
  /** The first anchor the part holds (a page number is read for it): its page is the part's first. */
  firstAnchor: string | undefined;
  /** About how many pages it fills, from its text (before anything was printed). */
  estimatedPages: number;
  /**
   * The part's print HTML when its first page is page `firstPage` of the edition, the
   * body begins on page `bodyStart` (unknown for the front matter) and the edition has
   * `totalPages` pages (unknown before the first print).
   */
  html(firstPage: number, bodyStart: number | undefined, totalPages?: number): string;
}

export interface PartPlan {
  parts: PrintPart[];
  /** The stylesheet prints `counter(pages)`: the edition's total must be known to print a part. */
  countsPages: boolean;
}

/** Why the page could not be cut into parts (printed whole, with a warning). */
export interface NoPartPlan {
  reason: string;
}

/** About how many pages the print page fills, from its text (before anything was printed). */
export function estimatedPages(page: PrintPage): number {
  return Math.ceil(textLength(page.tree) / charactersPerPage);
}

/** A run of the edition printed together: blocks, or a document's run of chapters. */
interface Piece {
  /** What it adds to its part's container, the text (white space) before each block included. */
  content: ElementContent[];
  name: string;
  continues: boolean;
  size: number;
}

/**
 * Cuts `page` into parts: the front matter, documents in groups of about `pages` pages
 * (0: each alone), a document longer than that cut at its chapters, the back matter.
 * `anchors` are the ids a page number is read for (each part links those it holds,
 * invisibly, so Chromium writes their destinations). Elements a page template adds beside
 * the edition's blocks print with the first part (before them) or the last (after them).
 */
export function planParts(
  page: PrintPage,
  parts: EditionParts,
  anchors: Iterable<string>,
  pages = pagesPerPart,
): PartPlan | NoPartPlan {
  const container = parentOfNav(page.tree);
  if (!container) return { reason: 'the print page has no list of its anchors' };
  const navAt = container.children.findIndex(
    (c) => c.type === 'element' && hasClass(c, 'page-anchors'),
  );
  // The blocks before the list of anchors, each with the text written before it (Chromium
  // tags that with the block after it): the edition's, after any the template adds.
  const blocks: { element: Element; content: ElementContent[] }[] = [];
  let text: ElementContent[] = [];
  for (const child of container.children.slice(0, navAt)) {
    if (child.type === 'text') text.push(child);
    if (child.type !== 'element') continue;
    blocks.push({ element: child, content: [...text, child] });
    text = [];
  }
  const front = (parts.cover ? 1 : 0) + 1 + (parts.objectLists?.length ?? 0);
  const back = (parts.glossary ? 1 : 0) + (parts.index ? 1 : 0);
  const expected = front + parts.documents.length + back;
  if (blocks.length < expected)
    return {
      reason: `the print page holds ${blocks.length} blocks where the edition has ${expected} (cover, contents, lists, documents, glossary, index)`,
    };
  const lead = blocks.length - expected;
  const limit = pages * charactersPerPage;
  const matter = (list: typeof blocks, name: string) => ({
    name,
    pieces: [{ content: list.flatMap((b) => b.content), name, continues: false, size: 0 }],
    opensBody: false,
    size: 0,
  });
  const groups = [matter(blocks.slice(0, lead + front), 'front matter')];
  const bodyEnd = lead + front + parts.documents.length;
  blocks.slice(lead + front, bodyEnd).forEach((block, i) => {
    const id = parts.documents[i]?.record.id ?? 'document';
    for (const [k, piece] of chapterPieces(block, id, limit).entries()) {
      const last = groups.at(-1);
      if ((i > 0 || k > 0) && last && last.size + piece.size <= limit) {
        last.pieces.push(piece);
        last.name += `, ${piece.name}`;
        last.size += piece.size;
        continue;
      }
      groups.push({
        name: piece.name,
        pieces: [piece],
        opensBody: i === 0 && k === 0,
        size: piece.size,
      });
    }
  });
  if (back > 0) groups.push(matter(blocks.slice(bodyEnd), 'back matter'));
  return {
    countsPages: countsPages(page.css),
    parts: partsOf(
      page,
      container,
      groups.map((group, i) => ({
        name: group.name,
        opensBody: group.opensBody,
        continues: group.pieces[0]?.continues ?? false,
        children: group.pieces.flatMap((piece) => piece.content),
        after: i === groups.length - 1 ? container.children.slice(navAt + 1) : [],
      })),
      anchors,
    ),
  };
}

interface Group {
  name: string;
  opensBody: boolean;
  continues: boolean;
  /** What the part's container holds before its list of anchors, and after it. */
  children: ElementContent[];
  after: ElementContent[];
}

/** The print parts of `groups`: each links the anchors it holds, and another part's by URI. */
function partsOf(
  page: PrintPage,
  container: Element,
  groups: Group[],
  anchors: Iterable<string>,
): PrintPart[] {
  // Which part holds each id; links to another part's ids become cross-part URIs.
  const owner = new Map<string, number>();
  const elementsOf = (group: Group) =>
    [...group.children, ...group.after].filter((c): c is Element => c.type === 'element');
  groups.forEach((group, i) => {
    for (const element of elementsOf(group))
      eachElement(element, (node) => {
        const id = node.properties.id;
        if (typeof id === 'string') owner.set(id, i);
      });
  });
  const needed = new Set([...anchors].map(printAnchor));
  const linkedHere = groups.map(() => new Set<string>());
  // The tree stays the whole edition's: a part's links change while it is written out.
  const crossLinks = groups.map(() => [] as { link: Element; href: string; own: string }[]);
  groups.forEach((group, i) => {
    for (const element of elementsOf(group))
      eachElement(element, (node) => {
        const href = node.properties.href;
        if (typeof href !== 'string' || !href.startsWith('#')) return;
        const target = href.slice(1);
        const at = owner.get(target);
        if (at === undefined) return;
        needed.add(target);
        if (at === i) linkedHere[i]?.add(target);
        else
          crossLinks[i]?.push({
            link: node,
            own: href,
            href: `${crossPartPrefix}${encodeURIComponent(destinationName(target))}`,
          });
      });
  });
  const style = styleText(page.tree, page.css);
  const anchorOf = new Map([...anchors].map((id) => [printAnchor(id), id]));
  return groups.map((group, i) => {
    const nav = h(
      'nav.page-anchors',
      { ariaHidden: 'true' },
      [...needed]
        .filter((id) => owner.get(id) === i && !linkedHere[i]?.has(id))
        .map((id) => h('a', { href: `#${id}` }, id)),
    );
    return {
      name: group.name,
      opensBody: group.opensBody,
      continues: group.continues,
      firstAnchor: firstAnchorOf(group.children, anchorOf),
      estimatedPages: Math.max(
        1,
        Math.ceil(group.children.reduce((n, c) => n + textLength(c), 0) / charactersPerPage),
      ),
      html(firstPage, bodyStart, totalPages) {
        const children = container.children;
        const css = style?.value;
        const links = crossLinks[i] ?? [];
        container.children = [...group.children, nav, ...group.after];
        if (style) style.value = partCss(page.css, firstPage, bodyStart, totalPages);
        for (const { link, href } of links) link.properties.href = href;
        try {
          return withPrintFontFaces(toHtml(page.tree));
        } finally {
          container.children = children;
          if (style && css !== undefined) style.value = css;
          for (const { link, own } of links) link.properties.href = own;
        }
      },
    };
  });
}

/**
 * A document's article as runs of whole chapters of at most `limit` characters of text
 * (a chapter longer than that is a run of its own), or whole when it fits. A run after
 * the first is the article without its header and id, holding its chapters: cut before
 * each chapter that starts a page (`h1.chapter-break`: an `h1`, so that its bookmark is a
 * top-level one, as in a whole print), with the blank page before it and the text written
 * before that.
 */
function chapterPieces(
  block: { element: Element; content: ElementContent[] },
  id: string,
  limit: number,
): Piece[] {
  const article = block.element;
  const size = textLength(article);
  const whole = [{ content: block.content, name: id, continues: false, size }];
  const bodyAt = article.children.findIndex(
    (c) => c.type === 'element' && hasClass(c, 'document-body'),
  );
  const body = article.children[bodyAt];
  if (size <= limit || body?.type !== 'element') return whole;
  const cuts: number[] = [];
  body.children.forEach((node, i) => {
    if (node.type !== 'element' || node.tagName !== 'h1' || !hasClass(node, 'chapter-break'))
      return;
    let at = i;
    for (;;) {
      const previous = body.children[at - 1];
      const movable =
        previous?.type === 'text'
          ? previous.value.trim() === ''
          : previous?.type === 'element' && hasClass(previous, 'blank-page');
      if (!movable || at - 1 <= (cuts.at(-1) ?? 0)) break;
      at--;
    }
    if (at > 0) cuts.push(at);
  });
  if (cuts.length === 0) return whole;
  // The runs of chapters, each as long as fits in `limit`.
  const runs: { from: number; to: number; size: number }[] = [];
  for (const [k, from] of [0, ...cuts].entries()) {
    const to = cuts[k] ?? body.children.length;
    const length = body.children.slice(from, to).reduce((n, c) => n + textLength(c), 0);
    const last = runs.at(-1);
    if (last && last.size + length <= limit) {
      last.to = to;
      last.size += length;
    } else runs.push({ from, to, size: length });
  }
  if (runs.length === 1) return whole;
  const { id: _id, ariaLabelledBy: _label, ...shell } = article.properties;
  return runs.map((run, k) => {
    const first = k === 0;
    const last = k === runs.length - 1;
    const heading = body.children
      .slice(run.from, run.to)
      .find((c): c is Element => c.type === 'element' && c.tagName === 'h1');
    const headingId = heading?.properties.id;
    const element: Element = {
      ...article,
      properties: first ? article.properties : shell,
      children: [
        ...(first ? article.children.slice(0, bodyAt) : []),
        { ...body, children: body.children.slice(run.from, run.to) },
        ...(last ? article.children.slice(bodyAt + 1) : []),
      ],
    };
    return {
      content: first ? [...block.content.slice(0, -1), element] : [element],
      name: first ? id : `${id}#${typeof headingId === 'string' ? headingId : k + 1}`,
      continues: !first,
      size: run.size,
    };
  });
}

/** `counter(pages)` (in any style) in a stylesheet. */
const pagesCounter = /\bcounter\(\s*pages\s*([,)])/g;

/** Whether `css` prints the page total, which a part alone does not know. */
export const countsPages = (css: string): boolean => new RegExp(pagesCounter.source).test(css);

/**
 * The stylesheet of a part whose first page is page `firstPage` of an edition of
 * `totalPages` pages: from the second page on, `:first` page rules dropped (an unknown
 * page pseudo-class voids the rule) and the page counter set; on an even page, left and
 * right swapped. `counter(pages)` prints the edition's total, from a counter of Folio's
 * set on the part's first page. (A rule with a list of page selectors, such as
 * `@page :left, :first`, Chromium ignores, whole or in parts.)
 */
export function partCss(
  css: string,
  firstPage: number,
  bodyStart: number | undefined,
  totalPages?: number,
): string {
  const total = totalPages !== undefined && countsPages(css) ? totalPages : undefined;
  const own = total === undefined ? css : css.replace(pagesCounter, 'counter(folio-pages$1');
  const pagesSet = total === undefined ? '' : ` folio-pages ${total}`;
  if (firstPage <= 1) return pagesSet ? `${own}\n@page :first { counter-set:${pagesSet}; }` : css;
  const even = firstPage % 2 === 0;
  const rules = own.replace(/@page\b([^{};]*)\{/g, (_, prelude: string) => {
    const selectors = prelude
      .replace(/:first\b/g, ':folio-not-first')
      .replace(/:(left|right)\b/g, (_side, side: string) =>
        even ? (side === 'left' ? ':right' : ':left') : `:${side}`,
      );
    return `@page${selectors}{`;
  });
  // The counter each page shows is the count of the pages before it that count (the cover
  // and front matter do not), and `counter-set` applies after the page's own increment.
  const counter = bodyStart === undefined ? firstPage : Math.max(0, firstPage - bodyStart + 1);
  return `${rules}\n@page :first { counter-set: page ${counter}${pagesSet}; }`;
}

/** The element that holds the edition's parts: the parent of its hidden list of anchors. */
function parentOfNav(tree: Root): Element | undefined {
  let found: Element | undefined;
  eachElement(tree, (node) => {
    if (node.children.some((c) => c.type === 'element' && hasClass(c, 'page-anchors')))
      found = node;
    return found !== undefined;
  });
  return found;
}

/** The text node of the page's `<style>` that holds `css`. */
function styleText(tree: Root, css: string): Text | undefined {
  let found: Text | undefined;
  eachElement(tree, (node) => {
    if (node.tagName !== 'style') return false;
    found = node.children.find((c): c is Text => c.type === 'text' && c.value === css);
    return found !== undefined;
  });
  return found;
}

/** The first id in `children`, in document order, that is one of `anchors` (by its printed id). */
function firstAnchorOf(
  children: readonly ElementContent[],
  anchors: ReadonlyMap<string, string>,
): string | undefined {
  let found: string | undefined;
  for (const child of children) {
    if (child.type !== 'element') continue;
    eachElement(child, (node) => {
      const id = node.properties.id;
      found = typeof id === 'string' ? anchors.get(id) : undefined;
      return found !== undefined;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

export interface PartsJob {
  work: string;
  tagged: boolean;
  /**
   * Settles the loaded part's hyphens and footnotes before it prints; `alone` when no other
   * part prints at the same time (a measuring step may then share its work with a tab
   * alongside: the cores are its own).
   */
  beforePrint?: (page: Page, alone: boolean) => Promise<void>;
  /** The anchors whose pages are read, and of those, the ones read with their heights. */
  anchors: readonly string[];
  withTops: ReadonlySet<string>;
  /** Blank pages before the edition's first document (a front-matter blank keeps it on a right-hand page). */
  blankBeforeBody: number;
  /** A measuring pass also looks for the elements wider than the page area, in each part's columns. */
  findWide?: boolean;
  /** Told the name of each part before it prints. */
  progress?: (name: string) => void;
  /** The edition's pages in the print before (to print `counter(pages)` with). */
  totalPages?: number;
  /** The page a part is expected to start on (from the pages this pass was assembled with). */
  expectedStart?: (part: PrintPart) => number | undefined;
  /** Tabs on browsers lent for this print, to print parts at the same time (none: one by one). */
  borrowTabs?: (most: number) => Promise<LentTabs>;
  /**
   * Times each part's print (print-driver.ts), its page map and the merge (`pdf merge`);
   * parts printed at once on several browsers overlap in it.
   */
  timer?: StageTimer;
}

/** Tabs on lent browsers, given back with `release`. */
export interface LentTabs {
  tabs: PrintTab[];
  release(): Promise<void>;
}

/**
 * Prints the parts of `plan`, each in a fresh renderer, and merges them: the edition's
 * PDF and its page map, every page offset by the pages of the parts before. A tagged
 * print whose stylesheet shows `counter(pages)` is printed again with the total it
 * printed when that differs from the one it was given (a total moves no page).
 */
export async function printInParts(
  plan: PartPlan,
  tab: PrintTab,
  job: PartsJob,
): Promise<{ pdf: Uint8Array; map: PageMap }> {
  const lent =
    job.borrowTabs && plan.parts.length > 1
      ? await job.borrowTabs(plan.parts.length - 1)
      : undefined;
  try {
    const tabs = [tab, ...(lent?.tabs ?? [])];
    const printed = await printEach(plan, tabs, job, job.totalPages);
    const again =
      job.tagged && plan.countsPages && printed.map.pageCount !== job.totalPages
        ? await printEach(plan, tabs, job, printed.map.pageCount)
        : printed;
    const merge = () =>
      mergeTaggedPdfs(again.pdfs, {
        crossPartPrefix,
        continued: plan.parts.map((part) => part.continues),
      });
    // A measuring pass lays its parts out without printing them: it has no PDF to merge.
    if (!job.tagged) return { pdf: new Uint8Array(), map: again.map };
    return {
      pdf: timedSync(job.timer, 'pdf merge', merge),
      map: again.map,
    };
  } finally {
    await lent?.release();
  }
}

/** One part as printed: starting on page `firstPage`, the body on `bodyStart`. */
interface PrintedPart {
  pdf: Uint8Array;
  map: PageMap;
  firstPage: number;
  bodyStart: number | undefined;
}

/**
 * Prints every part, on as many tabs as there are at once. A part's print depends on the
 * page it starts on (its page numbers, and which of its pages are left-hand ones), which
 * the parts before decide: each part is printed on the page this pass expects it to start
 * on, and then printed again, as often as needed, wherever the parts before it ended
 * elsewhere (never for a measuring pass, which prints nothing: printedRight). Each round,
 * the parts up to the first printed again are right, so the rounds end; with the pass's
 * pages right, there is one. With one tab, the parts print one after another, each on the
 * page the ones before ended.
 */
async function printEach(
  plan: PartPlan,
  tabs: PrintTab[],
  job: PartsJob,
  totalPages: number | undefined,
): Promise<{ pdfs: Uint8Array[]; map: PageMap }> {
  const expected = tabs.length > 1 ? expectedStarts(plan, job) : undefined;
  const printed: PrintedPart[] = [];
  if (expected) {
    let todo = plan.parts.map((_, i) => i);
    let starts = expected;
    // Parts measured at once lay out their columns one at a time (print-driver.ts).
    const columns = job.tagged ? undefined : oneAtATime();
    while (todo.length > 0) {
      const bodyStarts = bodyStartsOf(plan, starts, job.blankBeforeBody);
      await onTabs(tabs, todo, async (tab, i, k) => {
        printed[i] = await printPart(plan, i, tab, job, {
          firstPage: starts[i] ?? 1,
          bodyStart: bodyStarts[i],
          totalPages,
          on: `, ${k + 1} of ${tabs.length} at once`,
          alone: todo.length === 1,
          columns,
        });
      });
      starts = startsOf(printed);
      const actualBody = bodyStartsOf(plan, starts, job.blankBeforeBody);
      todo = printed.flatMap((part, i) =>
        printedRight(part, starts[i] ?? 1, actualBody[i], job.tagged) ? [] : [i],
      );
    }
  } else {
    const [tab] = tabs;
    if (!tab) throw new Error('no tab to print the parts in');
    let firstPage = 1;
    let bodyStart: number | undefined;
    for (const [i, part] of plan.parts.entries()) {
      if (part.opensBody) bodyStart = firstPage + job.blankBeforeBody;
      const one = await printPart(plan, i, tab, job, {
        firstPage,
        bodyStart,
        totalPages,
        alone: true,
      });
      printed.push(one);
      firstPage += one.map.pageCount;
    }
  }
  // Offset by where each part really starts (a measuring pass may have laid it out on a
  // page of the same side with another number).
  const pageOf = new Map<string, number>();
  const topOf = new Map<string, number>();
  const starts = startsOf(printed);
  for (const [i, { map }] of printed.entries()) {
    const firstPage = starts[i] ?? 1;
    for (const [id, page] of map.pageOf) if (!pageOf.has(id)) pageOf.set(id, page + firstPage - 1);
    for (const [id, top] of map.topOf ?? []) if (!topOf.has(id)) topOf.set(id, top);
  }
  const pageCount = printed.reduce((n, part) => n + part.map.pageCount, 0);
  const wide = job.findWide ? { wide: printed.flatMap((part) => part.map.wide ?? []) } : {};
  return { pdfs: printed.map((part) => part.pdf), map: { pageOf, topOf, pageCount, ...wide } };
}

async function printPart(
  plan: PartPlan,
  i: number,
  tab: PrintTab,
  job: PartsJob,
  where: {
    firstPage: number;
    bodyStart: number | undefined;
    totalPages: number | undefined;
    /** Which of the parts printed at once it is, when several are. */
    on?: string;
    /** No other part prints at the same time. */
    alone: boolean;
    /** Measured at once with others: their column layouts one at a time. */
    columns?: OneAtATime;
  },
): Promise<PrintedPart> {
  const { firstPage, bodyStart, totalPages } = where;
  const part = plan.parts[i];
  if (!part) throw new Error(`no part ${i + 1} to print`);
  job.progress?.(`${part.name}${where.on ?? ''}`);
  const serialise = () => part.html(firstPage, bodyStart, totalPages);
  const settle = job.beforePrint;
  const fresh = await timed(job.timer, 'pdf new context', () => tab.forPrint());
  const print = {
    work: job.work,
    name: `part-${i + 1}.html`,
    html: timedSync(job.timer, 'pdf serialise', serialise),
    beforePrint: settle && ((page: Page) => settle(page, where.alone)),
    timer: job.timer,
    oneAtATime: where.columns,
    findWide: job.findWide,
  };
  const { pdf, map } = await printOrMeasure(fresh, print, job.tagged, job.anchors, job.withTops);
  tab.printed(map.pageCount);
  return { pdf, map, firstPage, bodyStart };
}

/**
 * The pages the parts are expected to start on: from the pass's page map, or, where it
 * has none for some part (a cold build's first pass), from the parts' text (a measuring
 * pass needs them for its page numbers only, which it does not print).
 */
function expectedStarts(plan: PartPlan, job: PartsJob): number[] {
  const starts = plan.parts.map((part, i) => (i === 0 ? 1 : job.expectedStart?.(part)));
  if (starts.every((start): start is number => start !== undefined && start >= 1)) return starts;
  let next = 1;
  return plan.parts.map((part) => {
    const start = next;
    next += part.estimatedPages;
    return start;
  });
}

/** Where each printed part really starts: after the pages of the parts before it. */
function startsOf(printed: readonly PrintedPart[]): number[] {
  let next = 1;
  return printed.map((part) => {
    const start = next;
    next += part.map.pageCount;
    return start;
  });
}

/** The body's first page as each part prints it (unknown before the part that opens it). */
function bodyStartsOf(
  plan: PartPlan,
  starts: readonly number[],
  blankBeforeBody: number,
): Array<number | undefined> {
  let bodyStart: number | undefined;
  return starts.map((start, i) => {
    if (plan.parts[i]?.opensBody) bodyStart = start + blankBeforeBody;
    return bodyStart;
  });
}

/**
 * Whether a part printed on the pages it really has. A measuring pass's are always right:
 * its columns are one page area wide whichever side a part opens on (page-columns.ts), and
 * its page map is offset by where each part really starts.
 */
function printedRight(
  part: PrintedPart,
  firstPage: number,
  bodyStart: number | undefined,
  tagged: boolean,
): boolean {
  return !tagged || (part.firstPage === firstPage && part.bodyStart === bodyStart);
}

/** Runs `print` for each index of `todo`, each tab (the `k`th) printing one at a time. */
async function onTabs(
  tabs: readonly PrintTab[],
  todo: readonly number[],
  print: (tab: PrintTab, i: number, k: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (tab: PrintTab, k: number) => {
    while (next < todo.length) {
      const i = todo[next++];
      if (i !== undefined) await print(tab, i, k);
    }
  };
  await Promise.all(tabs.slice(0, todo.length).map(worker));
}
