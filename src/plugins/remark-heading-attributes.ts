/**
 * remark plugin: reads a trailing attribute block on headings, `## Title {#label .class}`,
 * as in Pandoc and markdown-it-attrs. The label becomes the heading's id (`data.id`), the
 * classes go to `hProperties`, and the block is removed from the heading text.
 */
import type { Heading, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';

const attributeBlock = /\s*\{([^{}]*)\}\s*$/;
const token = /^(?:#([\p{L}\p{N}_:.-]+)|\.([\p{L}\p{N}_-]+))$/u;

declare module 'mdast' {
  interface HeadingData {
    /** The label given with `{#label}`. */
    id?: string;
  }
}

export function remarkHeadingAttributes() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'heading', (heading: Heading) => {
      const last = heading.children[heading.children.length - 1];
      if (last?.type !== 'text') return;
      const match = attributeBlock.exec(last.value);
      if (!match) return;
      const classes: string[] = [];
      let id: string | undefined;
      for (const part of (match[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
        const parsed = token.exec(part);
        if (!parsed) {
          fail(
            file,
            `Cannot read heading attribute \`${part}\`: use \`{#label}\` or \`{.class}\``,
            { place: last.position, ruleId: 'heading:malformed-attribute' },
          );
          continue;
        }
        if (parsed[1]) id = parsed[1];
        if (parsed[2]) classes.push(parsed[2]);
      }
      last.value = last.value.slice(0, match.index);
      if (last.value === '') heading.children.pop();
      heading.data ??= {};
      if (id) heading.data.id = id;
      if (classes.length > 0) {
        heading.data.hProperties = { ...heading.data.hProperties, className: classes };
      }
    });
  };
}
