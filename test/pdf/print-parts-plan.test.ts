/**
 * Planning part-wise printing, without a print: a part's stylesheet (page sides swapped,
 * `:first` rules dropped, the page counter and the edition's total set), a long
 * document cut at its chapters, a print page the edition's parts do not match, and how
 * many parts print at once.
 */

import { availableParallelism } from 'node:os';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import type { EditionParts } from '../../src/assemble/edition.ts';
import { fontFacesMarker } from '../../src/render/font-selection.ts';
import { oneAtATime } from '../../src/render/pdf/print-driver.ts';
import {
  type PartPlan,
  partCss,
  partsAtOnce,
  planParts,
} from '../../src/render/pdf/print-parts.ts';

describe('a part’s stylesheet', () => {
  const css =
    '@page { margin: 1cm }\n@page :left { margin-left: 2cm }\n@page front:right, :first { x: y }';

  it('is the edition’s own for the first part', () => {
    expect(partCss(css, 1, undefined)).toBe(css);
  });

  it('swaps left and right from an even page, drops :first rules, sets the page counter', () => {
    const even = partCss(css, 12, 3);
    expect(even).toContain('@page :right { margin-left: 2cm }');
    expect(even).toContain('@page front:left, :folio-not-first { x: y }');
    expect(even).toMatch(/@page :first \{ counter-set: page 10; \}$/);
    const odd = partCss(css, 13, 3);
    expect(odd).toContain('@page :left { margin-left: 2cm }');
    expect(odd).toMatch(/counter-set: page 11; \}$/);
    // A blank page of the front matter before the body's first page counts nothing.
    expect(partCss(css, 2, 3)).toMatch(/counter-set: page 0; \}$/);
  });
});

describe('the edition’s total in a part', () => {
  const css =
    '@page { @bottom-center { content: counter(pages) " / " counter(pages, lower-roman); } }';

  it('prints counter(pages) from a counter set on the part’s first page', () => {
    const first = partCss(css, 1, undefined, 412);
    expect(first).toContain(
      'content: counter(folio-pages) " / " counter(folio-pages, lower-roman);',
    );
    expect(first).toMatch(/@page :first \{ counter-set: folio-pages 412; \}$/);
    expect(partCss(css, 12, 3, 412)).toMatch(
      /@page :first \{ counter-set: page 10 folio-pages 412; \}$/,
    );
    // Unknown before the first print, and not needed by a stylesheet that does not print it.
    expect(partCss(css, 1, undefined)).toBe(css);
    expect(partCss('@page { margin: 1cm }', 1, undefined, 412)).toBe('@page { margin: 1cm }');
  });
});

/** A print page of a contents and one document of `chapters` chapters, each `words` long. */
function printPageOf(chapters: number, words: number, template: { before?: boolean } = {}) {
  const css = `${fontFacesMarker}\n@page { margin: 1cm }`;
  const body = h(
    'div.document-body',
    Array.from({ length: chapters }, (_, i) => [
      ...(i > 0 ? [h('div.blank-page.in-body', { id: `blank-c${i + 1}` }), '\n'] : []),
      h(`h1#c${i + 1}.chapter${i > 0 ? '.chapter-break' : ''}`, `Chapter ${i + 1}`),
      '\n',
      h('p', `${'word '.repeat(words)}see #c1`),
      h('a', { href: '#c1' }, 'back'),
      '\n',
    ]).flat(),
  );
  const tree = h(null, [
    h('html', [
      h('head', [h('style', css)]),
      h('body', [
        ...(template.before ? [h('header.site', 'A template’s own header'), '\n'] : []),
        h('nav.contents', [h('a', { href: '#doc' }, 'Doc')]),
        '\n',
        h('article#doc.document', { ariaLabelledBy: 'doc-title' }, [
          h('header.document-header', [h('h1#doc-title', 'Doc')]),
          body,
        ]),
        h('nav.page-anchors', { ariaHidden: 'true' }),
      ]),
    ]),
  ]);
  const parts = { documents: [{ record: { id: 'doc' } }] } as unknown as EditionParts;
  return { page: { tree, css }, parts };
}

describe('planning the parts', () => {
  it('cuts a long document at its chapters, the later runs without its header and id', () => {
    const { page, parts } = printPageOf(4, 2000);
    const plan = planParts(page, parts, ['c1', 'c3', 'blank-c3'], 1) as PartPlan;
    expect(plan.parts.map((p) => [p.name, p.continues])).toEqual([
      ['front matter', false],
      ['doc', false],
      ['doc#c2', true],
      ['doc#c3', true],
      ['doc#c4', true],
    ]);
    const third = plan.parts[3]?.html(9, 3) ?? '';
    // The blank page before the chapter goes with it; the article's header and id stay in the first.
    expect(third).toContain(
      '<body><article class="document"><div class="document-body">\n<div class="blank-page in-body" id="blank-c3"></div>\n<h1 id="c3" class="chapter chapter-break">',
    );
    expect(third).not.toContain('doc-title');
    // A link to the first chapter is one to another part; the hidden list links c3's blank page.
    expect(third).toContain('href="https://folio.invalid/part#c1"');
    expect(third).toMatch(
      /<nav class="page-anchors" aria-hidden="true"><a href="#c3">c3<\/a><a href="#blank-c3">/,
    );
    expect(plan.parts[1]?.html(2, 2)).toContain(
      '<article id="doc" class="document" aria-labelledby="doc-title">',
    );
  });

  it('groups short chapters up to the size of a part and keeps a short document whole', () => {
    const { page, parts } = printPageOf(4, 2000);
    // About 30,000 characters: two chapters of about 10,000 each to a part.
    expect((planParts(page, parts, [], 7) as PartPlan).parts.map((p) => p.name)).toEqual([
      'front matter',
      'doc',
      'doc#c3',
    ]);
    const whole = printPageOf(4, 10);
    expect((planParts(whole.page, whole.parts, []) as PartPlan).parts.map((p) => p.name)).toEqual([
      'front matter',
      'doc',
    ]);
  });

  it('prints what a page template adds with the first part, and says why it cannot plan', () => {
    const { page, parts } = printPageOf(2, 2000, { before: true });
    const plan = planParts(page, parts, [], 1) as PartPlan;
    expect(plan.parts.map((p) => p.name)).toEqual(['front matter', 'doc', 'doc#c2']);
    expect(plan.parts[0]?.html(1, undefined)).toContain('A template’s own header');
    expect(plan.parts[1]?.html(2, 2)).not.toContain('A template’s own header');
    const two = {
      documents: [{ record: { id: 'doc' } }, { record: { id: 'other' } }],
    } as unknown as EditionParts;
    const without = printPageOf(2, 10);
    expect(planParts(without.page, two, [])).toEqual({
      reason: expect.stringContaining('holds 2 blocks where the edition has 3'),
    });
  });
});

describe('parts printed at once', () => {
  it('are two with auto on a machine of two or more cores, else one; a count is kept', () => {
    const before = process.env.FOLIO_PARTS_AT_ONCE;
    delete process.env.FOLIO_PARTS_AT_ONCE;
    try {
      expect(partsAtOnce('auto')).toBe(availableParallelism() >= 2 ? 2 : 1);
      expect(partsAtOnce(3)).toBe(3);
      process.env.FOLIO_PARTS_AT_ONCE = '1';
      expect(partsAtOnce('auto')).toBe(1);
      expect(partsAtOnce(3)).toBe(1);
      process.env.FOLIO_PARTS_AT_ONCE = 'many';
      expect(partsAtOnce(3)).toBe(3);
    } finally {
      if (before === undefined) delete process.env.FOLIO_PARTS_AT_ONCE;
      else process.env.FOLIO_PARTS_AT_ONCE = before;
    }
  });

  it('lay their columns out one at a time, in the order asked, a failure stopping none after', async () => {
    const gate = oneAtATime();
    const events: string[] = [];
    let release: () => void = () => {};
    const first = gate(async () => {
      events.push('first starts');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      events.push('first ends');
      throw new Error('first failed');
    });
    const second = gate(async () => {
      events.push('second runs');
      return 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['first starts']);
    release();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(events).toEqual(['first starts', 'first ends', 'second runs']);
  });
});
