/**
 * `printLinks`: an external link's address in print, built once in three editions of one
 * document (`footnote`, `after`, `none`) and read back page by page (pdftotext, pdf.js
 * link annotations, the tags). With `footnote`, each address is a note at the foot of its
 * link's page, numbered with the author's notes, a live link; the HTML and the EPUB keep
 * links as links.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString as hastText } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderers } from '../../src/render/renderers.ts';
import { openEpub } from '../epub/epub-helpers.ts';
import { words } from '../footnotes/footnote-book.ts';
import { buildInTemp, frontMatter, makeProject } from '../helpers/build.ts';
import { pagesText, pageUris } from '../helpers/pdf.ts';
import { structTree } from '../helpers/pdf-structure.ts';

const vocabulary =
  'policy network order states rules trust security dialogue cooperation governance development openness infrastructure capacity exchange principle'.split(
    ' ',
  );
const filler = (seed: number) => `${words(vocabulary, 190, seed)}.`;

/** The links that get a note: the word that stands in the link, and the address. */
const noted = Array.from({ length: 6 }, (_, i) => ({
  key: `Lk${String.fromCharCode(97 + i)}word`,
  href: `https://example.org/section-${i + 1}/resource.html`,
}));
const longHref =
  'https://example.org/standards/reference/a-very-long-path/with/many/segments/that-cannot/fit/on/one/line/of/a/note/index.html?topic=links&page=footnotes';

function manuscript(): string {
  const blocks: string[] = [];
  noted.forEach((link, i) => {
    blocks.push(filler(i * 3 + 1), filler(i * 3 + 2));
    if (i === 0)
      blocks.push(
        `An author’s note comes first Ankone[^a], then a [${link.key}](${link.href}) link, then again the same [${link.key}again](${link.href}).`,
      );
    else blocks.push(`${words(vocabulary, 30, i)} a [${link.key}](${link.href}) link.`);
    if (i === 1)
      blocks.push(`A long address: [Lklongword](${longHref}), and a second note Anktwo[^b].`);
    if (i === 2)
      blocks.push(
        'Shown already: <https://owasp.org/Top10/>, [owasp.org](https://owasp.org), [editors@example.org](mailto:editors@example.org); but [Lkmailword](mailto:letters@example.org) has a note.',
      );
    if (i === 3) blocks.push('## Headed [Lkheadword](https://example.org/heading-link)');
    if (i === 4)
      blocks.push(
        '- [Lkrefone](https://example.org/references/one)\n- [Lkreftwo](https://example.org/references/two)',
      );
  });
  blocks.push('[^a]: Nkone the author’s first note.', '[^b]: Nktwo the author’s second note.');
  return blocks.join('\n\n');
}

const config = `title: Links
documents:
  - { id: doc, files: [doc.md] }
editions:
  - { id: foot, documents: [doc], formats: [pdf, html, epub], printLinks: footnote }
  - { id: after, documents: [doc], formats: [pdf] }
  - { id: none, documents: [doc], formats: [pdf], printLinks: none }
`;

let outDir = '';
const pdfOf = (edition: string) => path.join(outDir, edition, `${edition}.pdf`);
/** Each edition's pages as pdftotext reads them. */
const pages: Record<string, string[]> = {};
/** The addresses of each page's URI links, in the footnote edition. */
let uris: string[][] = [];

beforeAll(async () => {
  const dir = makeProject({
    'folio.config.yaml': config,
    'doc.md': `${frontMatter()}${manuscript()}\n`,
  });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), renderers);
  expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([]);
  expect(result.written).toBe(true);
  outDir = result.outDir;
  for (const edition of ['foot', 'after', 'none']) pages[edition] = pagesText(pdfOf(edition));
  uris = await pageUris(new Uint8Array(readFileSync(pdfOf('foot'))));
}, 300_000);

/** The physical pages (1-based) of an edition whose text holds `text`. */
const pagesWith = (edition: string, text: string) =>
  (pages[edition] ?? []).flatMap((t, i) => (t.includes(text) ? [i + 1] : []));

describe('printLinks: footnote', () => {
  it('prints each address at the foot of its link’s page, as a live link', () => {
    const linkPages = noted.map((link) => pagesWith('foot', link.key));
    for (const [i, link] of noted.entries()) {
      const [page, ...others] = linkPages[i] ?? [];
      expect(page, link.key).toBeDefined();
      if (i > 0) expect(others, link.key).toEqual([]);
      const text = pages.foot?.[(page ?? 0) - 1] ?? '';
      // pdftotext reads top to bottom: the note's address comes after the link's word.
      expect(text.indexOf(link.href), link.href).toBeGreaterThan(text.indexOf(link.key));
      expect(pagesWith('foot', link.href), link.href).toEqual([page]);
      // The link in the text and the one in the note.
      expect(
        uris[(page ?? 0) - 1]?.filter((u) => u === link.href).length,
        link.href,
      ).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(linkPages.map((p) => p[0])).size).toBeGreaterThanOrEqual(4);
  });

  it('numbers link notes with the author’s notes, in reading order', () => {
    const first = pages.foot?.[(pagesWith('foot', 'Ankone')[0] ?? 0) - 1] ?? '';
    // Author's note 1, then the link (2, its repeat in the paragraph sharing the note).
    expect(first).toMatch(/1\.\s+Nkone/);
    expect(first).toMatch(new RegExp(`2\\.\\s+${noted[0]?.href.replace(/[./]/g, '\\$&')}`));
    expect(first).not.toMatch(/\b3\.\s+https:\/\/example\.org\/section-1\//);
    // In their numbers' order at the foot.
    expect(first.search(/1\.\s+Nkone/)).toBeLessThan(first.search(/2\.\s+https:/));
    // Then section 2's link (3), the long address (4) and the author's second note (5).
    const second = pages.foot?.[(pagesWith('foot', 'Anktwo')[0] ?? 0) - 1] ?? '';
    expect(second).toMatch(/5\.\s+Nktwo/);
    expect(second).toMatch(/4\.\s+https:\/\/example\.org\/standards/);
    expect(second.search(/4\.\s+https:/)).toBeLessThan(second.search(/5\.\s+Nktwo/));
  });

  it('wraps a long address inside its note', () => {
    const [page] = pagesWith('foot', 'Lklongword');
    const text = pages.foot?.[(page ?? 0) - 1] ?? '';
    const start = text.indexOf('https://example.org/standards');
    expect(start).toBeGreaterThan(-1);
    // Broken over lines, but all there, and a live link.
    const lines = text.slice(start).split('\n');
    expect(lines[0]?.length).toBeLessThan(longHref.length);
    expect(text.slice(start).replace(/\s+/g, '')).toContain(longHref);
    expect(uris[(page ?? 0) - 1]).toContain(longHref);
  });

  it('gives no note to a link whose text is its address; a mailto: shows its address', () => {
    const [page] = pagesWith('foot', 'Lkmailword');
    const text = pages.foot?.[(page ?? 0) - 1] ?? '';
    expect(text).toMatch(/\d\.\s+letters@example\.org/);
    expect(text).not.toMatch(/\d\.\s+(https:\/\/)?owasp\.org/);
    expect(text).not.toMatch(/\d\.\s+editors@example\.org/);
    expect(text).not.toContain('<https://owasp.org');
  });

  it('prints a heading link’s address after it (a heading takes no note)', () => {
    expect(pages.foot?.join('\n')).toContain('<https://example.org/heading-link>');
  });

  it('prints a reference list’s addresses after its entries (items that are a link only)', () => {
    const all = pages.foot?.join('\n').replace(/\s+/g, '') ?? '';
    expect(all).toContain('Lkrefone<https://example.org/references/one>');
    expect(all).toContain('Lkreftwo<https://example.org/references/two>');
    expect(all).not.toMatch(/\d\.https:\/\/example\.org\/references/);
  });

  it('tags the notes: their addresses reach the structure tree', () => {
    const tree = structTree(pdfOf('foot'));
    for (const link of noted) expect(tree.root.text).toContain(link.href);
    expect(tree.root.text).toContain('letters@example.org');
  });

  it('keeps links as links in the HTML and the EPUB: no link notes, the author’s numbers', async () => {
    const html = fromHtml(readFileSync(path.join(outDir, 'foot', 'foot.html'), 'utf8'));
    expect(selectAll('.link-note, .link-address', html)).toEqual([]);
    expect(selectAll('sup.footnote-ref a', html).map((a) => hastText(a))).toEqual(['1', '2']);
    const epub = await openEpub(
      new Uint8Array(readFileSync(path.join(outDir, 'foot', 'foot.epub'))),
    );
    for (const file of epub.xhtmlFiles())
      expect(await epub.text(`OEBPS/${file}`)).not.toMatch(/link-note|link-address/);
  });
});

describe('printLinks: after and none', () => {
  it('after: prints the address after its link, with no note', () => {
    for (const link of noted) {
      const [page] = pagesWith('after', link.key);
      // A long address breaks over lines: compare without the breaks.
      expect(pages.after?.[(page ?? 0) - 1]?.replace(/\s+/g, ''), link.href).toContain(
        `<${link.href}>`,
      );
    }
    expect(pages.after?.join('\n')).not.toMatch(/\d\.\s+https:\/\/example\.org/);
    expect(pages.after?.join('\n')).toMatch(/2\.\s+Nktwo/);
  });

  it('none: prints no address', () => {
    const all = pages.none?.join('\n') ?? '';
    for (const link of noted) expect(all).not.toContain(link.href);
    expect(all).not.toContain('letters@example.org');
    expect(all).toMatch(/2\.\s+Nktwo/);
  });
});
