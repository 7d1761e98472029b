/**
 * The run's Ace service reports what the `ace` command reports: the same violations for a
 * book with an image without alternative text (so an inaccessible book still fails), and
 * nothing left over from that book for a clean one checked after it by the same browser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { pixelPng } from '../../epub/fixture-project.ts';
import { aceByCommand, aceService, checkInAceService, readAceReport } from './ace.ts';

/** A one-chapter EPUB 3 with its accessibility metadata; the flawed one's image has no alt. */
async function probeBook(flawed: boolean): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    '<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  );
  const meta = (property: string, value: string) => `<meta property="${property}">${value}</meta>`;
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="en"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:0b9b2c4e-1f7e-4c1b-9d3e-2a6f0c7d8e91</dc:identifier><dc:title>Probe</dc:title><dc:language>en</dc:language>${meta('dcterms:modified', '2020-01-01T00:00:00Z')}${meta('schema:accessMode', 'textual')}${meta('schema:accessMode', 'visual')}${meta('schema:accessModeSufficient', 'textual')}${meta('schema:accessibilityFeature', 'alternativeText')}${meta('schema:accessibilityFeature', 'structuralNavigation')}${meta('schema:accessibilityHazard', 'none')}${meta('schema:accessibilitySummary', 'A probe.')}</metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="c" href="chapter.xhtml" media-type="application/xhtml+xml"/><item id="i" href="pixel.png" media-type="image/png"/></manifest><spine><itemref idref="c"/></spine></package>`,
  );
  const page = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en"><head><title>Probe</title></head><body>${body}</body></html>`;
  zip.file(
    'OEBPS/nav.xhtml',
    page(
      '<nav epub:type="toc" role="doc-toc"><ol><li><a href="chapter.xhtml">Chapter</a></li></ol></nav>',
    ),
  );
  zip.file(
    'OEBPS/chapter.xhtml',
    page(
      `<main><h1>Chapter</h1><p>Text.</p><img src="pixel.png"${flawed ? '' : ' alt="A pixel"'} /></main>`,
    ),
  );
  zip.file('OEBPS/pixel.png', pixelPng);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('the Ace service', () => {
  it('reports what the ace command reports, and nothing of one book in the next', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'folio-ace-probe-'));
    const flawed = path.join(folder, 'flawed.epub');
    const clean = path.join(folder, 'clean.epub');
    writeFileSync(flawed, await probeBook(true));
    writeFileSync(clean, await probeBook(false));

    expect(aceService(), 'the run has an Ace service').toBeDefined();
    const flawedReport = path.join(folder, 'flawed-service');
    const cleanReport = path.join(folder, 'clean-service');
    // The service checks both books (no fallback to the command): then their reports are read.
    const flawedCode = checkInAceService(flawed, flawedReport);
    const cleanCode = checkInAceService(clean, cleanReport);
    expect([flawedCode, cleanCode]).toEqual([2, 0]);
    const inService = readAceReport(flawedReport, flawedCode ?? null);
    const afterIt = readAceReport(cleanReport, cleanCode ?? null);

    const byCommand = aceByCommand(flawed, path.join(folder, 'flawed-command'));
    const cleanByCommand = aceByCommand(clean, path.join(folder, 'clean-command'));

    expect(inService.outcome).toBe('fail');
    expect(inService.violations).toEqual([
      'chapter.xhtml critical image-alt <img xmlns="http://www.w3.org/1999/xhtml" src="pixel.png" />',
    ]);
    expect(inService).toEqual(byCommand);
    expect(afterIt).toEqual({ exitCode: 0, outcome: 'pass', violations: [] });
    expect(afterIt).toEqual(cleanByCommand);
  }, 300_000);
});
