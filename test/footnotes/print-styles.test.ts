/**
 * The loaded print page is measured in print styles. Folio places footnotes, settles
 * hyphens and looks for wide elements in the loaded page before Chromium prints it; a rule
 * that only print sets (`@media print`, here larger type) must hold while they measure, or
 * the page the footnotes were laid out on is not the page printed. The footnote book
 * (footnote-book.ts), printed with such a rule: every note starts on its reference's page.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderers } from '../../src/render/renderers.ts';
import { buildInTemp, makeProject } from '../helpers/build.ts';
import { pagesText as readPagesText } from '../helpers/pdf.ts';
import { footnoteBook } from './footnote-book.ts';

const book = footnoteBook({
  printStyles: '@media print { p { font-size: 12.5pt; line-height: 1.7; } }\n',
});
let pagesText: string[] = [];
let offPageReported: string[] = [];

beforeAll(async () => {
  const dir = makeProject(book.files);
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), {
    pdf: renderers.pdf,
  });
  expect(result.written).toBe(true);
  offPageReported = result.files
    .flatMap((f) => f.messages)
    .filter((m) => m.ruleId === 'pdf:footnote-off-page')
    .map(String);
  const pdf = path.join(result.outDir, 'book/book.pdf');
  pagesText = readPagesText(pdf);
}, 600_000);

const pageOf = (word: string) =>
  pagesText.flatMap((text, i) => (text.includes(word) ? [i + 1] : []));

describe('a print-only style', () => {
  it('holds while the footnotes are placed: each note on its reference’s page', () => {
    // The larger print type takes more pages than the screen's would.
    expect(pagesText.length).toBeGreaterThan(30);
    const offPage = book.notes.filter((note) => pageOf(note.key)[0] !== pageOf(note.before)[0]);
    // Measured: 0 of 50 off; 42 of 50 while the footnotes were placed in screen styles
    // (print emulated only while the hyphens and wide elements were measured).
    expect(offPage.map((n) => `${n.document}--fn-${n.number}`)).toEqual([]);
    expect(offPageReported).toEqual([]);
  });
});
