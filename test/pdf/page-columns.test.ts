/**
 * The column layout measures what the print reads (page-columns.ts): a page laid out in
 * columns of its page area tells every linked anchor the page, and the footnote anchors
 * the top, that an untagged print of the same page puts them on, read back from its named
 * destinations. Checked on a page built to break in every way Folio's books do (forced
 * breaks, a cover without margins, blank pages, headings kept with what follows, orphans
 * and widows, a table whose header repeats, figures kept whole, floats, a note reaching
 * into the margin) on two paper sizes; the print-parts test checks Folio's own print
 * pages (footnotes, figures, equations, glossary, index) the same way.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnsAgainstPrint } from '../helpers/page-columns.ts';
import { fileBrowser } from '../helpers/test-browser.ts';

const work = mkdtempSync(path.join(tmpdir(), 'folio-page-columns-'));

const words = (n: number, seed: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      ['measure', 'the', 'page', 'of', 'a', 'printed', 'book', 'where', 'columns', 'stand'][
        (i * 7 + seed) % 10
      ],
  ).join(' ');

/** A page that breaks in every way a book does, with a link to each of its ids. */
function testPage(size: string): string {
  const ids: string[] = [];
  const id = (name: string) => {
    ids.push(name);
    return name;
  };
  const blocks: string[] = [`<section class="cover" id="${id('cover')}"><h1>Cover</h1></section>`];
  for (let chapter = 1; chapter <= 4; chapter++) {
    blocks.push(`<article class="chapter" id="${id(`ch-${chapter}`)}">`);
    blocks.push(`<h1 id="${id(`h-${chapter}`)}">Chapter ${chapter}</h1>`);
    for (let n = 1; n <= 14; n++) {
      const length = 40 + ((n * 37 + chapter * 11) % 90);
      blocks.push(
        `<p id="${id(`p-${chapter}-${n}`)}">${words(length, n)} <span class="anchor-glue"><span class="anchor-probe" id="${id(`s-${chapter}-${n}`)}"></span>${words(1, n + 1)}</span> ${words(4, n + 2)} ${words(30, n + 2)}</p>`,
      );
      if (n % 5 === 0) blocks.push(`<h2 id="${id(`h2-${chapter}-${n}`)}">Section ${n}</h2>`);
      if (n % 6 === 0)
        blocks.push(
          `<figure id="${id(`fig-${chapter}-${n}`)}"><div style="height: ${180 + n * 9}px; background: #ccc"></div><figcaption>Figure ${n}</figcaption></figure>`,
        );
      if (n % 7 === 0)
        blocks.push(
          `<aside class="note" id="${id(`note-${chapter}-${n}`)}">${words(25, n)}</aside>`,
        );
      if (n === 9)
        blocks.push(
          `<table id="${id(`table-${chapter}`)}"><thead><tr><th>Term</th><th>Meaning</th></tr></thead><tbody>${Array.from({ length: 30 }, (_, r) => `<tr id="${id(`row-${chapter}-${r}`)}"><td>${words(2, r)}</td><td>${words(8, r + 3)}</td></tr>`).join('')}</tbody></table>`,
        );
    }
    blocks.push('</article>');
    if (chapter === 2) blocks.push(`<div class="blank" id="${id('blank-2')}"></div>`);
  }
  const links = ids.map((name) => `<a href="#${name}">${name}</a>`).join(' ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@page { size: ${size}; margin: 22mm 18mm 24mm 18mm; }
@page cover { margin: 0; }
html { font: 10.5pt/1.42 serif; }
body { margin: 0; }
.cover { page: cover; height: 297mm; break-after: page; }
.chapter { break-before: page; }
.blank { break-before: page; break-after: page; height: 1px; }
h1, h2 { break-after: avoid; break-inside: avoid; }
p { orphans: 2; widows: 2; text-align: justify; }
figure { break-inside: avoid; margin: 1em 0; }
figcaption { break-before: avoid; }
.chapter { margin-right: 34mm; }
.note { float: right; clear: right; width: 30mm; margin: 0 -34mm 1mm 1em; font-size: 0.8em; }
.anchor-probe { display: inline-block; width: 0; height: 0.7em; }
.anchor-glue { white-space: nowrap; }
nav { display: none; }
</style></head><body>${blocks.join('\n')}<nav>${links}</nav></body></html>`;
}

const browser = fileBrowser(work);

describe('the column layout', () => {
  it.each(['A4', 'A5'])(
    'puts every anchor on the page a print does (%s)',
    async (size) => {
      const html = testPage(size);
      const { columns, printed } = await columnsAgainstPrint(browser(), work, html, {
        withTops: new Set(['p-1-3', 's-2-7', 'h2-3-10']),
      });
      expect(printed.pageCount).toBeGreaterThan(size === 'A5' ? 20 : 10);
      expect(columns.pageCount).toBe(printed.pageCount);
      expect(printed.pageOf.size).toBeGreaterThan(250);
      expect(Object.fromEntries(columns.pageOf)).toEqual(Object.fromEntries(printed.pageOf));
      // Chromium writes a destination's height to within a point.
      expect(printed.topOf?.size).toBe(3);
      for (const [id, top] of printed.topOf ?? [])
        expect(Math.abs((columns.topOf?.get(id) ?? Number.NaN) - top), id).toBeLessThan(1);
    },
    120_000,
  );
});
