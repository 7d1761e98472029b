import { h } from 'hastscript';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { markSourceFile } from '../../src/model/source-file.ts';
import { packageImages } from '../../src/render/epub/images.ts';
import { indexDocumentContent } from '../../src/render/epub/index-semantics.ts';
import { idFiles, reportUnresolvedLinks, rewriteLinks } from '../../src/render/epub/links.ts';
import { insertPageBreaks } from '../../src/render/epub/page-breaks.ts';
import { toXhtmlFragment } from '../../src/render/epub/xhtml.ts';

describe('links across chapter files', () => {
  it('names the file holding each target, and returns the ids no chapter holds', () => {
    const one = { file: 'one.xhtml', content: [h('p#a', [h('a', { href: '#b' }, 'to b')])] };
    const two = { file: 'two.xhtml', content: [h('p#b', [h('a', { href: '#nowhere' }, 'x')])] };
    const missing = rewriteLinks([one, two], idFiles([one, two]));
    expect(toXhtmlFragment(one.content)).toBe('<p id="a"><a href="two.xhtml#b">to b</a></p>');
    expect(missing.map((link) => link.id)).toEqual(['nowhere']);
  });

  it('reports a written link at its place in its own file, a generated one once on the fallback', () => {
    const first = new VFile({ path: 'doc.md' });
    const second = new VFile({ path: 'more.md' });
    const written = h('a', { href: '#nowhere' }, 'x');
    written.position = { start: { line: 3, column: 5 }, end: { line: 3, column: 20 } };
    const body = [
      ...markSourceFile([h('p#a', 'Text.')], first),
      ...markSourceFile([h('p#b', [written])], second),
    ];
    const contents = h('nav', [h('a', { href: '#gone' }, '1'), h('a', { href: '#gone' }, '2')]);
    const chapter = { file: 'doc.xhtml', content: [h('article', body), contents] };
    const links = rewriteLinks([chapter], idFiles([chapter]), [first, second]);
    reportUnresolvedLinks(links, first);
    const messages = (file: VFile) =>
      file.messages.map(
        (m) => `${m.line ?? '-'}:${m.column ?? '-'} ${m.ruleId} ${m.fatal} ${m.reason}`,
      );
    expect(messages(second)).toEqual([
      '3:5 epub:unresolved-link false No element has the id `nowhere` that a link in the EPUB points to',
    ]);
    expect(messages(first)).toEqual([
      '-:- epub:unresolved-link false No element has the id `gone` that a link in the EPUB points to',
    ]);
  });
});

describe('page-break markers', () => {
  it('open a list item or term instead of standing in the list', () => {
    const content = [
      h('dl', [h('dt#t1', 'Term'), h('dd', 'Definition'), h('dt#t2', 'Other')]),
      h('ul', [h('li#e1', 'Entry')]),
    ];
    const breaks = insertPageBreaks([{ file: 'g.xhtml', content }], {
      pageOf: new Map([
        ['t1', 1],
        ['t2', 2],
        ['e1', 3],
      ]),
      labels: ['7', '8', '9'],
      bodyStart: 1,
    });
    expect(breaks.map((b) => b.id)).toEqual(['page-7', 'page-8', 'page-9']);
    expect(toXhtmlFragment(content)).toBe(
      '<dl><dt id="t1"><span id="page-7" epub:type="pagebreak" role="doc-pagebreak" aria-label="7" />Term</dt>' +
        '<dd>Definition</dd>' +
        '<dt id="t2"><span id="page-8" epub:type="pagebreak" role="doc-pagebreak" aria-label="8" />Other</dt></dl>' +
        '<ul><li id="e1"><span id="page-9" epub:type="pagebreak" role="doc-pagebreak" aria-label="9" />Entry</li></ul>',
    );
  });
});

describe('XHTML serialisation', () => {
  it('writes table alignment as CSS, keeps every other attribute, closes empty elements', () => {
    const cell = h('td', { align: 'right', dataX: '1', headers: 'h1' }, '12');
    expect(toXhtmlFragment([cell, h('img', { src: 'a.png', alt: '' })])).toBe(
      '<td data-x="1" headers="h1" style="text-align: right">12</td><img src="a.png" alt="" />',
    );
  });
});

describe('the index document', () => {
  it('puts the heading before the index section and an index-term in cross-references', () => {
    const index = h('section#index.index', { role: 'doc-index', 'epub:type': 'index' }, [
      h('h1#index-title', 'Index'),
      h('a', { href: '#x', 'epub:type': 'index-xref-preferred' }, 'X'),
    ]);
    expect(toXhtmlFragment([indexDocumentContent(index)])).toBe(
      '<div id="index" class="index"><h1 id="index-title">Index</h1>' +
        '<section class="index-body" role="doc-index" epub:type="index">' +
        '<a href="#x" epub:type="index-xref-preferred"><span epub:type="index-term">X</span></a>' +
        '</section></div>',
    );
  });
});

describe('images', () => {
  it('reports a missing image with epub:image-unreadable at its place', () => {
    const file = new VFile({ path: 'doc.md' });
    const img = h('img', { src: 'missing.png', alt: '' });
    img.position = { start: { line: 4, column: 1 }, end: { line: 4, column: 20 } };
    const images = packageImages([{ file: 'doc.xhtml', content: [img] }], file);
    expect(images).toEqual([]);
    expect(file.messages.map((m) => [m.ruleId, m.line, m.fatal])).toEqual([
      ['epub:image-unreadable', 4, true],
    ]);
  });

  it('reports a remote image with epub:remote-resource (remark-images stops it earlier)', () => {
    const file = new VFile({ path: 'doc.md' });
    const img = h('img', { src: 'https://example.org/logo.png', alt: 'Logo' });
    expect(packageImages([{ file: 'doc.xhtml', content: [img] }], file)).toEqual([]);
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['epub:remote-resource', true]]);
  });

  it('reports on the file the image was written in, given the project files', () => {
    const first = new VFile({ path: 'doc.md' });
    const second = new VFile({ path: 'more.md' });
    const img = h('img', { src: 'missing.png', alt: '' });
    img.position = { start: { line: 7, column: 1 }, end: { line: 7, column: 20 } };
    const content = [
      ...markSourceFile([h('p', 'Text.')], first),
      ...markSourceFile([h('p', [img])], second),
    ];
    packageImages([{ file: 'doc.xhtml', content }], first, [first, second]);
    expect(first.messages).toEqual([]);
    expect(second.messages.map((m) => [m.ruleId, m.line, m.fatal])).toEqual([
      ['epub:image-unreadable', 7, true],
    ]);
  });
});
