/**
 * The apparatus, read back from the outputs: the fixture's three documents are built once
 * per paper size (A4 and Letter), and every locator of the index and the glossary, every
 * cross-reference's page and every page-list entry is checked against the PDF's pages.
 */
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../src/model/registry.ts';
import type { BuildResult } from '../../src/pipeline/pipeline.ts';
import { renderers } from '../../src/render/renderers.ts';
import {
  elements,
  epubType,
  type OpenedEpub,
  openEpub,
  runEpubcheck,
} from '../epub/epub-helpers.ts';
import { buildHtmlEdition, buildInTemp } from '../helpers/build.ts';
import { normalise, type ReadPdf, readPdf } from '../helpers/pdf.ts';
import {
  checkLocators,
  checkPageList,
  glossaryUses,
  indexUses,
  pdfBytes,
} from './apparatus-checks.ts';
import { makeApparatusProject, paperEditions } from './apparatus-project.ts';

const documents = ['alpha', 'beta', 'gamma'];
let configPath: string;
let result: BuildResult;
let registry: Registry;
const pdfs = new Map<string, ReadPdf>();
const epubs = new Map<string, OpenedEpub>();
const epubBytes = new Map<string, Uint8Array>();

beforeAll(async () => {
  configPath = path.join(makeApparatusProject(), 'folio.config.yaml');
  result = await buildInTemp(configPath, renderers, [...paperEditions]);
  registry = buildHtmlEdition(configPath, 'pack-a4').checked.collected.registry;
  for (const id of paperEditions) {
    pdfs.set(id, await readPdf(pdfBytes(path.join(result.outDir, id, `${id}.pdf`))));
    const bytes = pdfBytes(path.join(result.outDir, id, `${id}.epub`));
    epubBytes.set(id, bytes);
    epubs.set(id, await openEpub(bytes));
  }
}, 240_000);

function pdfOf(id: string): ReadPdf {
  const pdf = pdfs.get(id);
  if (!pdf) throw new Error(`no PDF for ${id}`);
  return pdf;
}

/** Physical pages of the glossary and of the index. */
function backMatter(pdf: ReadPdf) {
  const glossary = pdf.destinations.get('glossary') ?? 0;
  const index = pdf.destinations.get('index') ?? 0;
  return { glossary, index, last: pdf.pages.length };
}

describe('the build', () => {
  it('reports no page it could not measure', () => {
    const messages = result.files.flatMap((f) => f.messages);
    expect(messages.filter((m) => m.ruleId?.startsWith('pdf:')).map(String)).toEqual([]);
  });
});

describe.each(paperEditions)('edition %s', (id) => {
  it('prints every use of every index entry, per page, ranges to their end', () => {
    const pdf = pdfOf(id);
    const { index, last } = backMatter(pdf);
    const check = checkLocators(pdf, indexUses(registry, documents), index, last);
    expect(check.unmeasured).toEqual([]);
    expect(check.mismatches).toEqual([]);
    expect(check.wrongLinks).toEqual([]);
    expect(check.printed).toBeGreaterThan(20);
  });

  it('prints every use of every glossary term in "Used in", per page', () => {
    const pdf = pdfOf(id);
    const { glossary, index } = backMatter(pdf);
    const check = checkLocators(pdf, glossaryUses(registry, documents), glossary, index - 1);
    expect(check.unmeasured).toEqual([]);
    expect(check.mismatches).toEqual([]);
    expect(check.wrongLinks).toEqual([]);
  });

  it('prints ranges as first–last page, and a use in a later page of one section', () => {
    const text = pdfOf(id)
      .pages.map((p) => p.text)
      .join('\n');
    expect(text).toMatch(/passage Alpha: \d+–\d+/);
    expect(text).toMatch(/method Beta: \d+–\d+/);
    // Three pages or more of one section use zero trust: more than one number.
    expect(text).toMatch(/zero trust Alpha: \d+(–\d+)?, \d+/);
    expect(text).toMatch(/\. See also passage/);
    expect(text).toMatch(/ZT, see zero trust/);
  });

  it('sets each note on its reference’s page, within its document, never on a blank page', () => {
    // alpha ends with a note, half a page above the blank verso before beta: the note stays
    // at the foot of its reference's page (the letter edition once set it alone on the blank).
    const pdf = pdfOf(id);
    const starts = [...documents.slice(1).map((d) => `${d}--title`), 'glossary'].map((dest) =>
      pdf.destinations.get(dest),
    );
    const placed: string[] = [];
    documents.forEach((document, n) => {
      const end = starts[n];
      if (end === undefined) throw new Error(`no start page after ${document}`);
      for (const [dest, notePage] of pdf.destinations) {
        const number = dest.match(new RegExp(`^${document}--fn-(\\d+)$`))?.[1];
        if (!number) continue;
        const referencePage = pdf.destinations.get(`${document}--fnref-${number}`);
        const page = pdf.pages[notePage - 1];
        const noteText = page?.text.match(new RegExp(`${number}\\. The note [^.]*\\.`))?.[0] ?? '';
        const textAbove = page?.text.replace(noteText, '').replace(/\s+/g, '') ?? '';
        const company = textAbove === '' ? 'alone' : 'with text';
        placed.push(`${dest}: page ${notePage}, reference ${referencePage}, ${company}`);
        expect(noteText, `the text of ${dest} on page ${notePage}`).not.toBe('');
        expect(placed.at(-1)).toBe(
          `${dest}: page ${referencePage}, reference ${referencePage}, with text`,
        );
        expect(notePage).toBeLessThan(end);
      }
    });
    expect(placed.length).toBeGreaterThan(0);
  });

  it('says "on page N" only when the target is on another page, and N is its page', () => {
    const pdf = pdfOf(id);
    const text = pdf.pages.map((p) => p.text).join('\n');
    // Justified lines come apart into words: compare words.
    expect(normalise(text)).toContain(normalise('as Section 1, Opening says of itself'));
    expect(normalise(text)).toMatch(/section 2 repeats in alpha on page \d+/);
    let references = 0;
    for (const page of pdf.pages) {
      for (const link of page.links) {
        if (!/^\d+$/.test(link.text) || !page.text.includes(`on page ${link.text}`)) continue;
        const target = pdf.destinations.get(link.dest);
        if (!target || target >= backMatter(pdf).glossary) continue;
        references += 1;
        expect(pdf.pages[target - 1]?.label).toBe(link.text);
        expect(target).not.toBe(page.number);
      }
    }
    expect(references).toBeGreaterThan(0);
  });

  it('has a page-list entry for every PDF page, each before words of that page', async () => {
    const epub = epubs.get(id);
    if (!epub) throw new Error('no EPUB');
    const check = await checkPageList(pdfOf(id), epub);
    expect(check.listLabels).toEqual(check.pdfLabels);
    expect(check.disagreements).toEqual([]);
  });

  it('indents a wrapped main entry deeper than a subentry (hanging indent)', async () => {
    const bytes = pdfBytes(path.join(result.outDir, id, `${id}.pdf`));
    const task = getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 });
    const document = await task.promise;
    try {
      const page = await document.getPage(backMatter(pdfOf(id)).index);
      const items = (await page.getTextContent()).items.filter(
        (i): i is { str: string; transform: number[] } & typeof i =>
          'str' in i && i.str.trim() !== '',
      );
      const x = (i: { transform: number[] }) => i.transform[4] ?? 0;
      const y = (i: { transform: number[] }) => i.transform[5] ?? 0;
      // Justified lines come as one item per word.
      const at = (words: string) =>
        items.findIndex((_, n) =>
          words.split(' ').every((word, k) => items[n + k]?.str.trim() === word),
        );
      const first = at('an index entry whose');
      const start = items[first];
      if (!start) throw new Error('the long entry is not on the index page');
      const continuation = items.slice(first + 1).find((i) => y(i) < y(start) - 1);
      const sub = items[at('its subentry')];
      if (!continuation || !sub) throw new Error('no continuation line or subentry');
      expect(x(sub)).toBeGreaterThan(x(start) + 2);
      expect(x(continuation)).toBeGreaterThan(x(sub) + 2);
    } finally {
      await task.destroy();
    }
  });

  it('writes the EPUB index in the EPUB Indexes vocabulary', async () => {
    const epub = epubs.get(id);
    if (!epub) throw new Error('no EPUB');
    const tree = await epub.xml('OEBPS/index.xhtml');
    const typed = (type: string) => elements(tree, (e) => epubType(e).includes(type));
    for (const list of typed('index-entry-list')) expect(list.name).toBe('ul');
    const entries = typed('index-entry');
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      expect(entry.name).toBe('li');
      const terms = entry.children.filter(
        (c) => c.type === 'element' && epubType(c).includes('index-term'),
      );
      expect(terms).toHaveLength(1);
      const lists = entry.children.filter(
        (c) => c.type === 'element' && epubType(c).includes('index-locator-list'),
      );
      expect(lists.length).toBeLessThanOrEqual(1);
    }
    for (const locator of typed('index-locator')) expect(locator.name).toBe('a');
    for (const range of typed('index-locator-range')) {
      const links = elements(range, (e) => e.name === 'a');
      expect(links.length).toBeGreaterThanOrEqual(1);
      expect(links.length).toBeLessThanOrEqual(2);
    }
    expect(typed('index-locator-range').length).toBeGreaterThan(0);
    expect(typed('index-xref-related').length).toBeGreaterThan(0);
    expect(typed('index-xref-preferred').length).toBeGreaterThan(0);
    const glossary = await epub.text('OEBPS/glossary.xhtml');
    expect(glossary).not.toMatch(/epub:type="index-/);
  });
});

describe('the EPUB of the fixture', () => {
  it('passes EPUBCheck', () => {
    const bytes = epubBytes.get('pack-a4');
    if (!bytes) throw new Error('no EPUB');
    const report = runEpubcheck(bytes, 'apparatus.epub');
    expect(report.messages).toEqual([]);
  }, 60_000);
});

describe('a glossary of one document', () => {
  it('names under "See also" only entries it holds', () => {
    const { edition } = buildHtmlEdition(configPath, 'beta-alone');
    const html = edition.html;
    expect(html).toContain('id="glossary--cyber-range"');
    expect(html).not.toContain('data localisation');
    const related = [...html.matchAll(/class="glossary-related">(.*?)<\/p>/g)].map((m) =>
      normalise((m[1] ?? '').replace(/<[^>]+>/g, ' ')),
    );
    expect(related).toEqual(['see also zero trust', 'see also cyber range']);
  });
});
