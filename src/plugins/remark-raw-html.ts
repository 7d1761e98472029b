/**
 * remark plugin: what becomes of raw HTML in a manuscript, by the config's `rawHtml`.
 *
 * - `sanitize` (the default): raw HTML stays in the tree; the resolve pass parses it and
 *   keeps a safe subset (rehype-raw-html.ts), reporting what it drops;
 * - `refuse`: each occurrence is an error where it stands (`html:raw`), so the author
 *   rewrites it in Markdown, and none reaches an edition.
 *
 * HTML comments are allowed and dropped in both.
 */
import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';

export interface RawHtmlOptions {
  mode: 'sanitize' | 'refuse';
}

export function remarkRawHtml(options: RawHtmlOptions = { mode: 'sanitize' }) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const comment = /^<!--[\s\S]*-->$/.test(node.value.trim());
      if (!comment && options.mode === 'sanitize') return;
      if (!comment) {
        fail(
          file,
          `Raw HTML is not allowed in a manuscript: \`${node.value.trim().slice(0, 40)}\`; write it in Markdown (or set \`rawHtml: sanitize\`)`,
          { place: node.position, ruleId: 'html:raw' },
        );
      }
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
