/**
 * A PDF written from its objects' bodies (object n is the n-th, the first the catalog),
 * with a classic cross-reference table, as Chromium writes one: the page map warms pdf.js
 * on such a PDF (page-map.ts), and tests build the pages they measure with it.
 */
export function pdfFromObjects(objects: readonly string[], version = '1.7'): Uint8Array {
  let body = `%PDF-${version}\n`;
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
