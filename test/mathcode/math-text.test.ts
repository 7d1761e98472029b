/**
 * Typeset math as plain text (src/model/math-text.ts), for bookmarks, running heads and the
 * EPUB navigation: Temml's MathML of each TeX read back as the text a reader would type.
 */
import { fromHtml } from 'hast-util-from-html';
import temml from 'temml';
import { describe, expect, it } from 'vitest';
import { mathPlainText } from '../../src/model/math-text.ts';

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
