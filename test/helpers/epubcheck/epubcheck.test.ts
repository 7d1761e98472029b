/**
 * The run's EPUBCheck service reports what `java -jar epubcheck.jar` reports: the same
 * messages for a book with an error and a warning (so `--failonwarnings` holds), and
 * nothing left over from that book for a clean one checked after it in the same JVM.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  checkInService,
  epubcheckJar,
  epubcheckService,
  readEpubcheckReport,
} from './epubcheck.ts';

/** A one-chapter EPUB 3; the flawed one has a bad date (a warning) and a dead link (an error). */
async function probeBook(flawed: boolean): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    '<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  );
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:0b9b2c4e-1f7e-4c1b-9d3e-2a6f0c7d8e91</dc:identifier><dc:title>Probe</dc:title><dc:language>en</dc:language>${flawed ? '<dc:date>2020-13-45</dc:date>' : ''}<meta property="dcterms:modified">2020-01-01T00:00:00Z</meta></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="c" href="chapter.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>`,
  );
  const page = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en"><head><title>Probe</title></head><body>${body}</body></html>`;
  zip.file(
    'OEBPS/nav.xhtml',
    page('<nav epub:type="toc"><ol><li><a href="chapter.xhtml">Chapter</a></li></ol></nav>'),
  );
  zip.file(
    'OEBPS/chapter.xhtml',
    page(`<h1>Chapter</h1><p>Text${flawed ? ' <a href="missing.xhtml">gone</a>' : ''}.</p>`),
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('the EPUBCheck service', () => {
  it('reports what java -jar reports, and nothing of one book in the next', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'folio-epubcheck-probe-'));
    const flawed = path.join(folder, 'flawed.epub');
    const clean = path.join(folder, 'clean.epub');
    writeFileSync(flawed, await probeBook(true));
    writeFileSync(clean, await probeBook(false));

    expect(epubcheckService(), 'the run has an EPUBCheck service').toBeDefined();
    const flawedReport = path.join(folder, 'flawed-service.json');
    const cleanReport = path.join(folder, 'clean-service.json');
    // The service checks both books (no fallback to java -jar): then their reports are read.
    expect(checkInService(flawed, flawedReport)).toBe(true);
    expect(checkInService(clean, cleanReport)).toBe(true);
    const inService = readEpubcheckReport(flawedReport);
    const afterIt = readEpubcheckReport(cleanReport);

    const command = path.join(folder, 'flawed-command.json');
    const run = spawnSync(
      'java',
      ['-jar', epubcheckJar, flawed, '--json', command, '--failonwarnings'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(1);
    const byCommand = JSON.parse(readFileSync(command, 'utf8')) as {
      checker: { nError: number; nWarning: number };
      messages: Array<{ ID: string }>;
    };

    expect(inService).toMatchObject({ fatals: 0, errors: 1, warnings: 1 });
    expect(inService.messages.map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual([
      'WARNING OPF-053',
      'ERROR RSC-007',
    ]);
    expect([inService.errors, inService.warnings]).toEqual([
      byCommand.checker.nError,
      byCommand.checker.nWarning,
    ]);
    expect(inService.messages.map((m) => m.split(' ')[1])).toEqual(
      byCommand.messages.map((m) => m.ID),
    );
    expect(afterIt).toEqual({ fatals: 0, errors: 0, warnings: 0, messages: [] });
  }, 120_000);
});
