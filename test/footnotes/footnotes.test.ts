/**
 * Footnotes in every format, on a synthetic book with notes on many pages (footnote-book.ts):
 * in print each note at the foot of its reference's page (read back per page with
 * pdftotext), long notes running on, no "↩" and no "Footnotes" heading printed, the
 * references links to the notes; in the EPUB pop-up footnotes after their block, through
 * EPUBCheck; in HTML the notes at their section's end with links back; numbering per
 * document or per chapter; and endnotes by option.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString as hastText } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { destinationName } from '../../src/render/pdf/page-map.ts';
import { renderers } from '../../src/render/renderers.ts';
import { elements, epubType, openEpub, runEpubcheck } from '../epub/epub-helpers.ts';
import { buildInTemp, makeProject } from '../helpers/build.ts';
import { pagesText as readPagesText, readPdf } from '../helpers/pdf.ts';
import { type BookNote, footnoteBook } from './footnote-book.ts';

const book = footnoteBook();
let outDir = '';
let pagesText: string[] = [];
let links: Array<{ page: number; dest: string; text: string }> = [];
let messages: Array<{ ruleId: string; reason: string }> = [];

/** The pages a word is printed on (a reference's number may follow a word without a space). */
const pageOf = (word: string) =>
  pagesText.flatMap((text, i) => (text.includes(word) ? [i + 1] : []));

beforeAll(async () => {
  const dir = makeProject(book.files);
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), renderers);
  expect(result.written).toBe(true);
  outDir = result.outDir;
  messages = result.files.flatMap((f) =>
    f.messages.map((m) => ({ ruleId: String(m.ruleId), reason: m.reason })),
  );
  const pdf = path.join(outDir, 'book/book.pdf');
  pagesText = readPagesText(pdf);
  const read = await readPdf(new Uint8Array(readFileSync(pdf)));
  links = read.pages.flatMap((page) => page.links.map((link) => ({ page: page.number, ...link })));
}, 600_000);

/** The notes the print reports as not starting on their reference's page. */
const reportedOffPage = () =>
  new Set(
    messages
      .filter((m) => m.ruleId === 'pdf:footnote-off-page')
      .map((m) => /`([^`]+--fn-\d+)`/.exec(m.reason)?.[1]),
  );

const noteId = (note: BookNote) => `${note.document}--fn-${note.number}`;

describe('footnotes in print', () => {
  it('has notes on many pages', () => {
    const pages = new Set(book.notes.flatMap((n) => pageOf(n.before)));
    expect(book.notes.length).toBeGreaterThan(40);
    expect(pages.size).toBeGreaterThan(20);
  });

  it('starts every note on its reference’s page, and reports none off it', () => {
    const offPage = book.notes.filter((note) => {
      const reference = pageOf(note.before);
      const text = pageOf(note.key);
      expect(reference, `the reference of ${noteId(note)}`).toHaveLength(1);
      expect(text.length, `the text of ${noteId(note)}`).toBeGreaterThan(0);
      return text[0] !== reference[0];
    });
    // No note off its page, and none reported. Measured: 2 of 50 off before a note the last
    // print set a page before its reference sent its line on with it (print ended the page
    // above a line the loaded page kept on it: README, Footnotes); 10 of 50 and the page
    // numbers unsettled after 6 passes before notes were placed in the page.
    expect(offPage.map(noteId)).toEqual([]);
    expect([...reportedOffPage()]).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'pdf:unsettled-pages')).toEqual([]);
  });

  it('sets a note after the text of its page: at the foot, under the rule', () => {
    for (const note of book.notes) {
      const [page] = pageOf(note.key);
      if (page === undefined || page !== pageOf(note.before)[0]) continue;
      const text = pagesText[page - 1] ?? '';
      // pdftotext reads the page top to bottom: the note's words come after the reference.
      expect(text.indexOf(note.key), noteId(note)).toBeGreaterThan(text.indexOf(note.before));
    }
  });

  it('runs a long note on to the next page’s foot', () => {
    const long = book.notes.filter((n) => n.text.includes('\n\n'));
    expect(long.length).toBeGreaterThan(3);
    const runOn = long.filter((n) => {
      const last = n.text
        .split(/\s+/)
        .filter((w) => /^[a-z]+\.$/.test(w))
        .pop()
        ?.slice(0, -1);
      const lastPages = last
        ? pagesText.flatMap((t, i) => (t.includes(`${last}.`) ? [i + 1] : []))
        : [];
      return lastPages.some((p) => p > (pageOf(n.key)[0] ?? 0));
    });
    expect(runOn.length).toBeGreaterThan(0);
  });

  it('prints no back arrow and no “Footnotes” heading', () => {
    const all = pagesText.join('\n');
    expect(all).not.toContain('↩');
    expect(all).not.toMatch(/\bFootnotes\b/);
  });

  it('links each reference to its note, and the note back to its reference', () => {
    for (const note of book.notes) {
      const id = noteId(note);
      const [page] = pageOf(note.before);
      const toNote = links.filter((l) => l.dest === destinationName(id));
      expect(
        toNote.map((l) => l.page),
        id,
      ).toContain(page);
      expect(
        toNote.map((l) => l.text.trim()),
        id,
      ).toContain(String(note.number));
      const back = links.filter((l) => l.dest === destinationName(id.replace('--fn-', '--fnref-')));
      expect(
        back.map((l) => l.page),
        id,
      ).toContain(pageOf(note.key)[0]);
    }
  });
});

describe('footnotes in the EPUB', () => {
  it('are pop-up footnotes after their block, and the book passes EPUBCheck', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(outDir, 'book/book.epub')));
    const report = runEpubcheck(bytes);
    expect(report.messages).toEqual([]);
    const epub = await openEpub(bytes);
    let asides = 0;
    let refs = 0;
    for (const file of epub.xhtmlFiles()) {
      const tree = await epub.xml(`OEBPS/${file}`);
      for (const aside of elements(
        tree,
        (e) => e.name === 'aside' && epubType(e).includes('footnote'),
      )) {
        asides += 1;
        expect(aside.attributes.role).toBe('doc-footnote');
        const back = elements(aside, (e) => e.attributes.role === 'doc-backlink');
        expect(back).toHaveLength(1);
      }
      for (const ref of elements(tree, (e) => epubType(e).includes('noteref'))) {
        refs += 1;
        expect(ref.attributes.role).toBe('doc-noteref');
      }
      const text = await epub.text(`OEBPS/${file}`);
      expect(text).not.toContain('↩');
      expect(text).not.toContain('data-footnotes');
    }
    expect(asides).toBe(book.notes.length);
    expect(refs).toBeGreaterThan(book.notes.length);
  }, 120_000);

  it('endnotes: every note in a list at the document’s end, EPUBCheck clean', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(outDir, 'endnotes/endnotes.epub')));
    expect(runEpubcheck(bytes).messages).toEqual([]);
  }, 120_000);
});

describe('footnotes in HTML', () => {
  const html = (edition: string) =>
    fromHtml(readFileSync(path.join(outDir, `${edition}/${edition}.html`), 'utf8'));

  it('gathers a section’s notes at its end, each linked back to its reference', () => {
    const tree = html('book');
    const groups = selectAll('.section-footnotes', tree);
    expect(groups.length).toBeGreaterThan(5);
    for (const group of groups) {
      for (const note of selectAll('aside.footnote', group)) {
        const back = select('a[role="doc-backlink"]', note) as Element | undefined;
        const href = String(back?.properties.href ?? '');
        expect(select(`[id="${href.slice(1)}"]`, tree), href).toBeDefined();
      }
    }
    expect(hastText(tree)).not.toContain('↩');
    expect(selectAll('aside.footnote', tree)).toHaveLength(book.notes.length);
  });

  it('numbers per document, or per chapter by option', () => {
    const numbers = (edition: string, document: string) =>
      selectAll(`article[data-document="${document}"] aside.footnote`, html(edition)).map((a) =>
        Number(a.properties.dataNoteNumber),
      );
    const two = numbers('book', 'two');
    expect(two).toEqual(two.map((_, i) => i + 1));
    const perChapter = numbers('perchapter', 'two');
    expect(perChapter.filter((n) => n === 1).length).toBeGreaterThan(2);
    expect(perChapter.length).toBe(two.length);
  });

  it('endnotes: all of a document’s notes at its end', () => {
    const tree = html('endnotes');
    expect(selectAll('.section-footnotes', tree)).toHaveLength(0);
    const list = selectAll('section.endnotes li.endnote', tree);
    expect(list).toHaveLength(book.notes.filter((n) => n.document === 'one').length);
  });
});
