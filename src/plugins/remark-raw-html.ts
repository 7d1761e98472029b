/**
 * remark plugin: raw HTML in a manuscript is not carried into editions (it could run
 * script in the print browser or break an EPUB's XHTML). Each occurrence is reported where
 * it stands so the author can rewrite it in Markdown; HTML comments are allowed and dropped.
 */
import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';

export function remarkRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (!/^<!--[\s\S]*-->$/.test(node.value.trim())) {
        fail(
          file,
          `Raw HTML is not allowed in a manuscript: \`${node.value.trim().slice(0, 40)}\`; write it in Markdown`,
          { place: node.position, ruleId: 'html:raw' },
        );
      }
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
