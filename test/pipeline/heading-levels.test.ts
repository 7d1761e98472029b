/**
 * A manuscript that skips heading levels (test/fixtures/pipeline/heading-levels: a `###`
 * under a `#`, a heading in a quotation, a raw HTML heading, a file that goes on under the
 * last heading of the file before, six marks under a `#`), built once in all three formats.
 * The structure has no skipped level: the contents, the EPUB's navigation and the PDF's
 * tags and bookmarks nest by the raised levels and Ace reports no `heading-order`; the look
 * and the chapters follow the written levels (a raised heading prints in the size and face
 * of one written in order at its level; a raised `###` starts no chapter of level 2).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Element as XmlElement } from 'xast';
import type { BuildResult } from '../../src/pipeline/pipeline.ts';
import { renderers } from '../../src/render/renderers.ts';
import { elements, openEpub, runAce, runEpubcheck } from '../epub/epub-helpers.ts';
import { buildInTemp, makeProject, repoRoot } from '../helpers/build.ts';
import { structElements, structTree } from '../helpers/pdf-structure.ts';

const fixture = path.join(repoRoot, 'test/fixtures/pipeline/heading-levels');

/** The contents as the outputs nest them: each title indented two spaces a level. */
const contents = [
  'Practices',
  '  Start with a plan',
  '    Steps',
  '  In order',
  '    A quoted heading',
  '    Kept as written',
  '      Also in order',
  '  Last of the file',
  '    Goes on',
  'Second part',
  '  Deepest',
];

/** A list's entries as indented lines, each entry's text found by `text`. */
function outline<T>(items: T[], children: (item: T) => T[], text: (item: T) => string): string[] {
  return items.flatMap((item) => [
    text(item),
    ...outline(children(item), children, text).map((line) => `  ${line}`),
  ]);
}

const childElements = (node: Element, tag: string): Element[] =>
  node.children.filter((c): c is Element => c.type === 'element' && c.tagName === tag);
const childXml = (node: XmlElement, tag: string): XmlElement[] =>
  node.children.filter((c): c is XmlElement => c.type === 'element' && c.name === tag);
const xmlText = (node: XmlElement): string =>
  node.children
    .map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? xmlText(c) : ''))
    .join('');

describe('a manuscript that skips heading levels, in every format', () => {
  let result: BuildResult;
  const out = (format: string) => path.join(result.outDir, 'doc', `doc.${format}`);
  beforeAll(async () => {
    const project = makeProject({}, fixture);
    result = await buildInTemp(path.join(project, 'folio.config.yaml'), renderers);
    expect(result.written).toBe(true);
  }, 300_000);

  it('HTML: the contents nest by the raised levels, the chapters start at the written level', () => {
    const tree = fromHtml(readFileSync(out('html'), 'utf8'));
    const part = select('nav.contents li.toc-part', tree) as Element;
    const lists = (li: Element) => childElements(li, 'ol').flatMap((ol) => childElements(ol, 'li'));
    const entries = outline(lists(part), lists, (li) =>
      hastToString(select('.toc-text', li) as Element),
    );
    // The print's contents stop at the chapters' sections (level 3 under chapters of level 2).
    expect(entries).toEqual(contents.filter((line) => !line.startsWith('      ')));
    expect(select('#doc--plan', tree)?.tagName).toBe('h2');
    expect(select('#doc--plan.chapter', tree)).toBeUndefined();
    expect(select('#doc--in-order.chapter', tree)?.tagName).toBe('h2');
  });

  it('EPUB: the navigation nests by the raised levels; EPUBCheck and Ace find nothing', async () => {
    const bytes = new Uint8Array(readFileSync(out('epub')));
    const epub = await openEpub(bytes);
    const nav = await epub.xml('OEBPS/toc.xhtml');
    const toc = elements(nav, (e) => e.name === 'nav' && e.attributes['epub:type'] === 'toc')[0];
    const document = elements(toc as XmlElement, (e) => e.name === 'li')[0] as XmlElement;
    const lists = (li: XmlElement) => childXml(li, 'ol').flatMap((ol) => childXml(ol, 'li'));
    const entries = outline(lists(document), lists, (li) => xmlText(childXml(li, 'a')[0] ?? li));
    expect(entries).toEqual(contents);
    // Chapters of level 2: the raised `###` stays in the document's opening file.
    const opening = await epub.text('OEBPS/doc.xhtml');
    expect(opening).toMatch(/<h2 id="doc--plan" class="level-3">Start with a plan<\/h2>/);
    expect(epub.xhtmlFiles()).toHaveLength(6);
    const check = runEpubcheck(bytes, 'doc.epub');
    expect(check.messages).toEqual([]);
    expect(runAce(bytes, 'doc.epub').violations).toEqual([]);
  }, 180_000);

  it('PDF: the tags and bookmarks follow the raised levels', () => {
    const tags = new Map(
      [...structElements(structTree(out('pdf')).root)]
        .filter((e) => /^H[1-6]$/.test(e.type))
        .map((e) => [e.text.trim(), e.type]),
    );
    expect(Object.fromEntries(tags)).toMatchObject({
      Practices: 'H1',
      'Start with a plan': 'H2',
      Steps: 'H3',
      'A quoted heading': 'H3',
      'A raw heading': 'H4',
      'Kept as written': 'H3',
      'Goes on': 'H3',
      Deepest: 'H2',
    });
    interface Bookmark {
      title: string;
      kids?: Bookmark[];
    }
    const { outlines } = JSON.parse(
      execFileSync('qpdf', ['--json=2', '--json-key=outlines', out('pdf')], { encoding: 'utf8' }),
    ) as { outlines: Bookmark[] };
    const lines = outline(
      outlines,
      (b) => b.kids ?? [],
      (b) => b.title,
    );
    const practices = lines.findIndex((line) => line.trim() === 'Practices');
    const indent = (lines[practices] ?? '').length - 'Practices'.length;
    const ours = lines
      .slice(practices)
      .map((line) => line.slice(indent))
      .filter((line) => line.trim() !== 'A raw heading');
    expect(ours).toEqual(contents);
  });

  it('PDF: a raised heading prints in the size and face of its written level', async () => {
    const task = getDocument({
      data: new Uint8Array(readFileSync(out('pdf'))),
      isEvalSupported: false,
      verbosity: 0,
    });
    const pdf = await task.promise;
    /** Each printed line's text, and its words' faces and sizes. */
    const looks = new Map<string, string>();
    try {
      for (let n = 1; n <= pdf.numPages; n++) {
        const lines = new Map<string, { words: string[]; looks: Set<string> }>();
        for (const item of (await (await pdf.getPage(n)).getTextContent()).items) {
          if (!('str' in item) || !item.str.trim()) continue;
          const y = item.transform[5]?.toFixed(1) ?? '';
          const line = lines.get(y) ?? { words: [], looks: new Set() };
          line.words.push(item.str.trim());
          // Size, and slant (the face has no italic: Chromium slants it).
          const [, , slant = 0, size = 0] = item.transform;
          line.looks.add(`${size.toFixed(2)} ${slant.toFixed(2)}`);
          lines.set(y, line);
        }
        // Keyed without spaces: a word may be cut into items ("A", "lso").
        for (const line of lines.values()) looks.set(line.words.join(''), [...line.looks].join());
      }
    } finally {
      await task.destroy();
    }
    // A `###` raised to an h2 against a `###` under a `##`; a `####` raised to an h3 against one in order.
    const look = (text: string) => looks.get(text.replace(/\s+/g, ''));
    expect(look('Start with a plan')).toBe(look('Kept as written'));
    expect(look('Steps')).toBe(look('Also in order'));
    expect(look('Start with a plan')).toBeDefined();
    expect(look('Start with a plan')).not.toBe(look('Steps'));
    expect(look('Start with a plan')).not.toBe(look('Deepest'));
  });
});
