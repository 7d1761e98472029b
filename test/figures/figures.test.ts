/**
 * Figures and captioned tables in a book of many pages, built once in every format and read
 * back: captions numbered per chapter (and per document in the annex); every printed page
 * number of a cross-reference and of the lists of figures and tables leads to the page that
 * holds that object's caption; a figure's picture and caption share a page; the EPUB has
 * `figure`/`figcaption` and table `caption`, `loi` and `lot` navs whose links all land, and
 * passes EPUBCheck and Ace; the HTML edition's structure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderers } from '../../src/render/renderers.ts';
import {
  brokenFragmentLinks,
  elements,
  navHrefs,
  type OpenedEpub,
  openEpub,
  runAce,
  runEpubcheck,
} from '../epub/epub-helpers.ts';
import { buildInTemp } from '../helpers/build.ts';
import { normalise, type ReadPdf, readPdf } from '../helpers/pdf.ts';
import { makeFiguresProject } from './fixture-project.ts';

/** Every object of the fixture, its number and caption as the `book` edition prints them. */
const objects: Record<string, string> = {
  'guide--fig-basin': 'Figure 1.1: The basin at dawn',
  'guide--tab-rain': 'Table 1.1: Rainfall by month at the north station',
  'guide--fig-flood': 'Figure 2.1: The river in flood, 2019',
  'guide--fig-works': 'Figure 3.1: The dam and the weir',
  'guide--tab-wind': 'Table 3.1: Wind by month',
  'guide--tab-stations': 'Table 3.2: Stations and their heights',
  'annex--fig-annex': 'Figure 1: The annex map',
};

/** The same numbered through each document, as the A5 `pocket` edition prints them. */
const pocketObjects: Record<string, string> = {
  'guide--fig-basin': 'Figure 1: The basin at dawn',
  'guide--tab-rain': 'Table 1: Rainfall by month at the north station',
  'guide--fig-flood': 'Figure 2: The river in flood, 2019',
  'guide--fig-works': 'Figure 3: The dam and the weir',
  'guide--tab-wind': 'Table 2: Wind by month',
  'guide--tab-stations': 'Table 3: Stations and their heights',
  'annex--fig-annex': 'Figure 1: The annex map',
};

/** The numbered equations, as each edition prints their numbers (as the figures are numbered). */
const equations: Record<string, Record<string, string>> = {
  book: { 'guide--eq-flow': '(2.1)', 'guide--eq-head': '(3.1)' },
  pocket: { 'guide--eq-flow': '(1)', 'guide--eq-head': '(2)' },
};

const pdfs: Record<string, ReadPdf> = {};
let pdf: ReadPdf;
let html: string;
let epubBytes: Uint8Array;
let epub: OpenedEpub;

beforeAll(async () => {
  const dir = makeFiguresProject();
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), renderers);
  expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([]);
  expect(result.written).toBe(true);
  const out = path.join(result.outDir, 'book');
  for (const id of ['book', 'pocket'])
    pdfs[id] = await readPdf(
      new Uint8Array(readFileSync(path.join(result.outDir, id, `${id}.pdf`))),
    );
  html = readFileSync(path.join(out, 'book.html'), 'utf8');
  epubBytes = readFileSync(path.join(out, 'book.epub'));
  epub = await openEpub(epubBytes);
}, 240_000);

/** The physical pages whose text holds `text` (compared word by word). */
const pagesHolding = (text: string) =>
  pdf.pages.filter((p) => normalise(p.text).includes(normalise(text))).map((p) => p.number);

/** The page is in the body (arabic folios), not the front matter's lists. */
const inBody = (page: number) => /^\d+$/.test(pdf.pages[page - 1]?.label ?? '');

/** The physical page printed with `label`. */
const pageLabelled = (label: string) => pdf.pages.find((p) => p.label === label)?.number;

describe.each([
  { edition: 'book', numbered: objects },
  { edition: 'pocket', numbered: pocketObjects },
])('figures and tables in print ($edition)', ({ edition, numbered }) => {
  beforeAll(() => {
    pdf = pdfs[edition] as ReadPdf;
  });

  it('numbers every caption and prints each once, the list entries aside', () => {
    for (const caption of Object.values(numbered)) {
      expect(pagesHolding(caption).filter(inBody), caption).toHaveLength(1);
    }
  });

  it('keeps a figure’s picture and caption on one page', () => {
    for (const [word, caption] of [
      ['basin', numbered['guide--fig-basin']],
      ['river', numbered['guide--fig-flood']],
      ['weir', numbered['guide--fig-works']],
      ['annex', numbered['annex--fig-annex']],
    ] as const) {
      const [page] = pagesHolding(caption ?? '').filter(inBody);
      expect(page, caption).toBeDefined();
      // The SVG's word is drawn as text inside the picture.
      expect(pdf.pages[(page ?? 1) - 1]?.text.split(/\s+/)).toContain(word);
    }
  });

  it('gives every cross-reference to another page the page that holds its caption', () => {
    // "Figure 2, on page 6", "Figure 1, in Annex, on page 13", read from the words of each
    // page (a justified line cuts a link into several rectangles, so not from the links).
    const annexStart = pdf.destinations.get('annex--title') ?? Number.POSITIVE_INFINITY;
    const references = pdf.pages
      .filter((p) => inBody(p.number))
      .flatMap((page) =>
        [
          ...normalise(page.text).matchAll(
            /\b(figure|table) (\d+(?: \d+)?)(?: in (annex|the basin guide))? on page (\d+)\b/g,
          ),
        ].map((m) => {
          const document = (m[3] ?? (page.number >= annexStart ? 'annex' : 'guide')).startsWith(
            'annex',
          )
            ? 'annex'
            : 'guide';
          const name = `${m[1]} ${m[2]}`;
          const target =
            Object.keys(numbered).find(
              (id) =>
                id.startsWith(`${document}--`) &&
                normalise((numbered[id] ?? '').split(':')[0] ?? '') === name,
            ) ?? name;
          return { from: page.number, target, label: m[4] ?? '' };
        }),
      );
    // One, two … pages apart, forward and back, into the other document too.
    expect(new Set(references.map((r) => r.target)).size).toBeGreaterThanOrEqual(4);
    expect(references.map((r) => r.target)).toContain('annex--fig-annex');
    // A reference says "on page" exactly when its object is on another page.
    for (const page of pdf.pages.filter((p) => inBody(p.number))) {
      for (const target of new Set(page.links.map((l) => decodeURIComponent(l.dest)))) {
        if (!numbered[target]) continue;
        const onPage = references.some((r) => r.from === page.number && r.target === target);
        expect(onPage, `${target} from page ${page.number}`).toBe(
          pdf.destinations.get(target) !== page.number,
        );
      }
    }
    for (const reference of references) {
      const page = pageLabelled(reference.label);
      expect(page, `${reference.target} from page ${reference.from}`).toBe(
        pdf.destinations.get(reference.target),
      );
      expect(normalise(pdf.pages[(page ?? 1) - 1]?.text ?? '')).toContain(
        normalise(numbered[reference.target] ?? ''),
      );
      expect(page).not.toBe(reference.from);
    }
    // The reference's own text names the object by its number.
    const text = normalise(pdf.pages.map((p) => p.text).join(' '));
    const flood = normalise((numbered['guide--fig-flood'] ?? '').split(':')[0] ?? '');
    expect(text).toContain(`as ${flood} on page`);
    expect(text).toMatch(/figure 1 in annex on page \d+ the annex/);
  });

  it('lists figures and tables in the front matter, each with the page of its caption', () => {
    const listPage = (title: string) =>
      pdf.pages.find((p) => normalise(p.text).split(' ').slice(1, 4).join(' ') === title);
    const figures = listPage('list of figures');
    const tables = listPage('list of tables');
    expect(figures?.label).toBe('ii');
    expect(tables?.label).toBe('iii');
    // The contents name them first, with their pages.
    const contents = normalise(pdf.pages[0]?.text ?? '');
    expect(contents).toMatch(/^i contents list of figures ii list of tables iii the basin guide/);
    for (const list of [figures, tables]) {
      const entries = (list?.links ?? []).filter((l) => numbered[decodeURIComponent(l.dest)]);
      expect(entries.length).toBeGreaterThan(2);
      for (const entry of entries) {
        const target = decodeURIComponent(entry.dest);
        const caption = numbered[target] ?? '';
        // The entry reads as the caption, then its page number after the leader.
        const escaped = caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const label = new RegExp(`${escaped}\\s+(\\d+)`).exec(list?.text ?? '')?.[1] ?? '';
        const page = pageLabelled(label);
        expect(page, target).toBe(pdf.destinations.get(target));
        expect(normalise(pdf.pages[(page ?? 1) - 1]?.text ?? '')).toContain(normalise(caption));
      }
    }
    expect(figures?.links.length).toBe(4);
    expect(tables?.links.length).toBe(3);
    // Grouped by document, since both have figures.
    expect(figures?.text).toMatch(/The Basin Guide.*Figure 1(\.1)?:.*Annex.*Figure 1:/);
  });
});

describe.each(['book', 'pocket'])('equations in print (%s)', (edition) => {
  const numbers = equations[edition] ?? {};
  const spaced = (page: number) => pdfs[edition]?.pages[page - 1]?.text.replace(/\s+/g, ' ') ?? '';

  it('numbers them as the figures are, on the page of their anchor', () => {
    for (const [anchor, number] of Object.entries(numbers)) {
      const page = pdfs[edition]?.destinations.get(anchor) ?? 0;
      expect(page, anchor).toBeGreaterThan(0);
      expect(spaced(page), anchor).toContain(number);
    }
  });

  it('names them in references by that number, with the page when it is another', () => {
    const read = pdfs[edition] as ReadPdf;
    const flow = (numbers['guide--eq-flow'] ?? '').slice(1, -1);
    const at = read.destinations.get('guide--eq-flow') ?? 0;
    const text = read.pages.map((p) => p.text.replace(/\s+/g, ' ')).join(' ');
    expect(text).toContain(`The discharge is Equation ${flow}:`);
    const label = read.pages[at - 1]?.label;
    expect(text).toContain(`the discharge again: Equation ${flow}, on page ${label}.`);
  });

  it('keeps them out of the lists of figures and tables', () => {
    const read = pdfs[edition] as ReadPdf;
    const listed = read.pages
      .filter((p) => !/^\d+$/.test(p.label ?? ''))
      .flatMap((p) => p.links.map((l) => decodeURIComponent(l.dest)));
    expect(listed.filter((dest) => dest.includes('--eq-'))).toEqual([]);
  });
});

describe('figures and tables in the EPUB', () => {
  it('passes EPUBCheck', () => {
    const report = runEpubcheck(epubBytes);
    expect(report.messages).toEqual([]);
    expect(report.errors + report.fatals + report.warnings).toBe(0);
  }, 300_000);

  it('passes Ace by DAISY', () => {
    const report = runAce(epubBytes);
    expect(report.violations).toEqual([]);
  }, 300_000);

  it('marks figures with figure and figcaption, tables with a caption as first child', async () => {
    const guide = await epub.xml('OEBPS/guide.xhtml');
    const figure = elements(guide, (e) => e.name === 'figure')[0];
    expect(figure?.attributes.id).toBe('guide--fig-basin');
    const children = figure?.children.filter((c) => c.type === 'element') ?? [];
    expect(children.map((c) => (c.type === 'element' ? c.name : ''))).toEqual([
      'img',
      'figcaption',
    ]);
    const table = elements(
      guide,
      (e) => e.name === 'table' && e.attributes.id === 'guide--tab-rain',
    )[0];
    const first = table?.children.find((c) => c.type === 'element');
    expect(first?.type === 'element' && first.name).toBe('caption');
  });

  it('has loi and lot navs and landmarks whose links all land', async () => {
    const figures = await navHrefs(epub, 'loi');
    const tables = await navHrefs(epub, 'lot');
    expect(figures.map((a) => String(a.attributes.href).split('#')[1])).toEqual([
      'guide--fig-basin',
      'guide--fig-flood',
      'guide--fig-works',
      'annex--fig-annex',
    ]);
    expect(tables).toHaveLength(3);
    const landmarks = (await navHrefs(epub, 'landmarks')).map((a) =>
      String(a.attributes['epub:type']),
    );
    expect(landmarks).toEqual(expect.arrayContaining(['loi', 'lot']));
    expect(await brokenFragmentLinks(epub)).toEqual([]);
  });
});

describe('figures and tables in the HTML edition', () => {
  it('has numbered figures, captioned tables, linked references and the lists', () => {
    const tree = fromHtml(html);
    const figure = select('figure#guide--fig-flood', tree);
    expect(figure && hastToString(select('figcaption', figure) as Element)).toBe(
      'Figure 2.1: The river in flood, 2019',
    );
    expect(selectAll('figure#guide--fig-works > img', tree)).toHaveLength(2);
    const caption = select('table#guide--tab-stations > caption', tree);
    expect(caption && hastToString(caption)).toBe('Table 3.2: Stations and their heights');
    const reference = select('a.xref[href="#guide--fig-flood"]', tree);
    expect(reference && hastToString(reference)).toBe('Figure 2.1');
    expect(select('.xref-page', tree)).toBeUndefined();
    const equation = select('div.equation#guide--eq-head', tree);
    expect(equation && hastToString(select('.equation-number', equation) as Element)).toBe('(3.1)');
    const toEquation = select('a.xref[href="#guide--eq-flow"]', tree);
    expect(toEquation && hastToString(toEquation)).toBe('Equation 2.1');
    const list = select('nav#list-of-figures', tree);
    expect(list && selectAll('a.toc-link', list).map((a) => a.properties.href)).toEqual(
      Object.keys(objects)
        .filter((id) => id.includes('--fig-'))
        .map((id) => `#${id}`),
    );
  });
});
