/**
 * Chapters and what real books hold, built once and read back: chapters start pages (on a
 * right-hand page with `rectoChapters`) and give the running head; the EPUB has one file per
 * chapter and passes EPUBCheck; a document's first heading that repeats its title is printed
 * once; a long table repeats its header on every page; wide tables are marked; external
 * links print their address; Chinese is set in the bundled CJK face (only bundled faces are
 * embedded); the HTML edition carries its fonts and reflows, with the EPUB, at 390 px.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveBrowserExecutable } from '../../src/render/browser-executable.ts';
import { renderers } from '../../src/render/renderers.ts';
import { openEpub, runEpubcheck } from '../epub/epub-helpers.ts';
import { buildInTemp } from '../helpers/build.ts';
import { longUrl, makeBookFixture } from './fixture-book.ts';

let pdf: string;
let html: string;
let epub: Uint8Array;
let pages: string[];

const pageText = (n: number) =>
  execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], {
    encoding: 'utf8',
  });
const pageOf = (text: string) => pages.findIndex((p) => p.includes(text)) + 1;

beforeAll(async () => {
  const dir = makeBookFixture(['    rectoChapters: true']);
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), renderers);
  const problems = result.files.flatMap((f) => f.messages.map(String));
  expect(problems).toEqual([]);
  expect(result.written).toBe(true);
  const out = path.join(result.outDir, 'book');
  pdf = path.join(out, 'book.pdf');
  html = path.join(out, 'book.html');
  epub = readFileSync(path.join(out, 'book.epub'));
  const count = Number(
    /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1],
  );
  pages = Array.from({ length: count }, (_, i) => pageText(i + 1));
}, 180_000);

describe('chapters in print', () => {
  it('starts each chapter on a new right-hand page, a blank page before it when needed', () => {
    const second = pageOf('Second chapter\n');
    const first = pageOf('First chapter\n');
    expect(second).toBeGreaterThan(first);
    expect(second % 2).toBe(1);
    // The chapter's heading opens its page (no running head on an opening page).
    expect(pages[second - 1]?.trim().startsWith('Second chapter')).toBe(true);
    // The page before it holds the end of the first chapter or is the blank page.
    const before = pages[second - 2] ?? '';
    expect(before.includes('Verylongcell') || before.trim() === '').toBe(true);
  });

  it('gives the right-hand running head of each page to its chapter', () => {
    const page = pageOf('Row 60 item');
    expect(page % 2).toBe(1);
    expect(pages[page - 1]).toMatch(/FIRST CHAPTER/);
  });

  it('prints a first heading that repeats the title once, in the contents and in the text', () => {
    const contents = pages[pageOf('Contents') - 1] ?? '';
    expect(contents.match(/Solo Title/g)).toHaveLength(1);
    expect(contents).toMatch(/Part one/);
    const opening = pages[pageOf('Intro paragraph') - 1] ?? '';
    expect(opening.match(/Solo Title/g)).toHaveLength(1);
  });
});

describe('tables, links and CJK in print', () => {
  it('repeats a long table’s header on every page it runs onto', () => {
    const first = pageOf('Row 1 item');
    const last = pageOf('Row 69 item');
    expect(last).toBeGreaterThan(first);
    for (let p = first; p <= last; p++) expect(pages[p - 1]).toMatch(/No\.\s+Item\s+Detail/);
  });

  it('prints an external link’s address after it, not after a link that is its address', () => {
    const text = pages.join('\n').replace(/\s+/g, '');
    expect(text).toContain(`<${longUrl}>`);
    expect(text).not.toContain('<https://owasp.org/Top10/>');
  });

  it('breaks a printed address only where an address may break, never inside a word', () => {
    const all = pages.join('\n');
    const start = all.indexOf('<https://example.org');
    const printed = all.slice(start, all.indexOf('>', start) + 1);
    const lines = printed.split(/\s*\n\s*/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(`<${longUrl}>`);
    for (let i = 1; i < lines.length; i++) {
      const before = lines[i - 1] ?? '';
      const after = lines[i] ?? '';
      expect(/[/.,\-_~?#%=&]/.test(after[0] ?? '') || /(\/\/|:|=|&)$/.test(before)).toBe(true);
    }
  });

  it('embeds only the bundled faces, Chinese in Noto Sans TC, and never hyphenates it', () => {
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '') ?? '');
    expect(fonts.some((f) => f.startsWith('NotoSansTC'))).toBe(true);
    for (const font of fonts)
      expect(font).toMatch(/^(SourceSerif4|SourceSans3|SourceCodePro|NotoSansTC)/);
    const chinese = pages[pageOf('概述') - 1] ?? '';
    expect(chinese).not.toContain('\u00ad');
    expect(chinese).not.toMatch(/\p{Script=Han}-\n/u);
  });
});

describe('chapters in the EPUB', () => {
  it('has one file per chapter, links between them resolved, and passes EPUBCheck', async () => {
    const book = await openEpub(epub);
    expect(
      book
        .xhtmlFiles()
        .filter((f) => /^(guide|solo|zh)/.test(f))
        .sort(),
    ).toEqual(['guide-2.xhtml', 'guide.xhtml', 'solo.xhtml', 'zh.xhtml']);
    const second = await book.text('OEBPS/guide-2.xhtml');
    expect(second).toContain('Second chapter');
    expect(second).toContain('href="guide.xhtml#guide--first-chapter"');
    expect(await book.text('OEBPS/toc.xhtml')).toContain(
      'href="guide-2.xhtml#guide--second-chapter"',
    );
    const report = runEpubcheck(epub);
    expect(report.messages).toEqual([]);
  }, 120_000);
});

describe('on screen', () => {
  it('marks tables by width, carries the bundled fonts, and reflows at 390 px (HTML and EPUB)', async () => {
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/class="table-wrap table-wide table-very-wide"/);
    expect(page).toMatch(/font-family: 'Source Serif 4'[^}]*src: url\("data:font\/woff2;base64,/);
    expect(page).toMatch(/font-family: 'Noto Sans TC'/);
    const folder = mkdtempSync(path.join(tmpdir(), 'folio-reflow-'));
    const book = await openEpub(epub);
    const files: string[] = [html];
    for (const name of book.names.filter((n) => n.startsWith('OEBPS/'))) {
      const entry = book.zip.file(name);
      if (!entry) continue;
      const target = path.join(folder, name);
      execFileSync('mkdir', ['-p', path.dirname(target)]);
      writeFileSync(target, await entry.async('uint8array'));
      if (name.endsWith('.xhtml')) files.push(target);
    }
    const browser = await puppeteer.launch({
      executablePath: resolveBrowserExecutable(),
      args: ['--no-first-run', '--disable-background-networking', '--no-sandbox'],
    });
    try {
      const tab = await browser.newPage();
      await tab.setViewport({ width: 390, height: 844 });
      const widths: Record<string, number> = {};
      for (const file of files) {
        await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        widths[path.basename(file)] = await tab.evaluate(
          () => document.scrollingElement?.scrollWidth ?? 0,
        );
        if (file === html) {
          const loaded = await tab.evaluate(async () => {
            await document.fonts.ready;
            const families: string[] = [];
            document.fonts.forEach((f) => {
              if (f.status === 'loaded') families.push(f.family);
            });
            return families;
          });
          expect(loaded).toEqual(expect.arrayContaining(['Source Serif 4', 'Noto Sans TC']));
        }
      }
      for (const [file, width] of Object.entries(widths))
        expect([file, width]).toEqual([file, 390]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
