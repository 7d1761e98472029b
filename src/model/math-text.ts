/**
 * Typeset math (Temml's MathML) as plain text, for the places that can hold only text: a
 * PDF bookmark, a running head, the EPUB navigation, a section's title in the registry.
 * `E = mc^2` reads "E=mc²", `x_1` "x₁", `\frac{a}{b}` "a/b", `\sqrt{2}` "√2": the letters and
 * signs as printed, scripts as Unicode super- and subscripts where every character has one
 * (else `^(…)`, `_(…)`), accents as combining marks (`\hat{x}` "x̂"), no TeX. Invisible
 * operators are dropped, function application is a space ("sin x").
 */
import type { ElementContent } from 'hast';
import type { InlineMath } from 'mdast-util-math';
import type {} from 'mdast-util-to-hast';

/** Characters and the Unicode script forms they have, pair by pair. */
const forms = (plain: string, script: string): Record<string, string> => {
  const scripts = [...script];
  return Object.fromEntries([...plain].map((c, i) => [c, scripts[i] ?? c]));
};

const superscripts = forms('0123456789+−-=()ni′', '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ′');
const subscripts = forms('0123456789+−-=()aeoxhklmnpstij', '₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ');

/** Accents over a letter and the combining marks that put them on it: `\hat{x}` reads x̂. */
const accents = forms(
  '^ˆ~˜¯‾˙¨→´`ˇ˘',
  '\u0302\u0302\u0303\u0303\u0304\u0305\u0307\u0308\u20d7\u0301\u0300\u030c\u0306',
);

/** Invisible times, separator and plus: not printed, not text. */
const invisible = /[\u2062-\u2064]/g;

/** The plain text of a MathML element (or of its content). */
export function mathPlainText(node: ElementContent | readonly ElementContent[]): string {
  const text = Array.isArray(node) ? node.map(textOf).join('') : textOf(node as ElementContent);
  // Function application is a space before an argument ("sin x"), nothing before brackets.
  return text
    .replace(invisible, '')
    .replace(/\u2061(?=[([{])/g, '')
    .replace(/[\u2061\u00a0]/g, ' ');
}

/** The plain text of `$…$` typeset by remark-typeset-math.ts; its TeX when it could not be. */
export function inlineMathText(node: InlineMath): string {
  const typeset = node.data?.hName === 'math' ? node.data.hChildren : undefined;
  return typeset ? mathPlainText(typeset) : node.value;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  const parts = node.children.filter((c) => c.type === 'element' || c.type === 'text');
  const part = (i: number) => {
    const child = parts[i];
    return child
      ? textOf(child)
          .replace(invisible, '')
          .replace(/\u2061/g, '')
          .trim()
      : '';
  };
  switch (node.tagName) {
    case 'annotation':
    case 'annotation-xml':
      return '';
    case 'msup':
      return part(0) + script(part(1), superscripts, '^');
    case 'msub':
      return part(0) + script(part(1), subscripts, '_');
    case 'msubsup':
      return part(0) + script(part(1), subscripts, '_') + script(part(2), superscripts, '^');
    case 'mfrac':
      return `${grouped(part(0))}/${grouped(part(1))}`;
    case 'msqrt':
      return `√${grouped(parts.map(textOf).join(''))}`;
    case 'mover': {
      const accent = accents[part(1)];
      return accent ? part(0) + accent : part(0) + part(1);
    }
    case 'mroot':
      return `${script(part(1), superscripts, '^')}√${grouped(part(0))}`;
    default:
      return parts.map(textOf).join('');
  }
}

/** A script in Unicode super- or subscripts when every character has one, else `^(…)`. */
function script(text: string, table: Record<string, string>, mark: string): string {
  if (!text) return '';
  const chars = [...text];
  if (chars.every((c) => table[c])) return chars.map((c) => table[c]).join('');
  return `${mark}${grouped(text)}`;
}

/** More than one character reads as one group in parentheses: `(a+b)/2`. */
function grouped(text: string): string {
  return [...text].length > 1 ? `(${text})` : text;
}
