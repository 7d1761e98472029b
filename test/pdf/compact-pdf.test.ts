/**
 * The final write of a PDF (compact-pdf.ts): every object of a Chromium-shaped print, the
 * objects defined anew in their place, the dictionaries packed into object streams, a
 * cross-reference stream, an /ID from the bytes. qpdf and poppler read the result back.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compactPdf } from '../../src/render/pdf/compact-pdf.ts';
import type { ReplacedObject } from '../../src/render/pdf/document-objects.ts';
import { syntheticTaggedPdf } from '../helpers/synthetic-pdf.ts';

const work = mkdtempSync(path.join(tmpdir(), 'folio-compact-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let written = 0;
const saved = (pdf: Uint8Array) => {
  const file = path.join(work, `${++written}.pdf`);
  writeFileSync(file, pdf);
  return file;
};
const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' });
const text = (body: string): ReplacedObject => ({ id: 0, body: Buffer.from(body, 'latin1') });
const stream = (id: number, content: string): ReplacedObject => {
  const data = deflateSync(Buffer.from(content, 'latin1'));
  return {
    id,
    body: Buffer.concat([
      Buffer.from(`<< /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream', 'latin1'),
    ]),
  };
};

// The synthetic pages: 1 catalog, 2 page tree, 3 structure root, 4 outlines; then per page
// from 5: page, contents, padding image, Art element, outline item. 20 pages end at 104.
const pages = 20;
const printed = syntheticTaggedPdf(pages, 300);
const info = 105;
const replaced: ReplacedObject[] = [
  {
    ...text(
      '<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 3 0 R /Outlines 4 0 R /MarkInfo << /Marked true >> /Lang (de) >>',
    ),
    id: 1,
  },
  { ...text('<< /Title (Ein Buch) /Producer (Folio) >>'), id: info },
  stream(6, 'BT /F1 10 Tf 72 700 Td (Replaced first page) Tj ET\n'),
];
const compact = compactPdf(printed, replaced, { info });
const file = saved(compact);

describe('the final write', () => {
  it('leaves a file qpdf finds clean, with every page and the objects defined anew', () => {
    expect(run('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors/);
    const details = run('pdfinfo', [file]);
    expect(details).toMatch(/Pages:\s+20/);
    expect(details).toMatch(/Title:\s+Ein Buch/);
    expect(details).toMatch(/PDF version:\s+1\.7/);
    // The synthetic pages have no fonts: their content streams are read as qpdf decodes them.
    const content = (id: number) =>
      run('qpdf', [`--show-object=${id}`, '--filtered-stream-data', file]);
    expect(content(6)).toContain('(Replaced first page)');
    expect(content(11)).toContain('(Page 2 body)');
    expect(run('qpdf', ['--show-object=1', file])).toContain('/Lang (de)');
  });

  it('packs the dictionaries into object streams and writes the streams whole', () => {
    const xref = run('qpdf', ['--show-xref', file]);
    const entry = (id: number) => new RegExp(`^${id}/0: (.*)$`, 'm').exec(xref)?.[1] ?? '';
    // The catalog (defined anew), the page tree and a page: in object streams.
    for (const id of [1, 2, 5, info]) expect(entry(id)).toMatch(/^compressed; stream = \d+/);
    // A content stream (defined anew) and an image: written as they are.
    for (const id of [6, 7]) expect(entry(id)).toMatch(/^uncompressed; offset = \d+/);
    expect(compact.length).toBeLessThan(printed.length);
  });

  it('gives equal input equal bytes, and an /ID that follows the content', () => {
    expect(Buffer.compare(compactPdf(printed, replaced, { info }), compact)).toBe(0);
    const trailerId = (pdf: Uint8Array) =>
      /\/ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\]/.exec(Buffer.from(pdf).toString('latin1'));
    const own = trailerId(compact);
    expect(own?.[1]).toBe(own?.[2]);
    const other = compactPdf(printed, [...replaced.slice(0, 2), stream(6, 'BT ET\n')], { info });
    expect(trailerId(other)?.[1]).not.toBe(own?.[1]);
  });

  it('reads dictionaries longer than its first look, as a page tree of many pages is', () => {
    // 700 pages: the page tree's kids alone are over 5,000 bytes.
    const many = compactPdf(syntheticTaggedPdf(700, 10), []);
    const manyFile = saved(many);
    expect(run('qpdf', ['--check', manyFile])).toMatch(/No syntax or stream encoding errors/);
    expect(run('pdfinfo', [manyFile])).toMatch(/Pages:\s+700/);
  });

  it('leaves out what the document no longer reaches, as the print information it replaces', () => {
    // A catalog without bookmarks: the outline root and its items go; the pages stay.
    const catalog = {
      ...text('<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 3 0 R >>'),
      id: 1,
    };
    const xref = run('qpdf', ['--show-xref', saved(compactPdf(printed, [catalog]))]);
    expect(xref).not.toMatch(/^4\/0:/m);
    expect(xref).not.toMatch(/^9\/0:/m);
    expect(xref).toMatch(/^5\/0:/m);
    expect(xref).toMatch(/^8\/0:/m);
  });

  it('refuses an object defined anew twice', () => {
    expect(() =>
      compactPdf(printed, [...replaced, { ...replaced[0], id: 1 } as ReplacedObject]),
    ).toThrow(/Object 1 is defined anew twice/);
  });
});
