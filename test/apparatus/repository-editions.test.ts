/**
 * The repository's own editions pass the apparatus checks of the fixture: every index and
 * glossary locator read back from the PDF, and the EPUB page-list against the PDF's pages.
 * Read from the repository's shared build: the one-document `cae-2016` and the
 * `briefing-pack` (cover, two documents).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckedProject } from '../../src/pipeline/pipeline.ts';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import { openEpub, repoConfig } from '../epub/epub-helpers.ts';
import { type ReadPdf, readPdf } from '../helpers/pdf.ts';
import { repositoryBuild } from '../helpers/shared-build.ts';
import {
  checkLocators,
  checkPageList,
  glossaryUses,
  indexUses,
  pdfBytes,
} from './apparatus-checks.ts';

const editions = ['cae-2016', 'briefing-pack'];
let outDir: string;
let checked: CheckedProject;
const pdfs = new Map<string, ReadPdf>();

beforeAll(async () => {
  // The editions as `folio build` makes them, shared with the other files that read them.
  const shared = await repositoryBuild();
  expect(shared.written).toBe(true);
  outDir = shared.outDir;
  checked = checkProject(repoConfig);
  for (const id of editions)
    pdfs.set(id, await readPdf(pdfBytes(path.join(outDir, id, `${id}.pdf`))));
}, 300_000);

describe.each(editions)('the repository edition %s', (id) => {
  const documents = () => checked.editions.find((e) => e.id === id)?.documents ?? [];
  const pdf = () => {
    const read = pdfs.get(id);
    if (!read) throw new Error(`no PDF for ${id}`);
    return read;
  };

  it('prints every use of every index entry and glossary term, per page', () => {
    const registry = checked.collected.registry;
    const glossary = pdf().destinations.get('glossary') ?? 0;
    const index = pdf().destinations.get('index') ?? 0;
    for (const check of [
      checkLocators(pdf(), indexUses(registry, documents()), index, pdf().pages.length),
      checkLocators(pdf(), glossaryUses(registry, documents()), glossary, index - 1),
    ]) {
      expect(check.unmeasured).toEqual([]);
      expect(check.mismatches).toEqual([]);
      expect(check.wrongLinks).toEqual([]);
      expect(check.printed).toBeGreaterThan(0);
    }
  });

  it('has a page-list entry before words of every PDF page, a continued contents too', async () => {
    const epub = await openEpub(pdfBytes(path.join(outDir, id, `${id}.epub`)));
    const check = await checkPageList(pdf(), epub);
    expect(check.disagreements).toEqual([]);
    expect(check.listLabels).toEqual(check.pdfLabels);
  });
});

describe("the briefing pack's handling marking", () => {
  it('stands above the running head in the top margin of every page, clear of it', () => {
    const file = path.join(outDir, 'briefing-pack', 'briefing-pack.pdf');
    const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    // The top margin is 24 mm (68 pt): words above it are the marking's and the head's.
    const pages = boxes.split('<page ').slice(1);
    let withHead = 0;
    pages.forEach((page, i) => {
      const words = [
        ...page.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g),
      ].map((m) => ({ top: Number(m[1]), bottom: Number(m[2]), word: m[3] as string }));
      const margin = words.filter((w) => w.bottom < 68);
      const marking = margin.filter((w) => w.word === 'OFFICIAL');
      const head = margin.filter((w) => w.word !== 'OFFICIAL');
      if (marking.length === 0 || head.length === 0) return;
      withHead++;
      const lowestMarking = Math.max(...marking.map((w) => w.bottom));
      const highestHead = Math.min(...head.map((w) => w.top));
      expect(highestHead - lowestMarking, `page ${i + 1}`).toBeGreaterThan(4);
    });
    expect(withHead).toBeGreaterThan(10);
  });
});
