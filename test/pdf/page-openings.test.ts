/**
 * The words a page opens with (the EPUB page-list marks a page where they stand) come from
 * the text between the edition's top and bottom margins, whatever the paper and margins:
 * the folio and the markings in the margins are left out, the text block's first line is
 * kept. Read from a small hand-written PDF whose lines stand at known heights.
 */
import { describe, expect, it } from 'vitest';
import { pageOpenings } from '../../src/render/pdf/page-openings.ts';
import { pdfFromObjects } from '../../src/render/pdf/pdf-objects.ts';

const pt = (mm: number) => (mm * 72) / 25.4;

/** A one-page PDF of `height` mm holding each line at its height above the page's foot (mm). */
function pdfWithLines(widthMm: number, heightMm: number, lines: Array<[string, number]>) {
  const text = lines
    .map(([words, y]) => `BT /F1 10 Tf 40 ${pt(y).toFixed(2)} Td (${words}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pt(widthMm).toFixed(2)} ${pt(heightMm).toFixed(2)}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return pdfFromObjects(objects);
}

describe('page openings', () => {
  it('keeps the first line of a text block that starts close to the top edge', async () => {
    // 6 × 9 in with 10 mm margins: the first line's baseline 14 mm from the top, a folio at 5 mm.
    const pdf = pdfWithLines(152.4, 228.6, [
      ['OFFICIAL', 224],
      ['First line of the page', 214.6],
      ['second line', 209],
      ['17', 5],
    ]);
    const openings = await pageOpenings(pdf, [1], { top: 10, bottom: 10 });
    expect(openings.get(1)).toBe('First line of the page second line');
  });

  it('leaves out the text in wide margins', async () => {
    // A4 with 24 mm above and 26 mm below: a running marking 15 mm from the top is a margin's.
    const pdf = pdfWithLines(210, 297, [
      ['OFFICIAL', 282],
      ['Body text', 268],
      ['iv', 14],
    ]);
    const openings = await pageOpenings(pdf, [1], { top: 24, bottom: 26 });
    expect(openings.get(1)).toBe('Body text');
  });
});
