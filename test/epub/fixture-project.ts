/**
 * A small project exercising what the real editions do not: two documents with links
 * between them, headings down to level 6, a table with aligned columns, an external link,
 * an editorial note, a glossary, index ranges and cross-references; and an edition with
 * neither glossary nor index.
 */
import { frontMatter, makeProject } from '../helpers/build.ts';
import { projectConfig } from '../helpers/project-config.ts';

/** A 1 × 1 PNG, written twice under two names: the EPUB must store it once. */
export const pixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

export function makeFixtureProject(extra: Record<string, string> = {}): string {
  return makeProject({
    'pixel.png': pixelPng,
    'figures/red.png': pixelPng,
    'folio.config.yaml': projectConfig({
      title: 'EPUB fixture',
      language: 'en',
      documents: [
        { id: 'alpha', shortTitle: 'Alpha' },
        { id: 'beta', shortTitle: 'Beta' },
        { id: 'gamma' },
      ],
      glossary: 'glossary.yaml',
      editions: [
        {
          id: 'pack',
          documents: ['alpha', 'beta'],
          formats: ['epub'],
          cover: {
            title: 'The fixture pack',
            subtitle: 'Two documents & a glossary',
            date: '2021-05-04',
            marking: 'TEST',
          },
        },
        { id: 'gamma-alone', documents: ['gamma'], formats: ['epub'] },
      ],
    }),
    'glossary.yaml': [
      '- term: cyber range',
      '  definition: A **training** environment.',
      '  related: [zero trust]',
      '- term: zero trust',
      '  abbreviation: ZT',
      '  definition: Never trust, always verify.',
      '',
    ].join('\n'),
    'alpha.md': `${frontMatter('alpha', 'issuer: Alpha Ministry\nauthors: [A. Author, B. Author]\nsubtitle: A subtitle\ntags: [testing]\n')}
:::editorial
Editorial note: this fixture is invented.
:::

## 1 Scope {#scope}

The cyber range is where :index[scope]{major} is tested. Compare [](beta#method).

### 1.1 Depth {#depth}

#### 1.1.1 Deeper {#deeper}

##### 1.1.1.1 Deepest five {#deepest-five}

###### 1.1.1.1.1 Deepest six {#deepest-six}

A paragraph at depth six mentions zero trust and [an external site](https://example.org/).

## 2 Figures {#figures}

| Item | Count |
| :--- | ----: |
| apples | 3 |
| pears | 12 |

![](pixel.png)

![A red square](figures/red.png)

> A quotation, with :index[quotations]{sub="in fixtures"}.

::index{term="ZT" see="zero trust"}
`,
    'beta.md': `${frontMatter('beta', 'journal: Beta Journal\nvolume: 2\nissue: 1\n')}
## 1 Method {#method}

:::index{term="method"}
Zero trust is the method. Back to [](alpha#scope).

It continues.
:::

::index{term="method" seealso="scope"}
`,
    'gamma.md': `${frontMatter('gamma', 'subtitle: Plain text\n')}
## Only section {#only}

Nothing here is in the glossary or the index.
`,
    ...extra,
  });
}
