/**
 * Merging tagged parts: three parts printed by Chromium the way part-wise printing prints
 * them (each in its own page, the page counter carried across with `counter-set`), merged
 * once and read back by qpdf, poppler and pdf.js.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/render/browser.ts';
import { mergeTaggedPdfs } from '../../src/render/pdf/merge-tagged.ts';
import { type ReadPdf, readPdf } from '../helpers/pdf.ts';

const crossPartPrefix = 'https://folio.invalid/part#';

/**
 * Part `k` of three: two pages from `firstPage`, an article holding a chapter, a section
 * and a link to the next part.
 */
function partHtml(k: number, firstPage: number): string {
  const next = k < 3 ? `<a href="${crossPartPrefix}sec${k + 1}">on to part ${k + 1}</a>` : '';
  return `<!doctype html><html lang="en"><head><style>
    @page { size: A6; margin: 20mm 10mm; @bottom-center { content: "p. " counter(page) } }
    @page :first { counter-set: page ${firstPage} }
  </style></head><body><article>
    <h1 id="ch${k}">Chapter ${k}</h1><p>Opening text of part ${k}, see 3 0 R (a string).</p>
    <p><a href="#sec${k}">down to section ${k}</a> ${next}</p>
    <h2 id="sec${k}" style="break-before: page">Section ${k}</h2><p>Closing text of part ${k}.</p>
    <table><tr><th scope="col">Head ${k}</th></tr><tr><td>Cell ${k}</td></tr></table>
  </article></body></html>`;
}

let dir: string;
let parts: Uint8Array[];
let merged: Uint8Array;
let file: string;
let read: ReadPdf;
/** The same parts printed untagged, without bookmarks (the measuring prints). */
let untagged: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'folio-merge-'));
  const browser = await launchBrowser();
  try {
    parts = [];
    for (const k of [1, 2, 3]) {
      // Each part in a fresh page, closed after its print; page numbers carried across.
      const page = await browser.newPage();
      const html = path.join(dir, `part${k}.html`);
      writeFileSync(html, partHtml(k, 2 * k - 1));
      await page.goto(`file://${html}`);
      parts.push(await page.pdf({ tagged: true, outline: true, preferCSSPageSize: true }));
      await page.close();
    }
    const plain: Uint8Array[] = [];
    for (const k of [1, 2, 3]) {
      const page = await browser.newPage();
      await page.goto(`file://${path.join(dir, `part${k}.html`)}`);
      plain.push(await page.pdf({ tagged: false, outline: false, preferCSSPageSize: true }));
      await page.close();
    }
    untagged = mergeTaggedPdfs(plain, { crossPartPrefix });
  } finally {
    await browser.close();
  }
  merged = mergeTaggedPdfs(parts, { crossPartPrefix });
  file = path.join(dir, 'merged.pdf');
  writeFileSync(file, merged);
  read = await readPdf(merged);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('merging tagged parts', () => {
  it('passes qpdf --check without warnings', () => {
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors');
  });

  it('joins the pages in order, with the page numbers carried across', () => {
    expect(read.pages).toHaveLength(6);
    read.pages.forEach((page, i) => {
      expect(page.text).toContain(`p. ${i + 1}`);
      expect(page.text).toContain(i % 2 === 0 ? `Chapter ${i / 2 + 1}` : `Section ${(i + 1) / 2}`);
    });
  });

  it("keeps every part's text in the structure tree, in order, under one Document", () => {
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    expect(tree.match(/^Document$/gm)).toHaveLength(1);
    const order = [1, 2, 3].flatMap((k) => [
      `Chapter ${k}`,
      `Opening text of part ${k}, see 3 0 R (a string).`,
      `down to section ${k}`,
      `Section ${k}`,
      `Closing text of part ${k}.`,
    ]);
    let at = 0;
    for (const text of order) {
      const found = tree.indexOf(`"${text}`, at);
      expect(found, text).toBeGreaterThan(at - 1);
      at = found;
    }
    expect(read.tagged).toBe(true);
  });

  it("keeps element ids unique and each cell's headers in its own part (failed before)", () => {
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    const heads = [...tree.matchAll(/^\s*TH <([^>]+)>/gm)].map((m) => m[1]);
    const headers = [...tree.matchAll(/\/Headers \[\(([^)]+)\)\]/g)].map((m) => m[1]);
    expect(heads).toHaveLength(3);
    expect(new Set(heads).size).toBe(3);
    expect(headers).toEqual(heads);
  });

  it('resolves named destinations to the merged pages', () => {
    expect(Object.fromEntries(read.destinations)).toEqual({ sec1: 2, sec2: 4, sec3: 6 });
  });

  it('keeps links inside a part and makes links between parts reach the other part', () => {
    expect(read.pages[0]?.links.map((l) => l.dest)).toEqual(['sec1', 'sec2']);
    expect(read.pages[2]?.links.map((l) => l.dest)).toEqual(['sec2', 'sec3']);
    expect(read.pages[4]?.links.map((l) => l.dest)).toEqual(['sec3']);
  });

  it('joins the outlines in order, each with its children', async () => {
    const task = getDocument({ data: merged.slice(), isEvalSupported: false, verbosity: 0 });
    const document = await task.promise;
    try {
      const outline = (await document.getOutline()) ?? [];
      expect(outline.map((item) => [item.title, item.items.map((child) => child.title)])).toEqual(
        [1, 2, 3].map((k) => [`Chapter ${k}`, [`Section ${k}`]]),
      );
      const pageOf = async (dest: unknown) =>
        document.getPageIndex((dest as [{ num: number; gen: number }])[0]);
      expect(await Promise.all(outline.map((item) => pageOf(item.dest)))).toEqual([0, 2, 4]);
    } finally {
      await task.destroy();
    }
  });

  it("drops a link to another part's anchor that no part holds, never keeping its stand-in URI (failed before)", () => {
    // Part 1 alone: its link on to part 2 has no destination in what is merged.
    const alone = path.join(dir, 'alone.pdf');
    writeFileSync(alone, mergeTaggedPdfs(parts.slice(0, 1), { crossPartPrefix }));
    const plain = path.join(dir, 'alone-qdf.pdf');
    spawnSync('qpdf', ['--qdf', '--object-streams=disable', alone, plain]);
    const text = readFileSync(plain, 'latin1');
    // Counted, not matched: a failure should not print the whole PDF.
    expect(/\/Subtype\s*\/Link/.test(text)).toBe(true);
    expect(text.split(crossPartPrefix).length - 1).toBe(0);
  });

  it('joins the article a part goes on with into the one before it (failed before)', () => {
    const joined = path.join(dir, 'joined.pdf');
    writeFileSync(
      joined,
      mergeTaggedPdfs(parts, { crossPartPrefix, continued: [false, true, false] }),
    );
    const check = spawnSync('qpdf', ['--check', joined], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const tree = execFileSync('pdfinfo', ['-struct-text', joined], { encoding: 'utf8' });
    const articles = tree.split(/^ {2}Art\b.*$/m).slice(1);
    expect(articles).toHaveLength(2);
    // Parts 1 and 2 in the first article, in order; part 3 in its own.
    expect(articles[0]).toMatch(/"Chapter 1"[\s\S]*"Cell 1"[\s\S]*"Chapter 2"[\s\S]*"Cell 2"/);
    expect(articles[0]).not.toContain('Chapter 3');
    expect(articles[1]).toContain('"Chapter 3"');
  });

  it('writes the same bytes for the same parts', () => {
    expect(Buffer.from(mergeTaggedPdfs(parts, { crossPartPrefix })).equals(merged)).toBe(true);
  });

  it('merges untagged parts without bookmarks (failed before: "lost object 6")', async () => {
    const plain = path.join(dir, 'untagged.pdf');
    writeFileSync(plain, untagged);
    expect(spawnSync('qpdf', ['--check', plain], { encoding: 'utf8' }).status).toBe(0);
    const pages = (await readPdf(untagged)).pages;
    expect(pages.map((page) => /p\. (\d+)/.exec(page.text)?.[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
  });

  it('refuses what is not a Chromium PDF, with a message', () => {
    expect(() => mergeTaggedPdfs([])).toThrow(/No PDF parts/);
    expect(() => mergeTaggedPdfs([new TextEncoder().encode('not a pdf')])).toThrow(/startxref/);
  });
});
