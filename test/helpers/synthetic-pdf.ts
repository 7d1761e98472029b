/**
 * A PDF shaped as Chromium writes a tagged print (classic xref table, one Flate content
 * stream per page with an untagged margin box, `Art` structure elements, outline items
 * with literal titles), of any number of pages, for tests of post-processing that must
 * stay linear in the pages. `padding` bytes of incompressible data per page give the file
 * the size of a real print (fonts and images).
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export function syntheticTaggedPdf(pages: number, padding = 16_000): Uint8Array {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]?.length ?? 0;
  const write = (id: number, body: Buffer | string) => {
    offsets[id] = length + 1; // after the newline before it
    const bytes = Buffer.concat([
      Buffer.from(`\n${id} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj', 'latin1'),
    ]);
    chunks.push(bytes);
    length += bytes.length;
  };
  const stream = (dictionary: string, data: Buffer) =>
    Buffer.concat([
      Buffer.from(`<< ${dictionary} /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream', 'latin1'),
    ]);
  // 1 catalog, 2 page tree, 3 struct tree root, 4 outlines; then per page: page,
  // contents, padding, Art element, outline item.
  const per = 5;
  const first = 5;
  const pageId = (p: number) => first + p * per;
  const kids = Array.from({ length: pages }, (_, p) => `${pageId(p)} 0 R`).join(' ');
  const arts = Array.from({ length: pages }, (_, p) => `${pageId(p) + 3} 0 R`).join(' ');
  write(
    1,
    '<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 3 0 R /Outlines 4 0 R /MarkInfo << /Marked true >> >>',
  );
  write(2, `<< /Type /Pages /Count ${pages} /Kids [${kids}] >>`);
  write(3, `<< /Type /StructTreeRoot /K [${arts}] >>`);
  write(
    4,
    `<< /Type /Outlines /First ${pageId(0) + 4} 0 R /Last ${pageId(pages - 1) + 4} 0 R /Count ${pages} >>`,
  );
  for (let p = 0; p < pages; p++) {
    const id = pageId(p);
    write(
      id,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Pad ${id + 2} 0 R >> >> /Contents ${id + 1} 0 R /StructParents ${p} >>`,
    );
    const content = `/P << /MCID 0 >> BDC\nBT /F1 10 Tf 72 700 Td (Page ${p + 1} body) Tj ET\nEMC\nBT /F1 8 Tf 290 30 Td (${p + 1}) Tj ET\n`;
    write(id + 1, stream('/Filter /FlateDecode', deflateSync(Buffer.from(content, 'latin1'))));
    write(
      id + 2,
      stream('/Type /XObject /Subtype /Image /Width 1 /Height 1', randomBytes(padding)),
    );
    write(id + 3, `<< /Type /StructElem /S /Art /P 3 0 R /Pg ${id} 0 R /K 0 >>`);
    const links = [
      p > 0 ? `/Prev ${pageId(p - 1) + 4} 0 R` : '',
      p < pages - 1 ? `/Next ${pageId(p + 1) + 4} 0 R` : '',
    ].join(' ');
    write(
      id + 4,
      `<< /Title (Chapter ${p + 1}Chapter ${p + 1}) /Parent 4 0 R ${links} /Dest [${id} 0 R /XYZ 0 842 0] >>`,
    );
  }
  const size = pageId(pages);
  const xrefAt = length + 1;
  const entries = Array.from({ length: size }, (_, id) =>
    id === 0 ? '0000000000 65535 f \n' : `${String(offsets[id]).padStart(10, '0')} 00000 n \n`,
  ).join('');
  chunks.push(
    Buffer.from(
      `\nxref\n0 ${size}\n${entries}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(chunks));
}
