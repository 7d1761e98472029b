/**
 * The apparatus fixture: three documents whose index marks and glossary terms land where
 * locators go missing most easily. Ranges run across pages (one opens mid-page), terms and
 * marks are used again and again in one long section, on several pages, and stand in
 * footnotes, table cells and list items; references point to targets on their own page
 * and on others. One project, built in A4 and in Letter; a one-document edition checks that
 * the glossary's "See also" names only entries it holds.
 */
import { frontMatter, makeProject } from '../helpers/build.ts';
import { projectConfig } from '../helpers/project-config.ts';

const words = [
  'policy',
  'network',
  'review',
  'agency',
  'treaty',
  'standard',
  'practice',
  'measure',
  'council',
  'report',
  'framework',
  'principle',
  'dialogue',
  'capacity',
  'partner',
  'exchange',
  'research',
  'security',
  'market',
  'service',
];

/** `n` paragraphs of plain prose (no glossary term, no index mark), distinct by `seed`. */
export function filler(n: number, seed: string): string {
  const paragraphs: string[] = [];
  for (let p = 0; p < n; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++) {
      const pick = (k: number) => words[(p * 7 + s * 3 + k * 5 + seed.length) % words.length];
      sentences.push(
        `The ${pick(1)} of ${seed} ${p + 1}.${s + 1} sets out how each ${pick(2)} meets the ${pick(3)} and the ${pick(4)} that follow from it over the years ahead.`,
      );
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}

/** A main entry long enough to wrap in the index's column, with a subentry. */
export const longEntry =
  'an index entry whose name is long enough to wrap onto a second line of its column';

export const paperEditions = ['pack-a4', 'pack-letter'] as const;

export function makeApparatusProject(): string {
  return makeProject({
    'folio.config.yaml': projectConfig({
      title: 'Apparatus fixture',
      language: 'en',
      documents: [
        { id: 'alpha', shortTitle: 'Alpha' },
        { id: 'beta', shortTitle: 'Beta' },
        { id: 'gamma', shortTitle: 'Gamma' },
      ],
      glossary: 'glossary.yaml',
      editions: [
        {
          id: 'pack-a4',
          documents: ['alpha', 'beta', 'gamma'],
          formats: ['pdf', 'epub', 'html'],
          paper: 'a4',
        },
        {
          id: 'pack-letter',
          documents: ['alpha', 'beta', 'gamma'],
          formats: ['pdf', 'epub'],
          paper: 'letter',
        },
        { id: 'beta-alone', documents: ['beta'], formats: ['html'] },
      ],
    }),
    'glossary.yaml': [
      '- term: cyber range',
      '  definition: A training environment.',
      '  related: [zero trust, data localisation]',
      '- term: zero trust',
      '  abbreviation: ZT',
      '  definition: Never trust, always verify.',
      '  related: [cyber range]',
      '- term: data localisation',
      '  definition: Keeping data inside a country.',
      '  related: [cyber range]',
      '',
    ].join('\n'),
    'alpha.md': `${frontMatter('alpha')}
## 1 Opening {#opening}

The cyber range opens the book, as [](#opening) says of itself, and :index[alpha] stands here. So does :index[a long entry]{term="${longEntry}" sub="its subentry"}.

:::index{term="passage"}
${filler(14, 'the passage')}
:::

## 2 Repeats {#repeats}

Zero trust is used first here, with :index[repeat] and :index[cell]{term="repeat" sub="in prose"}.

${filler(9, 'repeats')}

Zero trust is used again on a later page, with :index[repeat] once more; see [](#opening).

${filler(9, 'more repeats')}

| Column | Note |
| --- | --- |
| :index[cells]{term="table cell"} zero trust | a cell |

- A list item with :index[listed]{term="list item"} and zero trust.
- Another item.

A footnote holds a mark.[^note]

[^note]: The note has :index[footnoted]{term="footnote"} and zero trust.
`,
    'beta.md': `${frontMatter('beta')}
## 1 Method {#method}

${filler(3, 'the method')}

:::index{term="method"}
The method opens mid-page with zero trust. Back to [](alpha#repeats).

${filler(10, 'the method range')}

The range ends here, after zero trust.
:::

::index{term="method" seealso="passage"}

## 2 Afterword {#afterword}

The cyber range closes, with :index[method]{major} and [](#afterword).
`,
    'gamma.md': `${frontMatter('gamma')}
## 1 Data {#data}

Data localisation is used here, with :index[gamma].

${filler(8, 'the data')}

Data localisation again, on a later page, and :index[gamma] again; compare [](#data).
`,
  });
}
