/**
 * Part-wise printing is exact: the apparatus fixture (three documents, each opening on a
 * right-hand page, a glossary and an index full of page numbers) and the chapters fixture
 * (a long document of five chapters on right-hand pages, with footnotes, figures and
 * equations, whose stylesheet prints `counter(pages)`) built once as one print and once
 * with every document, and every chapter of the long one, printed alone, in its own
 * renderer, then merged. The two PDFs must agree page for page: text, folios, page labels,
 * destinations, links, the structure tree and the bookmarks. The chapters fixture printed
 * in parts on two browsers at once, and the apparatus fixture printed two parts at once on
 * one browser, give the same PDF to the byte.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditions } from '../../src/pipeline/pipeline.ts';
import { StageTimer } from '../../src/pipeline/stage-timer.ts';
import { FootnotePlacer } from '../../src/render/pdf/footnotes.ts';
import { estimateFile } from '../../src/render/pdf/page-estimate.ts';
import { renderers } from '../../src/render/renderers.ts';
import { makeApparatusProject } from '../apparatus/apparatus-project.ts';
import { repoRoot } from '../helpers/build.ts';
import { columnsAgainstPrint } from '../helpers/page-columns.ts';
import { type ReadPdf, readPdf } from '../helpers/pdf.ts';
import { fileBrowser } from '../helpers/test-browser.ts';
import { chapterCount, makeChapterPartsProject } from './chapter-parts-project.ts';

let dir: string;
const built = new Map<string, { bytes: Uint8Array; read: ReadPdf; file: string }>();
const progress = new Map<string, string[]>();
/** The stages each build timed. */
const stages = new Map<string, string[]>();
/** The last print page of each edition printed whole, for the column layout's check. */
const printHtmls = new Map<string, string>();

/**
 * Builds `edition` of the project printed whole (`never`) or in parts, one part at a time,
 * as `${edition} ${mode}`; in parts with two local browsers, as `${edition} always, 2
 * browsers`; two parts at once on one browser, as `${edition} always, 2 at once`.
 */
async function build(
  mode: 'never' | 'always',
  configPath: string,
  edition: string,
  localBrowsers = 1,
  {
    suffix = '',
    estimate,
    atOnce = 1,
  }: { suffix?: string; estimate?: string; atOnce?: number } = {},
) {
  const before = process.env.FOLIO_PRINT_PARTS;
  const beforeAtOnce = process.env.FOLIO_PARTS_AT_ONCE;
  process.env.FOLIO_PRINT_PARTS = mode;
  process.env.FOLIO_PARTS_AT_ONCE = String(atOnce);
  const lines: string[] = [];
  const key = `${edition} ${mode}${localBrowsers > 1 ? `, ${localBrowsers} browsers` : ''}${atOnce > 1 ? `, ${atOnce} at once` : ''}${suffix}`;
  try {
    const outDir = path.join(dir, key.replace(/\W+/g, '-'));
    if (estimate) {
      mkdirSync(path.dirname(estimateFile(outDir, edition)), { recursive: true });
      writeFileSync(estimateFile(outDir, edition), estimate);
    }
    const timer = new StageTimer();
    const result = await buildEditions({
      configPath,
      outDir,
      renderers: { pdf: renderers.pdf },
      editions: [edition],
      progress: (line) => lines.push(line),
      localBrowsers,
      // With a timer, the renderer keeps its last print page (products.printHtml).
      timer,
    });
    stages.set(
      key,
      timer.times.map((t) => t.stage),
    );
    expect(result.written).toBe(true);
    const file = path.join(outDir, edition, `${edition}.pdf`);
    const bytes = new Uint8Array(readFileSync(file));
    built.set(key, { bytes, read: await readPdf(bytes), file });
    const printHtml = result.editions[0]?.products.printHtml;
    if (mode === 'never' && !suffix && printHtml) printHtmls.set(edition, printHtml);
    progress.set(key, lines);
  } finally {
    if (before === undefined) delete process.env.FOLIO_PRINT_PARTS;
    else process.env.FOLIO_PRINT_PARTS = before;
    if (beforeAtOnce === undefined) delete process.env.FOLIO_PARTS_AT_ONCE;
    else process.env.FOLIO_PARTS_AT_ONCE = beforeAtOnce;
  }
}

function pdfIn(key: string) {
  const pdf = built.get(key);
  if (!pdf) throw new Error(`no ${key} build`);
  return pdf;
}

async function outline(bytes: Uint8Array) {
  const task = getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 });
  try {
    const document = await task.promise;
    type Item = { title: string; items: Item[] };
    const titles = (items: Item[]): unknown[] =>
      items.map((item) => [item.title, titles(item.items)]);
    return titles(((await document.getOutline()) ?? []) as Item[]);
  } finally {
    await task.destroy();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'folio-parts-'));
  const apparatus = path.join(makeApparatusProject(), 'folio.config.yaml');
  await build('never', apparatus, 'pack-a4');
  await build('always', apparatus, 'pack-a4');
  await build('always', apparatus, 'pack-a4', 2);
  await build('always', apparatus, 'pack-a4', 1, { atOnce: 2 });
  const chapters = path.join(makeChapterPartsProject(), 'folio.config.yaml');
  await build('never', chapters, 'book');
  await build('always', chapters, 'book');
  // The estimate the build in parts kept, made wrong: every page from the fifth on one later, so
  // the parts after it are expected on the wrong pages (and sides).
  const kept = JSON.parse(
    readFileSync(estimateFile(path.join(dir, 'book-always'), 'book'), 'utf8'),
  ) as { pageCount: number; pageOf: Array<[string, number]> };
  kept.pageCount += 1;
  kept.pageOf = kept.pageOf.map(([id, page]) => [id, page >= 5 ? page + 1 : page]);
  await build('always', chapters, 'book', 2, {
    suffix: ', wrong estimate',
    estimate: JSON.stringify(kept),
  });
}, 900_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  { edition: 'pack-a4', parts: ['front matter', 'alpha', 'beta', 'gamma', 'back matter'] },
  {
    edition: 'book',
    parts: [
      'front matter',
      'long',
      ...Array.from({ length: chapterCount - 1 }, (_, i) => `long#long--ch-${i + 2}`),
      'short',
    ],
  },
])('part-wise printing of $edition', ({ edition, parts: names }) => {
  const pdfOf = (mode: 'never' | 'always') => pdfIn(`${edition} ${mode}`);

  it('reads no page openings when the build renders no EPUB, though the config names one', () => {
    const timed = stages.get(`${edition} always`) ?? [];
    expect(timed).toContain('pdf postprocess');
    expect(timed).not.toContain('pdf page openings');
  });

  it('printed the documents part by part', () => {
    for (const part of names)
      expect(
        progress.get(`${edition} always`)?.some((line) => line.endsWith(`, ${part}`)),
        part,
      ).toBe(true);
  });

  it('gives every page the same text, folio included, as one print', () => {
    const whole = pdfOf('never').read.pages;
    const parts = pdfOf('always').read.pages;
    expect(parts.length).toBe(whole.length);
    expect(whole.length).toBeGreaterThan(8);
    parts.forEach((page, i) => {
      expect(page.text, `page ${i + 1}`).toBe(whole[i]?.text);
    });
  });

  it('has the same page labels, destinations and links on each page', () => {
    const whole = pdfOf('never').read;
    const parts = pdfOf('always').read;
    expect(parts.pages.map((p) => p.label)).toEqual(whole.pages.map((p) => p.label));
    expect(Object.fromEntries(parts.destinations)).toEqual(Object.fromEntries(whole.destinations));
    // Links between documents (cross-references, the contents, the index) included.
    const links = (read: ReadPdf) => read.pages.map((page) => page.links.map((l) => l.dest));
    expect(links(parts)).toEqual(links(whole));
    expect(links(parts).flat().length).toBeGreaterThan(20);
  });

  it('has the same structure tree and bookmarks, and passes qpdf --check', async () => {
    // Object numbers (of link annotations) differ, the merge numbers them anew; so do the
    // ids Chromium numbers per print (`node00000142`), which the merge keeps unique. One
    // print also tags an empty text ("") in the glossary's heading, the target of a link
    // from the contents, which the parts do not: empty leaves are left out.
    const tree = (mode: 'never' | 'always') =>
      execFileSync('pdfinfo', ['-struct-text', pdfOf(mode).file], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => !/^\s*Object \d+ 0$/.test(line) && !/^\s*""$/.test(line))
        .join('\n')
        .replace(/node\d+(-\d+(\.\d+)?)?/g, 'node');
    expect(tree('always')).toBe(tree('never'));
    expect(await outline(pdfOf('always').bytes)).toEqual(await outline(pdfOf('never').bytes));
    const check = spawnSync('qpdf', ['--check', pdfOf('always').file], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stderr).toBe('');
  });
});

describe('parts printed on two browsers at once', () => {
  // Built from a wrong page estimate: the first pass expects the parts after the fifth
  // page one page later than they start; the second expects them where they are.
  const key = 'book always, 2 browsers, wrong estimate';
  const lines = () => progress.get(key) ?? [];

  it('printed parts on both browsers', () => {
    for (const k of [1, 2])
      expect(lines().some((line) => line.endsWith(`, ${k} of 2 at once`))).toBe(true);
  });

  it('printed a part again where the parts before it ended elsewhere', () => {
    // Each of the 7 parts prints twice in the first pass with no part printed again, since
    // the estimate's page total is wrong too (a part printing `counter(pages)` is printed
    // again with the total it printed).
    const parts = chapterCount + 2;
    const first = lines().filter((line) => /: pdf pass 1, /.test(line));
    expect(first.length).toBeGreaterThan(2 * parts);
  });

  it('gives the same PDF as parts printed one after another, from no estimate too', () => {
    // A cold build: the first pass expects the parts where their text would end.
    const cold = pdfIn('pack-a4 always, 2 browsers');
    expect(
      progress.get('pack-a4 always, 2 browsers')?.some((l) => l.endsWith(' of 2 at once')),
    ).toBe(true);
    expect(Buffer.from(cold.bytes).equals(Buffer.from(pdfIn('pack-a4 always').bytes))).toBe(true);
    const one = pdfIn('book always');
    const two = pdfIn(key);
    expect(two.read.pages.map((p) => [p.label, p.text])).toEqual(
      one.read.pages.map((p) => [p.label, p.text]),
    );
    expect(Object.fromEntries(two.read.destinations)).toEqual(
      Object.fromEntries(one.read.destinations),
    );
    expect(Buffer.from(two.bytes).equals(Buffer.from(one.bytes))).toBe(true);
  });
});

describe('parts printed two at once on one browser', () => {
  const key = 'pack-a4 always, 2 at once';
  const lines = () => progress.get(key) ?? [];

  it('printed two parts at once, each in a tab of its own', () => {
    for (const k of [1, 2])
      expect(lines().some((line) => line.endsWith(`, ${k} of 2 at once`))).toBe(true);
  });

  it('gives the same PDF, to the byte, as parts printed one after another', () => {
    expect(Buffer.from(pdfIn(key).bytes).equals(Buffer.from(pdfIn('pack-a4 always').bytes))).toBe(
      true,
    );
  });
});

describe('a long document printed in chapter parts', () => {
  // Justified lines space their words apart: one space for any run.
  const pages = () =>
    pdfIn('book always').read.pages.map((page) => ({
      ...page,
      text: page.text.replace(/\s+/g, ' '),
    }));

  it('prints the edition’s total for counter(pages) on every page of every part', () => {
    const total = pages().length;
    const counted = pages().filter((page) => page.text.includes(`of ${total}`));
    // Every page but the blank ones (which print no margin boxes) and the contents.
    expect(counted.length).toBeGreaterThan(total * 0.7);
    expect(
      pages().some((page) => /of \d/.test(page.text) && !page.text.includes(`of ${total}`)),
    ).toBe(false);
  });

  it('opens every chapter on a right-hand page and numbers notes and figures on across parts', () => {
    for (let n = 1; n <= chapterCount; n++) {
      // The first page of the body that names the chapter (the contents is front matter).
      const opening = pages().findIndex(
        (page) =>
          /^\d+$/.test(page.label ?? '') && page.text.includes(`Chapter ${n} of the long report`),
      );
      expect(opening, `chapter ${n}`).toBeGreaterThan(0);
      expect((opening + 1) % 2, `chapter ${n} on page ${opening + 1}`).toBe(1);
      expect(pages().some((page) => page.text.includes(`Figure ${n}.1: The ${n}th figure`))).toBe(
        true,
      );
    }
    const text = pages()
      .map((page) => page.text)
      .join('\n');
    expect(text).toContain(`The second note of chapter ${chapterCount}.`);
    expect(text).toMatch(
      new RegExp(`${2 * chapterCount}\\.\\s*The second note of chapter ${chapterCount}`),
    );
  });

  it('ignores a rule with a list of page selectors, as a whole print does', () => {
    expect(pages().some((page) => page.text.includes('right-or-first'))).toBe(false);
  });
});

/** One browser for the column layout's checks below. */
const browser = fileBrowser();

describe.each(['pack-a4', 'book'])('the column layout of the %s print page', (edition) => {
  it('puts every anchor on the page, and every note on the height, its print does', async () => {
    const html = printHtmls.get(edition);
    if (!html) throw new Error(`no print page of ${edition}`);
    const notes = new Set(
      [...html.matchAll(/id="([^"]*--fn(?:ref)?-\d+)"/g)].map(([, id = '']) => id),
    );
    const { columns, printed } = await columnsAgainstPrint(browser(), dir, html, {
      withTops: notes,
      // As each print of the loop: the footnote pairs arranged page by page first.
      beforePrint: (page) => new FootnotePlacer().arrange(page),
      allow: [repoRoot, tmpdir()],
    });
    expect(printed.pageOf.size).toBeGreaterThan(100);
    expect(columns.pageCount).toBe(printed.pageCount);
    expect(Object.fromEntries(columns.pageOf)).toEqual(Object.fromEntries(printed.pageOf));
    if (edition === 'book') expect(printed.topOf?.size).toBeGreaterThan(10);
    for (const [id, top] of printed.topOf ?? [])
      expect(Math.abs((columns.topOf?.get(id) ?? Number.NaN) - top), id).toBeLessThan(1);
  }, 120_000);
});
