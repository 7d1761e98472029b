/**
 * A long document of many chapters, for part-wise printing cut at chapters: six `#`
 * chapters of a few pages each, every one opening on a right-hand page (`rectoChapters`),
 * with footnotes numbered through the document, figures and equations numbered within
 * chapters, and references between chapters; a short document after it, and a stylesheet
 * that prints `counter(pages)` and has a `:first` in a comma-separated page selector.
 */
import { filler } from '../apparatus/apparatus-project.ts';
import { frontMatter, makeProject } from '../helpers/build.ts';
import { projectConfig } from '../helpers/project-config.ts';

export const chapterCount = 5;

function chapter(n: number): string {
  return `# Chapter ${n} of the long report {#ch-${n}}

${filler(4 + (n % 2) * 3, `chapter ${n}`)}

A claim of chapter ${n} has a note.[^n${n}a]

:::figure[The ${n}th figure]{#fig-${n}}
![A square](square.png)
:::

$$E_${n} = m c^${n}$$ {#eq-${n}}

${filler(3, `the end of chapter ${n}`)}

See [](#fig-${n}) and [](#eq-${n}); a second note stands here.[^n${n}b]

${filler(1, `the close of chapter ${n}`)}

[^n${n}a]: The first note of chapter ${n}, numbered through the document.
[^n${n}b]: The second note of chapter ${n}.
`;
}

// A 1 × 1 grey PNG.
const square = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
  'base64',
);

export function makeChapterPartsProject(): string {
  return makeProject({
    'folio.config.yaml': projectConfig({
      title: 'Chapter parts fixture',
      language: 'en',
      documents: [
        { id: 'long', shortTitle: 'Long' },
        { id: 'short', shortTitle: 'Short' },
      ],
      stylesheets: ['styles/parts.css'],
      editions: [
        {
          id: 'book',
          documents: ['long', 'short'],
          formats: ['pdf'],
          paper: 'a5',
          rectoChapters: true,
          figureNumbering: 'chapter',
        },
      ],
    }),
    'styles/parts.css': [
      '@page { @bottom-center { content: "of " counter(pages); font-size: 7pt; } }',
      '@page :right, :first { @bottom-left { content: "right-or-first"; font-size: 7pt; } }',
      '',
    ].join('\n'),
    'square.png': square,
    'long.md': `${frontMatter('long')}${Array.from({ length: chapterCount }, (_, i) => chapter(i + 1)).join('\n')}`,
    'short.md': `${frontMatter('short')}## After the long report {#after}

${filler(3, 'the short one')} See [](long#ch-3).
`,
  });
}
