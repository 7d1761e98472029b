/**
 * Part-wise printing of a large edition: the print page (print-page.ts) cut into parts —
 * the front matter, groups of whole documents, the back matter — each printed in a fresh
 * renderer, so that no renderer holds the layout of the whole book; the page map is read
 * part by part and offset by the pages before, and the tagged parts are merged into one
 * PDF (merge-tagged.ts). A part paginates as it does in the whole print: every part
 * starts on a page of its own (documents, the glossary and the index break before them),
 * a part that starts on an even page of the edition has its left- and right-hand page
 * rules swapped (Chromium makes a print's first page a right-hand one), `@page :first`
 * rules apply to the edition's first page only, and the page counter is set on a part's
 * first page to the number it has in the edition. A link to an anchor in another part
 * is printed as a URI under `crossPartPrefix`, which the merge turns back into a link to
 * the anchor's named destination.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { EditionParts } from '../../assemble/edition.ts';
import { hasClass } from '../../model/hast-classes.ts';
import { mergeTaggedPdfs } from './merge-tagged.ts';
import { destinationName, type PageMap, printAnchor, readPageMap } from './page-map.ts';
import { printPdf } from './print-driver.ts';
import { type PrintPage, withPageFontFaces } from './print-page.ts';
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

export interface PrintPart {
  /** What it holds, for messages: `front matter`, document ids, `back matter`. */
  name: string;
  /** The part the edition's body (page 1) begins in: its first document is the edition's first. */
  opensBody: boolean;
  /**
   * The part's print HTML when its first page is page `firstPage` of the edition and the
   * body begins on page `bodyStart` (unknown for the front matter).
   */
  html(firstPage: number, bodyStart: number | undefined): string;
}

export interface PartPlan {
  parts: PrintPart[];
}

/** About how many pages the print page fills, from its text (before anything was printed). */
export function estimatedPages(page: PrintPage): number {
  return Math.ceil(textLength(page.tree) / charactersPerPage);
}

/**
 * Cuts `page` into parts: documents in groups of about `pages` pages (0: each document
 * alone). `anchors` are the ids a page number is read for (each part links those it
 * holds, invisibly, so Chromium writes their destinations). Undefined when the page is
 * not laid out as an edition (print-page.ts).
 */
export function planParts(
  page: PrintPage,
  parts: EditionParts,
  anchors: Iterable<string>,
  pages = pagesPerPart,
): PartPlan | undefined {
  const container = parentOfNav(page.tree);
  if (!container) return undefined;
  // The parts of the edition, each with the text (white space) written before it, which
  // Chromium tags with the block after it.
  const units: Element[] = [];
  const before = new Map<Element, ElementContent[]>();
  let text: ElementContent[] = [];
  for (const child of container.children) {
    if (child.type !== 'element') {
      if (child.type === 'text') text.push(child);
      continue;
    }
    if (hasClass(child, 'page-anchors')) continue;
    units.push(child);
    before.set(child, text);
    text = [];
  }
  const front = (parts.cover ? 1 : 0) + 1 + (parts.objectLists?.length ?? 0);
  const back = (parts.glossary ? 1 : 0) + (parts.index ? 1 : 0);
  if (units.length !== front + parts.documents.length + back || parts.documents.length === 0)
    return undefined;

  const groups: { name: string; elements: Element[]; opensBody: boolean }[] = [
    { name: 'front matter', elements: units.slice(0, front), opensBody: false },
  ];
  const limit = pages * charactersPerPage;
  let size = 0;
  units.slice(front, front + parts.documents.length).forEach((article, i) => {
    const length = textLength(article);
    const last = groups.at(-1);
    if (i > 0 && last && size + length <= limit) {
      last.elements.push(article);
      last.name += `, ${parts.documents[i]?.record.id}`;
      size += length;
      return;
    }
    groups.push({
      name: parts.documents[i]?.record.id ?? 'document',
      elements: [article],
      opensBody: i === 0,
    });
    size = length;
  });
  const backMatter = units.slice(front + parts.documents.length);
  if (backMatter.length > 0)
    groups.push({ name: 'back matter', elements: backMatter, opensBody: false });

  // Which part holds each id; links to another part's ids become cross-part URIs.
  const owner = new Map<string, number>();
  groups.forEach((group, i) => {
    for (const element of group.elements)
      visit(element, 'element', (node) => {
        const id = node.properties.id;
        if (typeof id === 'string') owner.set(id, i);
      });
  });
  const needed = new Set([...anchors].map(printAnchor));
  const linkedHere = groups.map(() => new Set<string>());
  // The tree stays the whole edition's: a part's links change while it is written out.
  const crossLinks = groups.map(() => [] as { link: Element; href: string; own: string }[]);
  groups.forEach((group, i) => {
    for (const element of group.elements)
      visit(element, 'element', (node) => {
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
  return {
    parts: groups.map((group, i) => {
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
        html(firstPage, bodyStart) {
          const children = container.children;
          const css = style?.value;
          const links = crossLinks[i] ?? [];
          container.children = [
            ...group.elements.flatMap((element) => [...(before.get(element) ?? []), element]),
            nav,
          ];
          if (style) style.value = partCss(page.css, firstPage, bodyStart);
          for (const { link, href } of links) link.properties.href = href;
          try {
            return withPageFontFaces(toHtml(page.tree));
          } finally {
            container.children = children;
            if (style && css !== undefined) style.value = css;
            for (const { link, own } of links) link.properties.href = own;
          }
        },
      };
    }),
  };
}

/**
 * The stylesheet of a part whose first page is page `firstPage` of the edition: from the
 * second page on, `:first` page rules dropped (an unknown page pseudo-class voids the
 * rule) and the page counter set; on an even page, left and right swapped.
 */
export function partCss(css: string, firstPage: number, bodyStart: number | undefined): string {
  if (firstPage <= 1) return css;
  const even = firstPage % 2 === 0;
  const rules = css.replace(/@page\b([^{};]*)\{/g, (_, prelude: string) => {
    const own = prelude
      .replace(/:first\b/g, ':folio-not-first')
      .replace(/:(left|right)\b/g, (_side, side: string) =>
        even ? (side === 'left' ? ':right' : ':left') : `:${side}`,
      );
    return `@page${own}{`;
  });
  // The counter each page shows is the count of the pages before it that count (the cover
  // and front matter do not), and `counter-set` applies after the page's own increment.
  const counter = bodyStart === undefined ? firstPage : Math.max(0, firstPage - bodyStart + 1);
  return `${rules}\n@page :first { counter-set: page ${counter}; }`;
}

/** The element that holds the edition's parts: the parent of its hidden list of anchors. */
function parentOfNav(tree: Root): Element | undefined {
  let found: Element | undefined;
  visit(tree, 'element', (node, _index, parent) => {
    if (found || !hasClass(node, 'page-anchors') || parent?.type !== 'element') return;
    found = parent;
  });
  return found;
}

/** The text node of the page's `<style>` that holds `css`. */
function styleText(tree: Root, css: string): Text | undefined {
  let found: Text | undefined;
  visit(tree, 'element', (node) => {
    if (found || node.tagName !== 'style') return;
    const text = node.children.find((c): c is Text => c.type === 'text' && c.value === css);
    if (text) found = text;
  });
  return found;
}

function textLength(node: ElementContent | Root): number {
  let length = 0;
  visit(node, 'text', (text) => {
    length += text.value.length;
  });
  return length;
}

export interface PartsJob {
  work: string;
  tagged: boolean;
  /** Settles the loaded part's hyphens and footnotes before it prints. */
  beforePrint?: () => Promise<void>;
  /** The anchors whose pages are read, and of those, the ones read with their heights. */
  anchors: readonly string[];
  withTops: ReadonlySet<string>;
  /** Blank pages before the edition's first document (a front-matter blank keeps it on a right-hand page). */
  blankBeforeBody: number;
  /** Told the name of each part before it prints. */
  progress?: (name: string) => void;
}

/**
 * Prints the parts of `plan` one after another, each in a fresh renderer, and merges them:
 * the edition's PDF and its page map, every page offset by the pages of the parts before.
 */
export async function printInParts(
  plan: PartPlan,
  tab: PrintTab,
  job: PartsJob,
): Promise<{ pdf: Uint8Array; map: PageMap }> {
  const pdfs: Uint8Array[] = [];
  const pageOf = new Map<string, number>();
  const topOf = new Map<string, number>();
  let firstPage = 1;
  let bodyStart: number | undefined;
  for (const [i, part] of plan.parts.entries()) {
    job.progress?.(part.name);
    if (part.opensBody) bodyStart = firstPage + job.blankBeforeBody;
    const pdf = await printPdf(await tab.renew(), {
      work: job.work,
      name: `part-${i + 1}.html`,
      html: part.html(firstPage, bodyStart),
      tagged: job.tagged,
      measureOnly: !job.tagged,
      beforePrint: job.beforePrint,
    });
    const map = await readPageMap(pdf, job.anchors, job.withTops);
    for (const [id, page] of map.pageOf) if (!pageOf.has(id)) pageOf.set(id, page + firstPage - 1);
    for (const [id, top] of map.topOf ?? []) if (!topOf.has(id)) topOf.set(id, top);
    firstPage += map.pageCount;
    pdfs.push(pdf);
  }
  return {
    pdf: mergeTaggedPdfs(pdfs, { crossPartPrefix }),
    map: { pageOf, topOf, pageCount: firstPage - 1 },
  };
}
