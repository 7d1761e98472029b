/**
 * EPUBCheck and the read-back checks on a small project of our own (two documents, deep
 * headings, a table, an edition without back matter), built through the pipeline.
 */

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../src/write/write.ts';
import { frontMatter } from '../helpers/build.ts';
import {
  brokenFragmentLinks,
  buildEpubs,
  navHrefs,
  openEpub,
  runAce,
  runEpubcheck,
} from './epub-helpers.ts';
import { makeFixtureProject } from './fixture-project.ts';

let outputs: Output[] = [];

beforeAll(async () => {
  const result = await buildEpubs(path.join(makeFixtureProject(), 'folio.config.yaml'));
  const messages = result.files.flatMap((f) => f.messages.filter((m) => m.fatal).map(String));
  expect(messages).toEqual([]);
  outputs = result.outputs;
});

const book = (edition: string): Uint8Array => {
  const output = outputs.find((o) => o.edition === edition);
  if (!output) throw new Error(`no EPUB for ${edition}`);
  return output.bytes;
};

describe.each(['pack', 'gamma-alone'])('the fixture %s EPUB', (edition) => {
  it('passes EPUBCheck with no fatal error, error or warning', () => {
    const report = runEpubcheck(book(edition), `${edition}.epub`);
    expect(report.messages).toEqual([]);
    expect([report.fatals, report.errors, report.warnings]).toEqual([0, 0, 0]);
  }, 60_000);

  it('has no fragment link to a missing file or id', async () => {
    expect(await brokenFragmentLinks(await openEpub(book(edition)))).toEqual([]);
  });
});

describe('the fixture pack EPUB', () => {
  it('nests the contents down to level-6 headings', async () => {
    const epub = await openEpub(book('pack'));
    const hrefs = (await navHrefs(epub, 'toc')).map((a) => String(a.attributes.href));
    expect(hrefs).toEqual(
      expect.arrayContaining([
        'alpha.xhtml#alpha--deepest-five',
        'alpha.xhtml#alpha--deepest-six',
        'beta.xhtml#beta--method',
        'glossary.xhtml#glossary',
        'index.xhtml#index',
      ]),
    );
    const nav = await epub.text('OEBPS/toc.xhtml');
    // Depth six sits five lists deep under its document's entry.
    expect(nav).toMatch(/(<ol class="toc-sections">.*){5}1\.1\.1\.1\.1 Deepest six/);
  });

  it('links across documents to the other chapter file', async () => {
    const epub = await openEpub(book('pack'));
    expect(await epub.text('OEBPS/alpha.xhtml')).toContain('href="beta.xhtml#beta--method"');
    expect(await epub.text('OEBPS/beta.xhtml')).toContain('href="alpha.xhtml#alpha--scope"');
  });

  it('keeps table cell alignment, as CSS', async () => {
    const text = await (await openEpub(book('pack'))).text('OEBPS/alpha.xhtml');
    expect(text).toMatch(/<td style="text-align: ?right;?">12<\/td>/);
    expect(text).not.toMatch(/ align="/);
  });

  it('stores each image once under a content-hashed name, keeping empty alt text', async () => {
    const epub = await openEpub(book('pack'));
    const images = epub.names.filter((n) => /^OEBPS\/images\/[0-9a-f]{16}\.png$/.test(n));
    expect(images).toHaveLength(1);
    const href = images[0]?.slice('OEBPS/'.length);
    const text = await epub.text('OEBPS/alpha.xhtml');
    expect(text).toContain(`<img src="${href}" alt="" />`);
    expect(text).toContain(`<img src="${href}" alt="A red square" />`);
    expect(text).not.toContain('data-file');
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toContain(`href="${href}" media-type="image/png" />`);
  });

  it('passes Ace by DAISY with no violation', () => {
    const report = runAce(book('pack'), 'pack.epub');
    expect(report.violations).toEqual([]);
    expect(report.exitCode).toBe(0);
  }, 120_000);

  it('takes creators, publishers and dates from the front matter and the cover', async () => {
    const opf = await (await openEpub(book('pack'))).text('OEBPS/content.opf');
    expect(opf).toContain('<dc:creator id="creator-1">A. Author</dc:creator>');
    expect(opf).toContain('<dc:creator id="creator-2">B. Author</dc:creator>');
    expect(opf).toContain('<dc:publisher>Alpha Ministry</dc:publisher>');
    expect(opf).toContain('<dc:publisher>Beta Journal</dc:publisher>');
    expect(opf).toContain('<dc:date>2021-05-04</dc:date>');
    expect(opf).toContain('<dc:title id="subtitle">Two documents &amp; a glossary</dc:title>');
  });
});

describe('the fixture gamma-alone EPUB', () => {
  it('has neither glossary nor index chapter, nor landmarks for them', async () => {
    const epub = await openEpub(book('gamma-alone'));
    expect(epub.xhtmlFiles().sort()).toEqual(['cover.xhtml', 'gamma.xhtml', 'toc.xhtml']);
    const landmarks = (await navHrefs(epub, 'landmarks')).map((a) => String(a.attributes.href));
    expect(landmarks).toEqual(['cover.xhtml', 'toc.xhtml#contents', 'gamma.xhtml']);
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).not.toContain('<meta property="schema:accessibilityFeature">index</meta>');
  });
});

describe('an EPUB of a manuscript with a remote image', () => {
  it('is not written: the image is an error at its place, before any rendering', async () => {
    const dir = makeFixtureProject({
      'gamma.md': `${frontMatter('gamma')}## Only {#only}\n\n![Logo](https://example.org/logo.png)\n`,
    });
    const result = await buildEpubs(path.join(dir, 'folio.config.yaml'));
    expect(result.written).toBe(false);
    const messages = result.files.flatMap((f) => f.messages.filter((m) => m.fatal));
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['image:remote', 11]]);
  });
});
