/**
 * Typeset math as plain text (src/model/math-text.ts), for bookmarks, running heads and the
 * EPUB navigation: Temml's MathML of each TeX read back as the text a reader would type;
 * and the bookmark title Chromium draws from a heading's glyphs matched to that text.
 */
import { fromHtml } from 'hast-util-from-html';
import temml from 'temml';
import { describe, expect, it } from 'vitest';
import { mathPlainText } from '../../src/model/math-text.ts';
import { plainOutlineTitle } from '../../src/render/pdf/tagged-structure.ts';

const plain = (tex: string) =>
  mathPlainText(fromHtml(temml.renderToString(tex), { fragment: true }).children as never);

describe('math as plain text', () => {
  it.each([
    ['E = mc^2', 'E=mc²'],
    ['x_1 + x_{ij}', 'x₁+xᵢⱼ'],
    ['a_i^2', 'aᵢ²'],
    ['\\mathbb{R}^n', 'ℝⁿ'],
    ['\\frac{a+b}{2}', '(a+b)/2'],
    ['\\sqrt{2}', '√2'],
    ['\\sqrt[3]{x}', '³√x'],
    ['\\sin x', 'sin x'],
    ['\\sin(x)', 'sin(x)'],
    ['\\hat{x}', 'x\u0302'],
    ['\\text{if } x', 'if x'],
  ])('reads %s as %s', (tex, text) => {
    expect(plain(tex)).toBe(text);
  });

  it('writes a script with no Unicode form after a caret, grouped', () => {
    expect(plain('x^{\\alpha}')).toBe('x^α');
    expect(plain('e^{-x/2}')).toBe('e^(−x/2)');
  });
});

describe('a bookmark of a heading with math', () => {
  const plainTitles = ['Mass and energy, E=mc²', '2.1 The sum ∑xᵢ'];

  it('gets the plain title Chromium’s glyph title stands for', () => {
    expect(plainOutlineTitle('Mass and energy, 𝐸=𝑚𝑐2', plainTitles)).toBe(plainTitles[0]);
    expect(plainOutlineTitle('2.1 The sum ∑𝑥𝑖', plainTitles)).toBe(plainTitles[1]);
  });

  it('leaves every other title alone', () => {
    expect(plainOutlineTitle('Mass and energy', plainTitles)).toBeUndefined();
    expect(plainOutlineTitle('Mass and energy, E=mc²', plainTitles)).toBeUndefined();
    expect(plainOutlineTitle('Mass and energy, 𝐸=𝑚𝑐2', [])).toBeUndefined();
  });
});
