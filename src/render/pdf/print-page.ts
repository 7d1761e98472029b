/**
 * The print HTML of one pass of the page-number loop: the assembled edition with page
 * locators, the bundled fonts, print.css and the edition's own page rules, a blank page
 * before every part or chapter that would otherwise start on a left-hand page, and a hidden list of
 * links to every anchor whose page Folio needs (Chromium writes a named destination only
 * for an id some link points to).
 */
import { readFileSync } from 'node:fs';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { EditionParts } from '../../assemble/edition.ts';
import { linkNoteAttribute, showsItsAddress } from '../../assemble/link-notes.ts';
import type { EditionConfig } from '../../config/schema.ts';
import { hasClass } from '../../model/hast-classes.ts';
import { eachElement } from '../../model/hast-walk.ts';
import { blankPageId } from '../../model/ids.ts';
import { breakableUrl } from '../../model/url-breaks.ts';
import { decodedOrAsWritten } from '../../model/url-escapes.ts';
import { cssString } from '../../trust/css-string.ts';
import { fontFacesMarker } from '../font-selection.ts';
import { chosenFacesCss, withPrintFontFaces } from '../fonts.ts';
import { editionPage } from '../html.ts';
import { addedStylesheetsCss, stylesheetPath, stylesheetWithAbsoluteUrls } from '../stylesheets.ts';
import type { HyphenSettler } from './hyphenation.ts';
import { linkedTargets, measuredAnchors } from './measured-anchors.ts';
import { pageGeometryCss } from './page-geometry-css.ts';
import { printAnchor } from './page-map.ts';
import { editionGeometry, mm } from './paper-sizes.ts';

export interface PrintPageOptions {
  projectRoot: string;
  /** Parts before which a blank page keeps them on a right-hand page. */
  blankBefore: ReadonlySet<string>;
  /** Hyphenates the running text, settling across the passes of one edition. */
  hyphens?: HyphenSettler;
}

/** The id of the blank page that keeps a part on a right-hand page. */

export function printHtml(parts: EditionParts, options: PrintPageOptions): string {
  return withPrintFontFaces(toHtml(printPage(parts, options).tree));
}

/** The print page as a tree of its own (changed by nothing else), and its stylesheet's text. */
export interface PrintPage {
  tree: Root;
  css: string;
}

export function printPage(parts: EditionParts, options: PrintPageOptions): PrintPage {
  const css = [
    fontFacesMarker,
    read('base.css', options.projectRoot),
    read('math.css', options.projectRoot),
    read('code.css', options.projectRoot),
    read('print.css', options.projectRoot),
    ...(parts.edition.annotated ? [read('annotations.css', options.projectRoot)] : []),
    editionCss(parts.edition),
    addedStylesheetsCss(parts.edition, 'pdf', options.projectRoot),
  ].join('\n');
  const blank = (where: 'in-front' | 'in-body', id?: string) =>
    h('div.blank-page', { className: [where], ariaHidden: 'true', ...(id ? { id } : {}) });
  const firstDocument = parts.documents[0]?.record.id;
  const withBlanks: EditionParts = {
    ...parts,
    documents: parts.documents.map((document) => {
      const chapterBlanks = document.chapters.filter((c) => options.blankBefore.has(c.anchor));
      const article =
        chapterBlanks.length > 0
          ? withChapterBlanks(document.article, new Set(chapterBlanks.map((c) => c.anchor)), blank)
          : document.article;
      return {
        ...document,
        article: options.blankBefore.has(document.record.id)
          ? {
              ...article,
              children: [
                blank(
                  document.record.id === firstDocument ? 'in-front' : 'in-body',
                  blankPageId(document.record.id),
                ),
                ...article.children,
              ],
            }
          : article,
      };
    }),
  };
  // A cover's back stays blank in a duplex print.
  const coverBack: ElementContent[] = parts.cover ? [blank('in-front')] : [];
  const blankIds = [...options.blankBefore].map(blankPageId);
  // Chromium writes a destination only for linked ids: link, invisibly, those no visible link reaches.
  const linked = linkedTargets(parts);
  const anchors = h(
    'nav.page-anchors',
    { ariaHidden: 'true' },
    [...measuredAnchors(parts), ...blankIds]
      .filter((id) => !linked.has(id))
      .map((id) => h('a', { href: `#${id}` }, id)),
  );
  const tree = editionPage(
    {
      ...withBlanks,
      cover: parts.cover ? h('div.cover-wrap', [parts.cover, ...coverBack]) : undefined,
    },
    {
      projectRoot: options.projectRoot,
      css,
      images: 'file-url',
      extra: [anchors],
      bodyClass: [
        'print',
        `paper-${editionGeometry(parts.edition).name}`,
        ...(parts.edition.annotated ? ['annotated'] : []),
      ],
    },
  );
  // The tree shares nodes with the assembled parts, which later passes use again and
  // which are measured by their ids after this print: probes, link addresses and hyphens
  // go on a copy.
  const own = structuredClone(tree);
  eachElement(own, anchorProbe);
  // With `footnote`, the links no note could take (in headings, captions, notes) print theirs after them.
  if (parts.edition.printLinks !== 'none') visit(own, 'element', linkAddress);
  options.hyphens?.prepare(own, parts.language, css);
  eachElement(own, shortenAnchor);
  return { tree: own, css };
}

/** An id whose destination name would be too long, and the links to it, take its short stand-in. */
function shortenAnchor(node: Element): void {
  const { id, href } = node.properties;
  if (typeof id === 'string') node.properties.id = printAnchor(id);
  if (typeof href === 'string' && href.startsWith('#'))
    node.properties.href = `#${printAnchor(decodedOrAsWritten(href.slice(1)))}`;
}

/** A copy of `article` with a blank page before each chapter heading in `anchors`. */
function withChapterBlanks(
  article: Element,
  anchors: ReadonlySet<string>,
  blank: (where: 'in-body', id: string) => Element,
): Element {
  const copy = structuredClone(article);
  visit(copy, 'element', (node, index, parent) => {
    const id = node.properties.id;
    if (typeof id !== 'string' || !anchors.has(id) || !parent || index === undefined) return;
    parent.children.splice(index, 0, blank('in-body', blankPageId(id)));
    return index + 2;
  });
  return copy;
}

/**
 * Prints an external link's address after it ("text <https://…>"), so that a printed
 * reference list can be followed; not when the link's text already is its address, nor
 * when a note holds it (`printLinks: footnote`, assemble/link-notes.ts).
 * Hidden from assistive technology, which has the link itself.
 */
function linkAddress(node: Element, index?: number, parent?: Root | Element): number | undefined {
  const href = node.properties.href;
  if (node.tagName !== 'a' || typeof href !== 'string' || !/^https?:\/\//i.test(href)) return;
  if (!parent || index === undefined) return;
  if (node.properties[linkNoteAttribute] !== undefined) return;
  if (showsItsAddress(node, href)) {
    // The address is the link's text: it breaks where an address may.
    const [only] = node.children;
    if (node.children.length === 1 && only?.type === 'text')
      node.children = breakableUrl(only.value);
    return;
  }
  parent.children.splice(
    index + 1,
    0,
    h('span.link-address', { ariaHidden: 'true' }, [
      ' ',
      h('code', ['<', ...breakableUrl(href), '>']),
    ]),
  );
  return index + 2;
}

const inline = new Set(['a', 'abbr', 'em', 'span', 'strong', 'dfn', 'cite', 'mark']);

/**
 * Chromium records the destination of an inline element where its line was first laid
 * out; when widows or orphans then move that line to the next page, the destination stays
 * on the page before. A zero-width inline-block is placed with its line, so the id moves
 * onto one at the start of the element, glued to the first word so that a line break
 * cannot separate them (an inline-block is a break opportunity on both sides).
 */
function anchorProbe(node: Element): void {
  const id = node.properties.id;
  if (typeof id !== 'string' || !inline.has(node.tagName) || hasClass(node, 'anchor-probe')) return;
  delete node.properties.id;
  glue(node, h('span.anchor-probe', { id }));
}

/**
 * Puts the probe before the first word of `node`. A marked passage or a side note (and
 * what they hold) is entered down to its first word rather than glued whole: it may be long.
 */
function glue(node: Element, probe: Element, enter = isAnnotation(node)): void {
  const [first, ...rest] = node.children;
  if (first?.type === 'text') {
    const [, word = '', tail = ''] = /^(\S*)([\s\S]*)$/.exec(first.value) ?? [];
    node.children = [
      h('span.anchor-glue', [probe, word]),
      ...(tail ? [{ type: 'text' as const, value: tail }] : []),
      ...rest,
    ];
  } else if (first?.type === 'element' && (enter || first.tagName === 'mark')) {
    glue(first, probe, true);
  } else if (first) {
    node.children = [h('span.anchor-glue', [probe, first]), ...rest];
  } else {
    node.children = [probe];
  }
}

function isAnnotation(node: Element): boolean {
  return node.tagName === 'mark' || hasClass(node, 'side-note');
}

function read(name: string, projectRoot: string): string {
  const file = stylesheetPath(name, projectRoot);
  return stylesheetWithAbsoluteUrls(file, readFileSync(file, 'utf8'));
}

/** Page rules that depend on the edition: paper and look, the handling marking on every page. */
export function editionCss(edition: EditionConfig): string {
  const marking = edition.cover?.marking;
  const quoted = marking ? cssString(marking) : undefined;
  const look = `font-family: 'Source Sans 3', sans-serif; font-weight: 700; font-size: 8pt; color: #7a2e1c;`;
  // The running heads stand a little above the middle of the top margin (running-heads.ts)
  // and may be as wide as the text block: the marking takes the line above them.
  const above = mm(editionGeometry(edition).margins.top * 0.25);
  return [
    pageGeometryCss(edition),
    chosenFacesCss(edition.faces),
    ...(quoted
      ? [
          `@page { @top-center { content: ${quoted}; ${look} vertical-align: top; padding-top: ${above}; } }`,
          `@page { @bottom-center { content: ${quoted}; ${look} } }`,
        ]
      : []),
  ]
    .filter(Boolean)
    .join('\n');
}
