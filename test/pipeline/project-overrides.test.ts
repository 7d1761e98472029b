/**
 * A project's own look without copying Folio's files (issue 15): stylesheets the config
 * names are loaded after Folio's, so one rule overrides Folio's alone, in the PDF and the
 * EPUB (and only in the formats an entry names); a project template replaces Folio's of the
 * same name. Read back from the built PDF's text and the EPUB's files, which pass EPUBCheck.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { DiagnosedFailure } from '../../src/failures.ts';
import type { BuildResult } from '../../src/pipeline/pipeline.ts';
import { renderers } from '../../src/render/renderers.ts';
import { type OpenedEpub, openEpub, runEpubcheck } from '../epub/epub-helpers.ts';
import { buildInTemp, frontMatter, makeProject, repoRoot } from '../helpers/build.ts';

const header = readFileSync(path.join(repoRoot, 'templates/document-header.html'), 'utf8').replace(
  '</header>',
  '  <p class="house-imprint">Printed for the House Library</p>\n</header>',
);

let result: BuildResult;
let pdfText: string;
let epub: OpenedEpub;
let epubBytes: Uint8Array;
let html: string;

beforeAll(async () => {
  const dir = makeProject({
    'folio.config.yaml': [
      'title: Overrides',
      'documents:',
      '  - id: doc',
      '    files: [doc.md]',
      'stylesheets:',
      '  - styles/house.css',
      '  - { file: styles/print-only.css, formats: [pdf] }',
      'editions:',
      '  - id: doc',
      '    documents: [doc]',
      '    formats: [pdf, epub, html]',
      '    stylesheets: [styles/edition.css]',
      '',
    ].join('\n'),
    'doc.md': `${frontMatter()}## 1 First section {#first}\n\nText of the first section.\n\n## 2 Second section {#second}\n\nMore text, see [](#first).\n`,
    // One rule each, overriding Folio's: section headings get a mark before them.
    'styles/house.css': 'h2::before { content: "§ "; }\n',
    'styles/print-only.css': '.document-title::after { content: " (print)"; }\n',
    'styles/edition.css': 'h2 { color: rgb(0, 0, 160); }\n',
    'templates/document-header.html': header,
  });
  result = await buildInTemp(path.join(dir, 'folio.config.yaml'), renderers);
  const out = (name: string) => path.join(result.outDir, 'doc', name);
  pdfText = execFileSync('pdftotext', ['-layout', out('doc.pdf'), '-'], { encoding: 'utf8' });
  epubBytes = new Uint8Array(readFileSync(out('doc.epub')));
  epub = await openEpub(epubBytes);
  html = readFileSync(out('doc.html'), 'utf8');
}, 180_000);

describe('stylesheets named in the config', () => {
  it('builds without messages', () => {
    expect(result.written).toBe(true);
    expect(result.files.flatMap((f) => f.messages).map(String)).toEqual([]);
  });

  it('override one rule in the PDF, after Folio’s stylesheets', () => {
    expect(pdfText).toMatch(/§ 1 First section/);
    expect(pdfText).toMatch(/§ 2 Second section/);
    expect(pdfText).toMatch(/Test document \(print\)/);
    // The contents' entries are no h2: the rule reached only what it names.
    expect(pdfText).not.toMatch(/§ Contents/);
  });

  it('override the same rule in the EPUB, after epub.css, without the print-only one', async () => {
    const cssName = epub.names.find((n) => n.endsWith('.css'));
    if (!cssName) throw new Error('no stylesheet in the EPUB');
    const css = await epub.text(cssName);
    const folio = css.indexOf('font-family');
    const house = css.indexOf('h2::before { content: "§ "; }');
    const edition = css.indexOf('h2 { color: rgb(0, 0, 160); }');
    expect(folio).toBeGreaterThanOrEqual(0);
    expect(house).toBeGreaterThan(folio);
    expect(edition).toBeGreaterThan(house);
    expect(css).not.toContain('(print)');
    expect(runEpubcheck(epubBytes, 'overrides.epub').messages).toEqual([]);
  }, 60_000);

  it('reach the HTML edition, after Folio’s stylesheets', () => {
    expect(html.indexOf('h2::before { content: "§ "; }')).toBeGreaterThan(
      html.indexOf('--text-face'),
    );
    expect(html).not.toContain('(print)');
  });
});

describe('a project template', () => {
  it('replaces Folio’s of the same name in every format', async () => {
    expect(pdfText).toContain('Printed for the House Library');
    expect(html).toContain('<p class="house-imprint">Printed for the House Library</p>');
    const chapters = await Promise.all(epub.xhtmlFiles().map((name) => epub.text(`OEBPS/${name}`)));
    expect(chapters.some((text) => text.includes('Printed for the House Library'))).toBe(true);
  });
});

describe('a stylesheet the config names', () => {
  it('must be a file of the project', () => {
    const dir = makeProject({
      'folio.config.yaml':
        'title: T\ndocuments:\n  - id: doc\n    files: [doc.md]\nstylesheets: [styles/missing.css, /etc/hostname]\neditions:\n  - id: doc\n    documents: [doc]\n',
      'doc.md': `${frontMatter()}Text.\n`,
    });
    let messages: string[] = [];
    try {
      loadConfig(path.join(dir, 'folio.config.yaml'));
    } catch (error) {
      if (!(error instanceof DiagnosedFailure)) throw error;
      messages = error.files.flatMap((f) =>
        f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
      );
    }
    expect(messages).toEqual(['5:15 config:missing-file', '5:35 config:outside-project']);
  });
});
