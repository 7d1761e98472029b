/**
 * remark plugin (parse checks): typesets the TeX that remark-math found (`$…$` inline,
 * `$$` blocks) as MathML, once per file, for every edition: MathML Core, which Chromium
 * prints natively in the bundled Noto Sans Math (styles/math.css) and EPUB 3 readers and
 * browsers show; the TeX stays on the `math` element as its `alttext`.
 *
 * A display equation is a `div.equation` around its `math`, so that the collect pass can
 * give a labelled one its id, and the resolve pass its number (remark-collect-figures.ts,
 * rehype-figures.ts): equations are numbered objects, numbered as figures are. It is written
 *
 * ```markdown
 * $$ {#eq-energy}
 * E = mc^2
 * $$
 * ```
 *
 * or on one line, `$$E = mc^2$$ {#eq-energy}` (a paragraph holding only that). A label
 * after a closing `$$` line is not Markdown remark-math reads (the block would run on to
 * the end of the file): that is an error pointing at the label. Single dollars follow
 * Pandoc's rule, so that prices ("$5 and $10") stay text.
 *
 * TeX that does not parse is a warning at its line and column (`math:invalid-tex`), and the
 * source is kept, as code. TeX commands that load or link anything (`\href`,
 * `\includegraphics`) are refused by Temml's `trust: false`, sizes are capped (`maxSize`),
 * macro expansion is bounded (Temml's `maxExpand`), and TeX nested too deep for the stack is
 * reported like any other that does not parse.
 */
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Paragraph, Root } from 'mdast';
import type { Math as DisplayMath, InlineMath } from 'mdast-util-math';
import type {} from 'mdast-util-to-hast';
import temml from 'temml';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail, warn } from '../diagnostics/messages.ts';

declare module 'mdast-util-math' {
  interface MathData {
    /** The `{#label}` the equation was given: the collect pass numbers it. */
    equationLabel?: string;
  }
}

const mathmlNamespace = 'http://www.w3.org/1998/Math/MathML';
/** `{#eq-energy}`: the label syntax of headings, for an equation. */
const labelPattern = /^\{#([^\s{}#]+)\}$/;
/** A label left after the closing `$$`, which remark-math read as part of the block. */
const labelAfterFence = /^[ \t]*\$\$[ \t]*(\{#[^\s{}#]+\})[ \t]*$/m;

export function remarkTypesetMath() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value ?? '');
    const lines = source.split('\n');
    // `$$E = mc^2$$ {#eq}` alone in a paragraph: a display equation written on one line.
    visit(tree, 'paragraph', (paragraph: Paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const display = oneLineDisplay(paragraph, source);
      if (!display) return;
      parent.children[index] = display;
      return SKIP;
    });
    dollarsAsText(tree, source);
    visit(tree, (node) => {
      if (node.type === 'math') typesetDisplay(node, file, lines);
      else if (node.type === 'inlineMath') typesetInline(node, file, source, lines);
    });
  };
}

/**
 * `$5 and $10` is money, not math: Pandoc's rule for single dollars (below) turns such
 * inline math back into its text. `source` is the text the tree's offsets point into; a
 * tree whose positions were moved (a glossary definition's) is given it before the move.
 */
export function dollarsAsText(tree: Root, source: string): void {
  visit(tree, 'inlineMath', (node: InlineMath, index, parent) => {
    if (!parent || index === undefined || !isDollarText(node, source)) return;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    parent.children[index] = {
      type: 'text',
      value: source.slice(start, end),
      position: node.position,
    };
  });
}

/** The display equation a paragraph of only `$$…$$` (and a label) stands for, if it is one. */
function oneLineDisplay(paragraph: Paragraph, source: string): DisplayMath | undefined {
  const [first, rest, ...more] = paragraph.children;
  if (first?.type !== 'inlineMath' || more.length > 0) return undefined;
  const start = first.position?.start.offset;
  if (start === undefined || source.slice(start, start + 2) !== '$$') return undefined;
  let meta: string | null = null;
  if (rest) {
    if (rest.type !== 'text' || !labelPattern.test(rest.value.trim())) return undefined;
    meta = rest.value.trim();
  }
  return { type: 'math', value: first.value, meta, position: paragraph.position };
}

/**
 * Pandoc's rule, which remark-math lacks: single-dollar math opens with a non-space right
 * after the `$` and closes with a non-space right before it, and no digit right after it.
 * Else the dollars are text (prices), as every Markdown viewer without math shows them.
 */
function isDollarText(node: InlineMath, source: string): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  const raw = source.slice(start, end);
  if (!raw.startsWith('$') || raw.startsWith('$$') || !raw.endsWith('$')) return false;
  const inner = raw.slice(1, -1);
  return /^\s/.test(inner) || /\s$/.test(inner) || /^\d/.test(source.charAt(end));
}

function typesetDisplay(node: DisplayMath, file: VFile, lines: string[]): void {
  const stray = labelAfterFence.exec(node.value);
  if (stray) {
    const before = node.value.slice(0, stray.index).split('\n').length;
    fail(
      file,
      `The label \`${stray[1]}\` after a closing \`$$\` is not read, and the equation runs on to the end of the file: put the label on the opening line, \`$$ ${stray[1]}\``,
      {
        place: node.position && { line: node.position.start.line + before, column: 1 },
        ruleId: 'math:label-placement',
      },
    );
    // What it holds is not the equation alone: shown as source, not reported again as TeX.
    node.data = {
      ...node.data,
      hName: 'div',
      hProperties: { className: ['equation', 'math-error'] },
      hChildren: [texAsCode(node.value)],
    };
    return;
  }
  const meta = node.meta?.trim();
  const label = meta ? labelPattern.exec(meta)?.[1] : undefined;
  if (meta && !label) {
    warn(
      file,
      `Cannot read \`${meta}\` after \`$$\`: an equation takes only a label, \`{#eq-name}\``,
      { place: node.position?.start, ruleId: 'math:malformed-label' },
    );
  }
  // The TeX starts on the line after the opening fence, at the block's indent.
  const start = node.position?.start;
  const origin = start && { line: start.line + 1, column: start.column };
  const math = typeset(node.value, true, file, origin, lines);
  node.data = {
    ...node.data,
    ...(label ? { equationLabel: label } : {}),
    hName: 'div',
    hProperties: { className: math ? ['equation'] : ['equation', 'math-error'] },
    hChildren: [math ?? texAsCode(node.value)],
  };
}

function typesetInline(node: InlineMath, file: VFile, source: string, lines: string[]): void {
  const start = node.position?.start;
  const fence =
    start?.offset === undefined ? 1 : /^\$+/.exec(source.slice(start.offset))?.[0].length;
  const origin = start && { line: start.line, column: start.column + (fence ?? 1) };
  const math = typeset(node.value, false, file, origin, lines);
  if (math) {
    node.data = {
      ...node.data,
      hName: 'math',
      hProperties: math.properties,
      hChildren: math.children,
    };
  } else {
    node.data = {
      ...node.data,
      hName: 'code',
      hProperties: { className: ['math-error'] },
      hChildren: [{ type: 'text', value: node.value }],
    };
  }
}

/**
 * The MathML of `tex`, or undefined (and a warning at the place of the fault) when it does
 * not parse. `origin` is where the TeX itself starts in the file.
 */
function typeset(
  tex: string,
  displayMode: boolean,
  file: VFile,
  origin: Point | undefined,
  lines: string[],
): Element | undefined {
  let markup: string;
  try {
    // Sizes a manuscript gives (`\rule{9999em}{…}`) are capped: no box larger than a page.
    markup = temml.renderToString(tex, {
      displayMode,
      throwOnError: true,
      trust: false,
      maxSize: [30, 30],
      // Inline math is cut into groups after its top-level relations and operators, as
      // TeX breaks a formula across lines (styles/math.css lets the groups wrap in print).
      wrap: displayMode ? 'none' : 'tex',
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = parseErrorPosition(error);
    warn(file, `Cannot typeset this TeX: ${plainReason(reason)}; it is shown as source`, {
      place: origin && placeIn(tex, at, origin, lines),
      ruleId: 'math:invalid-tex',
    });
    return undefined;
  }
  const math = fromHtml(markup, { fragment: true }).children.find(
    (n): n is Element => n.type === 'element' && n.tagName === 'math',
  );
  if (!math) return undefined;
  if (displayMode) groupForWrapping(math);
  math.properties = {
    xmlns: mathmlNamespace,
    ...math.properties,
    alttext: tex.trim(),
    display: displayMode ? 'block' : 'inline',
  };
  return math;
}

/** Relations and binary operators a display equation may break after, as TeX would. */
const breakAfter = new Set([...'=≠<>≤≥≪≫≈≃≅≡∼∝→←↔⇒⇐⇔↦∈∉⊂⊃⊆⊇+−±∓×·÷∗∘∪∩∧∨⊕⊗', ':=']);

/**
 * Temml does not cut a display equation into groups (its `wrap` is for inline math): this
 * does, at the same places, so that an equation wider than the page wraps in print instead
 * of running off it. Only the top level is cut (never inside a fraction, root or
 * fence), never after its first item (a leading minus), and only when there is more than
 * one group; `math.wraps` marks the result for styles/math.css.
 */
function groupForWrapping(math: Element): void {
  const [row, ...others] = math.children.filter((n) => n.type === 'element');
  if (!row || others.length > 0 || row.tagName !== 'mrow') return;
  const groups: ElementContent[][] = [[]];
  row.children.forEach((child, i) => {
    groups[groups.length - 1]?.push(child);
    if (
      i > 0 &&
      i < row.children.length - 1 &&
      child.type === 'element' &&
      child.tagName === 'mo' &&
      child.properties.fence === undefined &&
      breakAfter.has(textOf(child))
    )
      groups.push([]);
  });
  if (groups.length < 2) return;
  math.children = groups.map((children) => ({
    type: 'element',
    tagName: 'mrow',
    properties: {},
    children,
  }));
  math.properties.className = [...classNames(math.properties.className), 'wraps'];
  // Temml's inline `display: block math` would win over the stylesheet's flex.
  delete math.properties.style;
}

function textOf(element: Element): string {
  return element.children
    .map((c) => (c.type === 'text' ? c.value : ''))
    .join('')
    .trim();
}

function classNames(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

/** Temml's ParseError carries the offset of the fault in the TeX. */
function parseErrorPosition(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('position' in error)) return undefined;
  return typeof error.position === 'number' ? error.position : undefined;
}

/** Temml's reason without its underlined copy of the source. */
function plainReason(reason: string): string {
  return reason
    .replace(/^ParseError:\s*/, '')
    .replace(/\s+at position \d+:[\s\S]*$/, '')
    .replace(/\s+at end of input:[\s\S]*$/, ' at the end')
    .trim();
}

/**
 * The file's line and column of the TeX's `at`th character. A line of a block nested in a
 * list or quote starts with its container's marks: the TeX's own line is looked up in the
 * file's line to find its column, and the block's start column is used when it is not there.
 */
function placeIn(tex: string, at: number | undefined, origin: Point, lines: string[]): Point {
  if (at === undefined) return origin;
  const before = tex.slice(0, at).split('\n');
  const lineIndex = before.length - 1;
  const columnInLine = before[lineIndex]?.length ?? 0;
  if (lineIndex === 0) return { line: origin.line, column: origin.column + columnInLine };
  const line = origin.line + lineIndex;
  const texLine = tex.split('\n')[lineIndex] ?? '';
  const found = texLine ? (lines[line - 1] ?? '').indexOf(texLine) : -1;
  return { line, column: (found >= 0 ? found + 1 : origin.column) + columnInLine };
}

function texAsCode(tex: string): ElementContent {
  return {
    type: 'element',
    tagName: 'pre',
    properties: {},
    children: [
      {
        type: 'element',
        tagName: 'code',
        properties: {},
        children: [{ type: 'text', value: tex }],
      },
    ],
  };
}
