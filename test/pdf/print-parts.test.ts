/**
 * Part-wise printing is exact: the apparatus fixture (three documents, each opening on a
 * right-hand page, a glossary and an index full of page numbers) built once as one print
 * and once with every document printed alone, in its own renderer, then merged. The two
 * PDFs must agree page for page: text, folios, page labels, destinations, links, the
 * structure tree and the bookmarks.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditions } from '../../src/pipeline/pipeline.ts';
import { partCss } from '../../src/render/pdf/print-parts.ts';
import { renderers } from '../../src/render/renderers.ts';
import { makeApparatusProject } from '../apparatus/apparatus-project.ts';
import { type ReadPdf, readPdf } from '../helpers/pdf.ts';

const edition = 'pack-a4';
let dir: string;
const built = new Map<string, { bytes: Uint8Array; read: ReadPdf; file: string }>();
let progress: string[] = [];

async function build(mode: 'never' | 'always', configPath: string) {
  const before = process.env.FOLIO_PRINT_PARTS;
  process.env.FOLIO_PRINT_PARTS = mode;
  const lines: string[] = [];
  try {
    const outDir = path.join(dir, mode);
    const result = await buildEditions({
      configPath,
      outDir,
      renderers: { pdf: renderers.pdf },
      editions: [edition],
      progress: (line) => lines.push(line),
    });
    expect(result.written).toBe(true);
    const file = path.join(outDir, edition, `${edition}.pdf`);
    const bytes = new Uint8Array(readFileSync(file));
    built.set(mode, { bytes, read: await readPdf(bytes), file });
    return lines;
  } finally {
    if (before === undefined) delete process.env.FOLIO_PRINT_PARTS;
    else process.env.FOLIO_PRINT_PARTS = before;
  }
}

function pdfOf(mode: string) {
  const pdf = built.get(mode);
  if (!pdf) throw new Error(`no ${mode} build`);
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
  const configPath = path.join(makeApparatusProject(), 'folio.config.yaml');
  await build('never', configPath);
  progress = await build('always', configPath);
}, 480_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('part-wise printing', () => {
  it('printed the documents part by part', () => {
    for (const part of ['front matter', 'alpha', 'beta', 'gamma', 'back matter'])
      expect(
        progress.some((line) => line.endsWith(`, ${part}`)),
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
    const tree = (mode: string) =>
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

describe('a part’s stylesheet', () => {
  const css =
    '@page { margin: 1cm }\n@page :left { margin-left: 2cm }\n@page front:right, :first { x: y }';

  it('is the edition’s own for the first part', () => {
    expect(partCss(css, 1, undefined)).toBe(css);
  });

  it('swaps left and right from an even page, drops :first rules, sets the page counter', () => {
    const even = partCss(css, 12, 3);
    expect(even).toContain('@page :right { margin-left: 2cm }');
    expect(even).toContain('@page front:left, :folio-not-first { x: y }');
    expect(even).toMatch(/@page :first \{ counter-set: page 10; \}$/);
    const odd = partCss(css, 13, 3);
    expect(odd).toContain('@page :left { margin-left: 2cm }');
    expect(odd).toMatch(/counter-set: page 11; \}$/);
    // A blank page of the front matter before the body's first page counts nothing.
    expect(partCss(css, 2, 3)).toMatch(/counter-set: page 0; \}$/);
  });
});
