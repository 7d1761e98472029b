/**
 * The EPUB's page-list follows the print's pagination, so the print renders first
 * whatever order `formats` lists them in: `[epub, pdf]` gives the EPUB that `[pdf, epub]`
 * gives, page-list included. The archive, which packs the other outputs, renders last.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOrder } from '../../src/pipeline/edition.ts';
import { renderers } from '../../src/render/renderers.ts';
import { sha256 } from '../../src/write/manifest.ts';
import { buildInTemp, documentProject } from '../helpers/build.ts';
import { navHrefs, openEpub } from './epub-helpers.ts';

describe('render order', () => {
  it('puts the print before the EPUB and keeps the rest in config order', () => {
    expect(renderOrder(['epub', 'pdf'])).toEqual(['pdf', 'epub']);
    expect(renderOrder(['epub', 'html', 'pdf'])).toEqual(['pdf', 'epub', 'html']);
    expect(renderOrder(['html', 'pdf', 'epub'])).toEqual(['html', 'pdf', 'epub']);
    expect(renderOrder(['epub', 'html'])).toEqual(['epub', 'html']);
  });
});

const paragraphs = Array.from({ length: 40 }, (_, i) =>
  `Paragraph ${i + 1} of the test document, long enough to fill part of a page. `.repeat(4),
).join('\n\n');

async function epubBuiltWith(formats: string[]): Promise<Uint8Array> {
  const dir = documentProject(`# Test document\n\n${paragraphs}\n`, { formats });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), {
    pdf: renderers.pdf,
    epub: renderers.epub,
  });
  expect(result.written).toBe(true);
  return new Uint8Array(readFileSync(path.join(result.outDir, 'doc/doc.epub')));
}

describe('an EPUB listed before its print', () => {
  it('is the EPUB built when the print is listed first, with its page-list', async () => {
    const printFirst = await epubBuiltWith(['pdf', 'epub']);
    const epubFirst = await epubBuiltWith(['epub', 'pdf']);
    expect((await navHrefs(await openEpub(epubFirst), 'page-list')).length).toBeGreaterThan(1);
    expect(sha256(epubFirst)).toBe(sha256(printFirst));
  }, 120_000);
});
