/**
 * The EPUBs of the repository's own editions, built as `folio build` builds them: valid
 * for EPUBCheck and Ace, with every section in the navigation, every link landing on an
 * existing id, the landmarks, and a container whose `mimetype` comes first, stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import type { Output } from '../../src/write/write.ts';
import { repositoryEpubs } from '../helpers/shared-build.ts';
import {
  brokenFragmentLinks,
  epubType,
  firstZipEntry,
  navHrefs,
  openEpub,
  repoConfig,
  runAce,
  runEpubcheck,
} from './epub-helpers.ts';

const editions = ['cae-2016', 'mfa-2017', 'briefing-pack', 'annotated'];
let outputs: Output[] = [];

beforeAll(async () => {
  // Shared with the other files that read the repository's EPUBs.
  const result = await repositoryEpubs();
  expect(result.written).toBe(true);
  outputs = result.outputs;
}, 300_000);

const book = (edition: string): Uint8Array => {
  const output = outputs.find((o) => o.edition === edition);
  if (!output) throw new Error(`no EPUB for ${edition}`);
  return output.bytes;
};

describe.each(editions)('the %s EPUB', (edition) => {
  it('is at <edition>/<edition>.epub', () => {
    expect(outputs.find((o) => o.edition === edition)?.path).toBe(`${edition}/${edition}.epub`);
  });

  it('passes EPUBCheck with no fatal error, error or warning', () => {
    const report = runEpubcheck(book(edition), `${edition}.epub`);
    expect(report.messages).toEqual([]);
    expect([report.fatals, report.errors, report.warnings]).toEqual([0, 0, 0]);
  }, 60_000);

  it('passes Ace by DAISY with no violation', () => {
    const report = runAce(book(edition), `${edition}.epub`);
    expect(report.violations).toEqual([]);
    expect(report.outcome).toBe('pass');
    expect(report.exitCode).toBe(0);
  }, 120_000);

  it('starts with the mimetype entry, stored', () => {
    expect(firstZipEntry(book(edition))).toEqual({
      name: 'mimetype',
      method: 0,
      data: 'application/epub+zip',
    });
  });

  it('lists every section of its documents in the nav, linked to its chapter', async () => {
    const epub = await openEpub(book(edition));
    const hrefs = (await navHrefs(epub, 'toc')).map((a) => String(a.attributes.href));
    const { collected, editions: configured } = checkProject(repoConfig, [edition]);
    const sections = (configured[0]?.documents ?? []).flatMap((id) =>
      collected.registry.sectionsOf(id),
    );
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      expect(hrefs).toContain(`${section.documentId}.xhtml#${section.anchor}`);
    }
  });

  it('has no fragment link to a missing file or id', async () => {
    const epub = await openEpub(book(edition));
    expect(await brokenFragmentLinks(epub)).toEqual([]);
  });

  it('has landmarks for the cover, contents, body, glossary and index', async () => {
    const epub = await openEpub(book(edition));
    const landmarks = (await navHrefs(epub, 'landmarks')).map(
      (a) => `${epubType(a).join(' ')} ${String(a.attributes.href)}`,
    );
    expect(landmarks).toEqual([
      'cover cover.xhtml',
      'toc toc.xhtml#contents',
      `bodymatter ${edition === 'mfa-2017' ? 'mfa-2017' : 'cae-2016'}.xhtml`,
      'glossary glossary.xhtml#glossary',
      'index index.xhtml#index',
    ]);
  });

  it('declares the cover image, accessibility metadata and no page-list without print', async () => {
    const epub = await openEpub(book(edition));
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toMatch(
      /<item id="cover-image" href="images\/cover-[0-9a-f]{16}\.png" media-type="image\/png" properties="cover-image" \/>/,
    );
    for (const line of [
      '<meta property="schema:accessMode">textual</meta>',
      '<meta property="schema:accessModeSufficient">textual</meta>',
      '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
      '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
      '<meta property="schema:accessibilityFeature">index</meta>',
      '<meta property="schema:accessibilityHazard">none</meta>',
      '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>',
      '<dc:language>en</dc:language>',
    ]) {
      expect(opf).toContain(line);
    }
    expect(opf).toMatch(/<dc:identifier id="pub-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/);
    expect(opf).not.toContain('source-of');
    expect(await navHrefs(epub, 'page-list')).toEqual([]);
  });

  it('keeps the semantics of the glossary, index and editorial notes', async () => {
    const epub = await openEpub(book(edition));
    const glossary = await epub.text('OEBPS/glossary.xhtml');
    expect(glossary).toMatch(/<section[^>]* role="doc-glossary" epub:type="glossary"/);
    const index = await epub.text('OEBPS/index.xhtml');
    expect(index).toMatch(/<section[^>]* role="doc-index" epub:type="index"/);
    const document = await epub.text(
      `OEBPS/${edition === 'mfa-2017' ? 'mfa-2017' : 'cae-2016'}.xhtml`,
    );
    expect(document).toMatch(/<aside class="editorial-note" role="note" id="[^"]+">/);
  });
});
