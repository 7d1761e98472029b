/**
 * remark plugin: every link a manuscript, a glossary definition or an annotation writes is
 * held to the one URL policy (trust/url-policy.ts): http, https, mailto and links inside
 * the book stay; any other scheme (`javascript:`, `vbscript:`, `data:`, `file:` …) would
 * reach the HTML, the EPUB and the PDF's link actions, so the link is dropped (its text
 * stays) with a warning at the link. Runs in the parse stage, before anything is collected.
 */
import type { Definition, Link, LinkReference, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { warn } from '../diagnostics/messages.ts';
import { linkKind } from '../trust/url-policy.ts';

export function remarkLinkPolicy() {
  return (tree: Root, file: VFile) => {
    const forbidden = new Set<string>();
    const report = (node: Link | Definition, url: string) =>
      warn(
        file,
        `Link to \`${url.slice(0, 60)}\` dropped: a link may only use http, https or mailto, or point inside the book`,
        { place: node.position, ruleId: 'link:forbidden-scheme' },
      );
    visit(tree, 'definition', (definition, index, parent) => {
      if (linkKind(definition.url) !== 'forbidden') return;
      report(definition, definition.url);
      forbidden.add(definition.identifier);
      // The definition is gone, so an image reference to it is plain text too.
      if (parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      return undefined;
    });
    visit(tree, (node, index, parent) => {
      if (node.type !== 'link' && node.type !== 'linkReference') return;
      const link: Link | LinkReference = node;
      const dropped =
        link.type === 'link' ? linkKind(link.url) === 'forbidden' : forbidden.has(link.identifier);
      if (!dropped || !parent || index === undefined) return;
      if (link.type === 'link') report(link, link.url);
      parent.children.splice(index, 1, ...link.children);
      return index;
    });
  };
}
