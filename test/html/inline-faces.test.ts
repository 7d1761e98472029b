/**
 * The faces the self-contained HTML edition inlines (src/render/fonts.ts
 * `inlineFontFaceCss`, src/render/chinese-text.ts): chosen as the browser matches them,
 * so Simplified Chinese text gets Noto Sans SC, the rest Noto Sans TC, a character a
 * Source face claims without drawing it gets the Chinese face that draws it, and a Latin
 * page carries no slice it does not use.
 */
import type { Root } from 'hast';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { chineseText } from '../../src/render/chinese-text.ts';
import { coverage, inlineFontFaceCss } from '../../src/render/fonts.ts';

/** Each rule's family, without its (inlined, long) font file: failures stay readable. */
const families = (css: string) =>
  new Set([...css.matchAll(/font-family: '([^']+)'/g)].map(([, family]) => family));
const rules = (css: string) => (css.match(/@font-face/g) ?? []).length;
const tree = (...children: ReturnType<typeof h>[]): Root => ({ type: 'root', children });
const page = (root: Root) =>
  root.children.map((node) => (node.type === 'element' ? textOf(node) : '')).join('');
const textOf = (node: ReturnType<typeof h>): string =>
  node.children
    .map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : ''))
    .join('');

describe('the languages of a page’s text', () => {
  it('follows lang down the tree, as :lang() does', () => {
    const text = chineseText(
      tree(
        h('p', { lang: 'zh-Hans' }, ['简', h('span', '体')]),
        h('p', { lang: 'zh-CN' }, '国'),
        h('p', { lang: 'zh-Hant-CN' }, '國'),
        h('p', { lang: 'zh-SG' }, [h('span', { lang: 'en' }, 'x')]),
        h('p', '中'),
      ),
      'en',
    );
    expect([...text.simplified].map((c) => String.fromCodePoint(c)).sort()).toEqual(
      ['简', '体', '国'].sort(),
    );
    for (const char of '國中x') expect(text.other.has(char.codePointAt(0) ?? 0), char).toBe(true);
    expect(chineseText(tree(h('p', '汉')), 'zh-Hans').simplified.has(0x6c49)).toBe(true);
  });
});

describe('the faces the HTML edition inlines', () => {
  it('sets Simplified Chinese text in Noto Sans SC and other Chinese text in Noto Sans TC', () => {
    const simplified = tree(h('p', { lang: 'zh-Hans' }, '中文网络'));
    const css = inlineFontFaceCss(`<p>${page(simplified)}</p>`, chineseText(simplified, 'en'));
    expect(families(css).has('Noto Sans SC')).toBe(true);
    expect(families(css).has('Noto Sans TC')).toBe(false);
    const traditional = tree(h('p', { lang: 'zh-Hant' }, '中文網絡'));
    const tcss = inlineFontFaceCss(`<p>${page(traditional)}</p>`, chineseText(traditional, 'en'));
    expect(families(tcss).has('Noto Sans TC')).toBe(true);
    expect(families(tcss).has('Noto Sans SC')).toBe(false);
    // The same character in both: both faces.
    const both = tree(h('p', { lang: 'zh-Hans' }, '中'), h('p', { lang: 'zh-Hant' }, '中'));
    const bcss = inlineFontFaceCss(`<p>中</p><p>中</p>`, chineseText(both, 'en'));
    expect(families(bcss).has('Noto Sans SC') && families(bcss).has('Noto Sans TC')).toBe(true);
  });

  it('gives a character a Source face claims but does not draw the Chinese face that draws it', () => {
    const { families: drawn } = coverage();
    const nbHyphen = 0x2011;
    expect(drawn.get('Source Serif 4')?.has(nbHyphen)).toBe(false);
    expect(drawn.get('Noto Sans TC')?.has(nbHyphen)).toBe(true);
    const css = inlineFontFaceCss('<p>non\u2011breaking</p>');
    expect(families(css).has('Noto Sans TC')).toBe(true);
  });

  it('carries no Chinese, math or Latin Extended slice a Latin page does not use', () => {
    const css = inlineFontFaceCss('<p>Plain English text, 1–2 “quoted”.</p>');
    expect(families(css)).toEqual(new Set(['Source Serif 4', 'Source Sans 3', 'Source Code Pro']));
    // Latin Extended (ř) comes in only with a page that has it.
    expect(rules(inlineFontFaceCss('<p>Dvorak</p>'))).toBe(rules(css));
    expect(rules(inlineFontFaceCss('<p>Dvořák</p>'))).toBeGreaterThan(rules(css));
  });
});
