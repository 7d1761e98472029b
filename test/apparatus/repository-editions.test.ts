/**
 * The repository's own editions pass the apparatus checks of the fixture: every index and
 * glossary locator read back from the PDF, and the EPUB page-list against the PDF's pages.
 * Read from the repository's shared build: the one-document `cae-2016` and the
 * `briefing-pack` (cover, two documents).
 */
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
