/**
 * A book with figures and tables over many pages: a guide of three chapters whose figures
 * (image titles, `:::figure` directives, one of two images) and tables (`:::table`, a
 * `Table:` paragraph after and one before its table) are numbered per chapter, with
 * cross-references forward and backward several pages apart, and an annex document with a
 * figure of its own referred to from the guide; two numbered equations, numbered as the
 * figures are; lists of figures and tables in front. The
 * `book` edition (A4, every format) numbers per chapter, the `pocket` one (A5, print)
 * through each document.
 */
import { makeProject } from '../helpers/build.ts';

/** An SVG picture of a given height (in px) with a word drawn in it. */
const picture = (word: string, height: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="${height}" viewBox="0 0 400 ${height}"><rect x="2" y="2" width="396" height="${height - 4}" fill="#dfe8ef" stroke="#345"/><text x="200" y="${height / 2}" font-size="28" text-anchor="middle" fill="#345">${word}</text></svg>`;

const filler = (topic: string, paragraphs: number) =>
  Array.from(
    { length: paragraphs },
    (_, i) =>
      `Paragraph ${i + 1} about ${topic}. The water of the basin rises in spring and falls in late summer, when the river that feeds it runs low and the wind turns to the south; the measurements below were taken at the same three stations every month for eleven years, and they are set out here with the methods used to take them.`,
  ).join('\n\n');

export function makeFiguresProject(edition: string[] = []): string {
  return makeProject({
    'folio.config.yaml': [
      'title: Figures fixture',
      'language: en',
      'documents:',
      '  - id: guide',
      '    title: The Basin Guide',
      '    files: [one.md, two.md]',
      '  - id: annex',
      '    title: Annex',
      '    files: [annex.md]',
      'editions:',
      '  - id: book',
      '    documents: [guide, annex]',
      '    formats: [html, pdf, epub]',
      '    figureNumbering: chapter',
      '    listOfFigures: true',
      '    listOfTables: true',
      ...edition,
      '  - id: pocket',
      '    documents: [guide, annex]',
      '    formats: [pdf]',
      '    paper: a5',
      '    listOfFigures: true',
      '    listOfTables: true',
      '',
    ].join('\n'),
    'images/basin.svg': picture('basin', 260),
    'images/river.svg': picture('river', 200),
    'images/dam.svg': picture('dam', 160),
    'images/weir.svg': picture('weir', 160),
    'images/annex.svg': picture('annex', 180),
    'one.md': `# The basin

As [](#fig-flood) shows (several pages on), the river floods; [](#tab-rain) gives the rain, and [](annex#fig-annex) the annex's map.

${filler('the basin', 3)}

![The basin seen from the north](images/basin.svg "The basin at dawn"){#fig-basin}

${filler('the shores', 6)}

| Month | Rain (mm) |
| --- | --- |
| March | 41 |
| April | 55 |
| May | 63 |

Table: Rainfall by month at the north station {#tab-rain}

${filler('the rain', 6)}

# The river

Back to [](#fig-basin), and on to [](#tab-wind). The discharge is [](#eq-flow):

$$ {#eq-flow}
Q = v A
$$

${filler('the river', 5)}

:::figure[The river *in flood*, 2019]{#fig-flood}
![The river in flood](images/river.svg)
:::

${filler('the floods', 7)}
`,
    'two.md': `# The works

The dam and the weir: [](#fig-works); the rain again: [](#tab-rain); the first figure: [](#fig-basin); the discharge again: [](#eq-flow).

$$ {#eq-head}
h = \\frac{v^2}{2g}
$$

${filler('the works', 4)}

:::figure{#fig-works caption="The dam and the weir"}
![The dam](images/dam.svg) ![The weir](images/weir.svg)
:::

${filler('the dam', 6)}

Table: Wind by month {#tab-wind}

| Month | Wind (m/s) |
| --- | --- |
| March | 6 |
| April | 5 |

:::table[Stations and their heights]{#tab-stations}
| Station | Height (m) |
| --- | --- |
| North | 112 |
| South | 98 |
:::

${filler('the stations', 3)}
`,
    'annex.md': `# Annex

${filler('the annex', 2)}

![A map of the annex](images/annex.svg "The annex map"){#fig-annex}

Compare [](guide#fig-basin).
`,
  });
}
