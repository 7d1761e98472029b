/**
 * remark plugin: what becomes of raw HTML in a manuscript, by the config's `rawHtml`.
 *
 * - `sanitize` (the default): raw HTML stays in the tree, and the resolve pass keeps a safe
 *   subset of it (rehype-raw-html.ts). What it will drop is reported here, with the other
 *   per-file checks, from a trial run on a copy of the tree (only of a file that has raw HTML),
 *   so an author sees every problem of a file at once;
 * - `refuse`: each occurrence is an error where it stands (`html:raw`), so the author
 *   rewrites it in Markdown, and none reaches an edition.
 *
 * HTML comments are allowed and dropped in both.
 */
import { realpathSync } from 'node:fs';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';
import { rehypeRawHtml } from './rehype-raw-html.ts';

export interface RawHtmlOptions {
  mode: 'sanitize' | 'refuse';
  /** The project folder: a raw image must be a file inside it. */
  projectRoot: string;
}

export function remarkRawHtml(options: RawHtmlOptions) {
  const sanitizer = rehypeRawHtml({ projectRoot: realpathSync(options.projectRoot), report: true });
  return (tree: Root, file: VFile) => {
    let kept = false;
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const comment = /^<!--[\s\S]*-->$/.test(node.value.trim());
      if (!comment && options.mode === 'sanitize') {
        kept = true;
        return;
      }
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
    if (!kept) return;
    const trial = toHast(structuredClone(tree), { allowDangerousHtml: true });
    if (trial.type === 'root') sanitizer(trial, file);
  };
}
