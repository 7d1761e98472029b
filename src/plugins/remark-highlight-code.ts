/**
 * remark plugin (parse checks): highlights fenced code at build time with lowlight
 * (highlight.js grammars, its common set of 37 languages and their aliases: `js`, `ts`,
 * `py`, `sh`, `yaml`, `sql`, `rust`, `go` …), so no edition needs JavaScript to show it.
 * Tokens become `span.hljs-*` inside `pre > code.hljs.language-x`; styles/code.css maps
 * them to weight, style and colours that stay distinct in greyscale print.
 *
 * A block without a language, or in `text`/`plain`, stays plain. A language lowlight does
 * not know stays plain too, with a warning at the fence (`code:unknown-language`).
 * Highlighting one file's code happens once, for every edition (the trees are shared).
 */
import type { ElementContent } from 'hast';
import { common, createLowlight } from 'lowlight';
import type { Code, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { warn } from '../diagnostics/messages.ts';

/** Languages that mean "no highlighting": never a warning. */
const plainLanguages = new Set(['text', 'txt', 'plain', 'plaintext', 'none', 'output']);

type Highlighter = ReturnType<typeof createLowlight>;
let highlighter: Highlighter | undefined;

export function remarkHighlightCode() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'code', (code: Code) => {
      const language = code.lang?.toLowerCase();
      if (!language || plainLanguages.has(language)) return;
      // Registering the grammars costs a little: only for a project that has code to colour.
      highlighter ??= createLowlight(common);
      if (!highlighter.registered(language)) {
        warn(
          file,
          `Code language \`${code.lang}\` is not one Folio highlights: the block is shown plain (name a known language, or \`text\`)`,
          { place: code.position?.start, ruleId: 'code:unknown-language' },
        );
        return;
      }
      let children: ElementContent[];
      try {
        children = highlighter
          .highlight(language, code.value)
          .children.filter((n): n is ElementContent => n.type !== 'doctype');
      } catch {
        // A grammar that throws on odd input leaves the block plain rather than the build broken.
        return;
      }
      code.data = {
        ...code.data,
        hProperties: { ...code.data?.hProperties, className: ['hljs', `language-${language}`] },
        hChildren: children,
      };
    });
  };
}
