/**
 * remark plugin: gives Folio's block directives their HTML (`:::editorial` notes,
 * `:::epigraph`, a document's own `:::contents-list`) and reports any directive Folio does
 * not know, so that a typo never silently vanishes from an edition.
 */
import type { Root } from 'mdast';
import type {} from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';

type Kind = 'containerDirective' | 'leafDirective' | 'textDirective';

/** Every directive Folio reads, by kind; the index and term plugins handle their own. */
const known: Record<Kind, string[]> = {
  containerDirective: ['editorial', 'epigraph', 'contents-list', 'index'],
  leafDirective: ['index'],
  textDirective: ['index', 'term'],
};

const blocks: Record<string, { hName: string; className: string[]; role?: string }> = {
  editorial: { hName: 'aside', className: ['editorial-note'], role: 'note' },
  epigraph: { hName: 'blockquote', className: ['epigraph'] },
  'contents-list': { hName: 'div', className: ['source-contents'] },
};

const syntax: Record<Kind, string> = {
  containerDirective: ':::',
  leafDirective: '::',
  textDirective: ':',
};

export function remarkBlockDirectives() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (
        node.type !== 'containerDirective' &&
        node.type !== 'leafDirective' &&
        node.type !== 'textDirective'
      )
        return;
      if (node.type === 'containerDirective' && !closed(node, String(file.value))) {
        fail(file, `Unclosed directive \`:::${node.name}\`: end it with a line \`:::\``, {
          place: node.position?.start,
          ruleId: 'directive:unclosed',
        });
      }
      if (!known[node.type].includes(node.name)) {
        const expected = known[node.type].map((n) => `\`${syntax[node.type]}${n}\``).join(', ');
        fail(
          file,
          `Unknown directive \`${syntax[node.type]}${node.name}\`: expected ${expected}${node.type === 'textDirective' ? ' (write `\\:` for a literal colon)' : ''}`,
          { place: node.position, ruleId: 'directive:unknown' },
        );
        return;
      }
      const block = node.type === 'containerDirective' ? blocks[node.name] : undefined;
      if (!block) return;
      node.data = {
        ...node.data,
        hName: block.hName,
        hProperties: { className: block.className, ...(block.role ? { role: block.role } : {}) },
      };
    });
  };
}

/** A container runs to the end of the file when its closing fence is missing. */
function closed(node: { position?: { end: { offset?: number } } }, source: string): boolean {
  const end = node.position?.end.offset;
  if (end === undefined) return true;
  const lastLine = source.slice(source.lastIndexOf('\n', end - 1) + 1, end);
  return /^\s*:{3,}\s*$/.test(lastLine);
}
