/**
 * What is not content is an Artifact, and every document says its language, read back from
 * a built PDF (issue 13). A project of two documents (English, German) whose cover template
 * is an `<article>`: Chromium then writes three `Art` elements for two documents, which
 * used to leave every `Art` without `/Lang`; each document's now gets its language (by the
 * page it begins on) and the cover's none. The part title's band, the quotation's rule and
 * the table's borders are painted inside tags by Chromium: every painted path outside a
 * `Figure` or `Formula` is an Artifact, and the blank back of the cover holds nothing but
 * Artifacts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { buildInTemp, frontMatter, makeProject } from '../helpers/build.ts';
import { markedText, structElements, structTree } from '../helpers/pdf-structure.ts';

const coverTemplate = readFileSync(
  path.join(import.meta.dirname, '../../templates/cover.html'),
  'utf8',
)
  .replace('<section', '<article')
  .replace('</section>', '</article>');

const body = (words: string) =>
  Array.from({ length: 4 }, (_, i) =>
    [
      `## ${words} ${i + 1}`,
      `${words} paragraph text that runs on long enough to fill a line or two. `.repeat(12),
      `> ${words} quoted text set beside a rule.`,
      '| A | B |\n| --- | --- |\n| one | two |\n| three | four |',
    ].join('\n\n'),
  ).join('\n\n');

let file: string;

beforeAll(async () => {
  const root = makeProject({
    'folio.config.yaml': [
      'title: Two languages',
      'documents:',
      '  - id: english',
      '    files: [english.md]',
      '  - id: german',
      '    files: [german.md]',
      'editions:',
      '  - id: pack',
      '    documents: [english, german]',
      '    formats: [pdf]',
      '    cover:',
      '      title: Two languages',
      '      marking: OFFICIAL',
      '',
    ].join('\n'),
    'templates/cover.html': coverTemplate,
    'english.md': `${frontMatter('english')}# English\n\n${body('English')}\n`,
    'german.md': `${frontMatter('german').replace('language: en', 'language: de')}# Deutsch\n\n${body('Deutsch')}\n`,
  });
  const result = await buildInTemp(path.join(root, 'folio.config.yaml'), { pdf: pdfRenderer }, [
    'pack',
  ]);
  expect(result.written).toBe(true);
  file = path.join(result.outDir, 'pack', 'pack.pdf');
}, 300_000);

/** The `Art` structure elements, in the structure tree's order. */
function articlesInOrder(): Array<Record<string, unknown>> {
  const byRef = objects();
  const root = [...byRef.values()].find((v) => v['/Type'] === '/StructTreeRoot');
  const found: Array<Record<string, unknown>> = [];
  const walk = (kids: unknown) => {
    for (const kid of Array.isArray(kids) ? kids : [kids]) {
      const element = typeof kid === 'string' ? byRef.get(kid) : undefined;
      if (!element || element['/Type'] !== '/StructElem') continue;
      if (element['/S'] === '/Art') found.push(element);
      walk(element['/K']);
    }
  };
  walk(root?.['/K']);
  return found;
}

/** Every object of the PDF, by qpdf's JSON, keyed by reference (`12 0 R`). */
function objects(): Map<string, Record<string, unknown>> {
  const { qpdf } = JSON.parse(
    execFileSync('qpdf', ['--json=2', '--json-stream-data=none', '--json-key=qpdf', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  ) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
  return new Map(
    Object.entries(qpdf[1]).map(([key, o]) => [key.replace(/^obj:/, ''), o.value ?? {}]),
  );
}

/**
 * The painted paths of each page's content outside `/Artifact` (and outside `Figure` and
 * `Formula`), by qpdf's uncompressed content; the tags open at each paint.
 */
function contentPaths(): Array<{ page: number; tags: string }> {
  const { pages } = JSON.parse(
    execFileSync('qpdf', ['--json=2', '--json-key=pages', file], { encoding: 'utf8' }),
  ) as { pages: Array<{ contents: string[] }> };
  const found: Array<{ page: number; tags: string }> = [];
  for (const [n, page] of pages.entries()) {
    const content = page.contents
      .map((ref) =>
        execFileSync(
          'qpdf',
          [`--show-object=${ref.split(' ')[0]}`, '--filtered-stream-data', file],
          {
            maxBuffer: 1 << 28,
          },
        ).toString('latin1'),
      )
      .join('\n');
    const tags: string[] = [];
    let inText = false;
    let inDictionary = 0;
    let lastName = '';
    for (const token of content.replace(/<<|>>/g, ' $& ').replace(/\//g, ' /').split(/\s+/)) {
      if (token === '<<') inDictionary++;
      else if (token === '>>') inDictionary--;
      else if (token.startsWith('/') && inDictionary === 0) lastName = token.slice(1);
      else if (token === 'BT') inText = true;
      else if (token === 'ET') inText = false;
      else if (token === 'BDC' || token === 'BMC') tags.push(lastName);
      else if (token === 'EMC') tags.pop();
      else if (!inText && /^(f\*?|F|S|s|B\*?|b\*?)$/.test(token)) {
        if (!tags.some((t) => t === 'Artifact' || t === 'Figure' || t === 'Formula'))
          found.push({ page: n + 1, tags: tags.join(' > ') });
      }
    }
  }
  return found;
}

describe('a PDF of two documents whose cover is an article', () => {
  it('gives each document’s Art its language, the cover’s none', () => {
    const articles = articlesInOrder();
    expect(articles).toHaveLength(3);
    expect(articles.map((a) => a['/Lang'] ?? null)).toEqual([null, 'u:en', 'u:de']);
  });

  it('paints no path outside an Artifact but in a Figure or Formula', () => {
    expect(contentPaths()).toEqual([]);
  });

  it('keeps the blank back of the cover free of content: Artifacts only', async () => {
    const marked = await markedText(new Uint8Array(readFileSync(file)));
    expect(marked.artifacts[1]).toContain('OFFICIAL');
    expect(marked.tagged[1]?.trim()).toBe('');
    expect(marked.untagged[1]?.trim()).toBe('');
  });

  it('still reaches the text of headings, paragraphs and cells', () => {
    const tree = structTree(file);
    const empty = [...structElements(tree.root)]
      .filter((e) => /^(H[1-6]|P|TD|TH)$/.test(e.type) && !e.text.trim())
      .map((e) => e.type);
    expect(empty).toEqual([]);
    expect(tree.warnings).toEqual([]);
  });
});
