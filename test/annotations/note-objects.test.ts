/**
 * Numbered objects in annotations' notes: a labelled equation or a captioned figure in a
 * note is numbered in a series of its own ("(N1)", "Figure N1") that cross-references from
 * notes can name, while the source text keeps the numbers its plain edition gives it; the
 * lists of figures leave commentary out; the manuscript naming a note's label is an error
 * at the reference.
 */
import path from 'node:path';
import { selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import { buildHtmlEdition, frontMatter, makeProject } from '../helpers/build.ts';

const config = [
  'title: Notes with objects',
  'documents:',
  '  - id: doc',
  '    files: [doc.md]',
  'annotations: [annotations.yaml]',
  'editions:',
  '  - id: annotated',
  '    documents: [doc]',
  '    formats: [html]',
  '    annotated: true',
  '    listOfFigures: true',
  '  - id: plain',
  '    documents: [doc]',
  '    formats: [html]',
  '    listOfFigures: true',
  '',
].join('\n');

const manuscript = (extra = '') =>
  `${frontMatter()}# Chapter one

The energy is given by a famous relation.

$$ {#eq-energy}
E = mc^2
$$

See [](#eq-energy). Then the momentum sentence here.

![A basin](basin.png "The basin at dawn"){#fig-basin}

$$ {#eq-second}
p = mv
$$

And [](#eq-second), with [](#fig-basin).${extra}
`;

const annotations = `- document: doc
  quote: the momentum sentence
  kind: commentary
  author: Tester
  date: 2026-12-01
  body: |
    In relativity the momentum is rather

    $$ {#eq-rel}
    p = \\gamma m v
    $$

    as [](#eq-rel) shows, unlike [](#eq-energy); see also [](#fig-orbit).

    ![An orbit](orbit.png "The orbit"){#fig-orbit}
`;

// A 1 × 1 PNG: the figures need an image that exists.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

function project(extra = '') {
  return makeProject({
    'folio.config.yaml': config,
    'doc.md': manuscript(extra),
    'annotations.yaml': annotations,
    'basin.png': png,
    'orbit.png': png,
  });
}

const texts = (tree: Parameters<typeof selectAll>[1], selector: string) =>
  selectAll(selector, tree).map((n) => hastToString(n).trim());

describe('numbered objects in notes', () => {
  const dir = project();
  const configPath = path.join(dir, 'folio.config.yaml');
  const annotated = buildHtmlEdition(configPath, 'annotated');
  const plain = buildHtmlEdition(configPath, 'plain');

  it('builds both editions without a message', () => {
    const messages = annotated.checked.project.files.flatMap((f) => f.messages.map(String));
    expect(messages).toEqual([]);
  });

  it('numbers a note’s equation and figure in a series of their own', () => {
    const tree = annotated.edition.tree;
    expect(texts(tree, '.equation-number')).toEqual(['(1)', '(N1)', '(2)']);
    // The note stands after its passage's paragraph, before the text's figure.
    expect(texts(tree, 'figcaption')).toEqual([
      'Figure N1: The orbit',
      'Figure 1: The basin at dawn',
    ]);
  });

  it('resolves the note’s references to its own objects and to the text’s', () => {
    const refs = texts(annotated.edition.tree, 'aside a.xref');
    expect(refs).toEqual(['Equation N1', 'Equation 1', 'Figure N1']);
  });

  it('keeps the source text’s numbers those of the plain edition', () => {
    const tree = plain.edition.tree;
    expect(texts(tree, '.equation-number')).toEqual(['(1)', '(2)']);
    expect(texts(tree, 'a.xref')).toEqual(['Equation 1', 'Equation 2', 'Figure 1']);
  });

  it('leaves commentary out of the list of figures', () => {
    for (const { edition } of [annotated, plain]) {
      expect(texts(edition.tree, 'nav.list-of-figures li')).toEqual([
        'Figure 1: The basin at dawn',
      ]);
    }
  });
});

describe('the manuscript naming a note’s object', () => {
  it('is an error at the reference', () => {
    const dir = project('\n\nAnd in the text, [](#eq-rel).');
    const checked = checkProject(path.join(dir, 'folio.config.yaml'));
    const errors = checked.project.files
      .flatMap((f) => f.messages)
      .filter((m) => m.fatal)
      .map((m) => `${path.basename(m.file ?? '')}:${m.line}:${m.column} ${m.ruleId}`);
    expect(errors).toEqual(['doc.md:27:18 crossref:note-label']);
  });
});
