/**
 * The words of a cross-reference are in the language of the document that refers, not of
 * its target: the German document of `test/fixtures/referring-language/` names the English
 * document's equation, figure, table and section "Gleichung 2", "Abbildung 1", "Tabelle 1",
 * "Abschnitt 1.1", and the English one names the German equation "Equation 1". The caption
 * under a figure or table stays in its own document's language. One build (HTML and PDF),
 * read back both ways.
 */
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/pipeline/pipeline.ts';
import { htmlRenderer } from '../../src/render/html-renderer.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { buildInTemp, makeProject, repoRoot } from '../helpers/build.ts';
import { type ReadPdf, readPdf } from '../helpers/pdf.ts';

const fixture = path.join(repoRoot, 'test/fixtures/referring-language');

let result: BuildResult;
let pdf: ReadPdf;
const output = (name: string) => {
  const found = result.outputs.find((o) => o.path.endsWith(name));
  if (!found) throw new Error(`no output ${name}`);
  return found;
};
/** The printed label of the page a named destination is on. */
const pageLabel = (id: string) => pdf.pages[(pdf.destinations.get(id) ?? 0) - 1]?.label;
const allText = () =>
  pdf.pages
    .map((p) => p.text)
    .join('\n')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  const root = makeProject({}, fixture);
  result = await buildInTemp(path.join(root, 'folio.config.yaml'), {
    html: htmlRenderer,
    pdf: pdfRenderer,
  });
  expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([]);
  pdf = await readPdf(output('book.pdf').bytes);
}, 300_000);

describe('a reference names its target in the language of the text that refers', () => {
  it('in HTML: German words for English targets, English words for a German one', () => {
    const tree = fromHtml(new TextDecoder().decode(output('book.html').bytes));
    const references = selectAll('.xref', tree).map((e) => hastToString(e).replace(/\s+/g, ' '));
    expect(references).toEqual([
      'Equation 1',
      'Equation 1, in Flüsse',
      'Gleichung 2, in Rivers',
      'Abbildung 1, in Rivers',
      'Tabelle 1, in Rivers',
      'Abschnitt 1.1, Banks, in Rivers',
      'Gleichung 1',
    ]);
  });

  it('in print, with the page in the same language', () => {
    const text = allText();
    expect(text).toContain(
      `Der Abfluss folgt aus Gleichung 2, in Rivers, auf Seite ${pageLabel('rivers--eq-flow')}.`,
    );
    expect(text).toContain(`Abbildung 1, in Rivers, auf Seite ${pageLabel('rivers--fig-basin')}`);
    expect(text).toContain(`Tabelle 1, in Rivers, auf Seite ${pageLabel('rivers--tab-rain')}`);
    expect(text).toMatch(
      new RegExp(`Abschnitt 1\\.1, Banks, in Ri-? ?vers, auf Seite ${pageLabel('rivers--banks')}`),
    );
    expect(text).toContain(
      `the German gauge is Equation 1, in Flüsse, on page ${pageLabel('fluesse--eq-pegel')}.`,
    );
    expect(text).not.toMatch(/Equation 2, in Rivers|Figure 1, in Rivers|Section 1\.1, Banks/);
  });

  it('keeps the caption under the object in the object’s own language', () => {
    const page = pdf.pages[(pdf.destinations.get('rivers--fig-basin') ?? 0) - 1]?.text ?? '';
    expect(page).toContain('Figure 1: The basin at dawn');
    expect(page).toContain('Table 1: Rainfall by month');
    expect(allText()).not.toMatch(/Abbildung 1:|Tabelle 1:/);
  });
});
