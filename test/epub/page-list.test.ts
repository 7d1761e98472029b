/**
 * Print page breaks in the EPUB: given the print edition's pagination (the PDF renderer's
 * product), each page on which a block starts gets a `pagebreak`
 * marker right before that block (the pages before the first block, the cover's, at the
 * start of the cover page), the page-list nav lists them in order, the package
 * names its print source, and the book stays valid for EPUBCheck and Ace.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'xast';
import type { Pagination } from '../../src/render/pagination.ts';
import {
  elements,
  navHrefs,
  type OpenedEpub,
  openEpub,
  renderEpub,
  repoConfig,
  runAce,
  runEpubcheck,
} from './epub-helpers.ts';

const pagination: Pagination = {
  labels: ['i', 'ii', '1', '2', '3', '4', '5', '6', '7', '8'],
  bodyStart: 3,
  pageOf: new Map([
    ['contents', 2],
    ['cae-2016', 3],
    ['cae-2016--b-1', 3],
    ['cae-2016--b-2', 3],
    ['cae-2016--introduction', 4],
    ['cae-2016--b-4', 4],
    // Page 5 holds only the rest of b-4: no block starts there; it is marked before the
    // words it opens with (`openings`), here the rest of a word hyphenated on page 4.
    ['cae-2016--objectives-principles', 6],
    // A page going backwards (never from a real print) must not break the order.
    ['cae-2016--strategic-objectives', 5],
    ['glossary', 8],
    ['index', 10],
  ]),
  // Page 7 (label 5) opens with words the EPUB does not have: it is marked before the
  // next page's marker, so that the page-list still lists every page, in order.
  openings: new Map([
    [5, 'veloped their national cyberspace se- curity strategy [1,2], and the US'],
    [7, 'words that are nowhere in the book'],
  ]),
};

/** The marker in the text of a paragraph, between the words before and after it. */
const inText = {
  label: '3',
  file: 'cae-2016.xhtml',
  after: 'countries around the world had de',
  before: 'veloped their national cyberspace security strategy',
};

const expected: Array<{ label: string; file: string; before?: string }> = [
  // Page 1, before the first measured block, is the cover: marked on the EPUB's cover page.
  { label: 'i', file: 'cover.xhtml' },
  { label: 'ii', file: 'toc.xhtml', before: 'contents' },
  { label: '1', file: 'cae-2016.xhtml', before: 'cae-2016' },
  { label: '2', file: 'cae-2016.xhtml', before: 'cae-2016--introduction' },
  { label: '4', file: 'cae-2016.xhtml', before: 'cae-2016--objectives-principles' },
  { label: '5', file: 'glossary.xhtml', before: 'page-6' },
  { label: '6', file: 'glossary.xhtml', before: 'glossary' },
  // Page 9 (label 7) has no opening either: marked before page 10's.
  { label: '7', file: 'index.xhtml', before: 'page-8' },
  { label: '8', file: 'index.xhtml', before: 'index' },
];

/** Every entry of the page-list, in order: those before blocks and the one in the text. */
const listed = [...expected.slice(0, 4), inText, ...expected.slice(4)];

let bytes: Uint8Array;
let epub: OpenedEpub;

beforeAll(async () => {
  bytes = await renderEpub(repoConfig, 'cae-2016', pagination);
  epub = await openEpub(bytes);
});

/** The element after `element` among its parent's children, text skipped. */
function nextElement(tree: Element, element: Element): Element | undefined {
  const parent = elements(tree, (e) => e.children.includes(element))[0];
  const siblings = parent?.children ?? [];
  return siblings
    .slice(siblings.indexOf(element) + 1)
    .find((n): n is Element => n.type === 'element');
}

describe('the page-list of an EPUB whose print edition was paginated', () => {
  it('lists every printed page, in order', async () => {
    const pages = (await navHrefs(epub, 'page-list')).map((a) => ({
      href: String(a.attributes.href),
      text: a.children.map((c) => (c.type === 'text' ? c.value : '')).join(''),
    }));
    expect(pages).toEqual(
      listed.map((page) => ({ href: `${page.file}#page-${page.label}`, text: page.label })),
    );
  });

  it('marks a page that opens inside a paragraph before the words it opens with', async () => {
    const xhtml = await epub.text(`OEBPS/${inText.file}`);
    const at = xhtml.indexOf(`id="page-${inText.label}"`);
    expect(at).toBeGreaterThan(0);
    const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    const start = xhtml.lastIndexOf('<span', at);
    expect(plain(xhtml.slice(0, start)).endsWith(inText.after)).toBe(true);
    expect(plain(xhtml.slice(at).replace(/^[^>]*>/, '')).startsWith(inText.before)).toBe(true);
  });

  it('puts each pagebreak marker right before the block the pagination puts on that page', async () => {
    for (const page of expected) {
      const tree = await epub.xml(`OEBPS/${page.file}`);
      const root = elements(tree, (e) => e.name === 'html')[0];
      const marker = elements(tree, (e) => e.attributes.id === `page-${page.label}`)[0];
      if (!root || !marker) throw new Error(`no marker for page ${page.label}`);
      expect(marker.attributes).toEqual({
        id: `page-${page.label}`,
        'epub:type': 'pagebreak',
        role: 'doc-pagebreak',
        'aria-label': page.label,
      });
      expect(marker.children).toEqual([]);
      if (page.before) expect(nextElement(root, marker)?.attributes.id).toBe(page.before);
      else expect(nextElement(root, marker)?.attributes.class).toBe('cover-image');
    }
  });

  it('names the print edition as the source of the pagination', async () => {
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toMatch(/<dc:source id="print-source">[^<]+<\/dc:source>/);
    expect(opf).toContain('<meta refines="#print-source" property="source-of">pagination</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">printPageNumbers</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageNavigation</meta>');
  });

  it('passes EPUBCheck with no fatal error, error or warning', () => {
    const report = runEpubcheck(bytes, 'paginated.epub');
    expect(report.messages).toEqual([]);
    expect([report.fatals, report.errors, report.warnings]).toEqual([0, 0, 0]);
  }, 60_000);

  it('passes Ace by DAISY with no violation', () => {
    const report = runAce(bytes, 'paginated.epub');
    expect(report.violations).toEqual([]);
    expect(report.exitCode).toBe(0);
  }, 120_000);
});
