/**
 * remark plugin: gives Folio's block directives their HTML (`:::editorial` notes,
 * `:::epigraph`, a document's own `:::contents-list`) and reports any directive Folio does
 * not know, so that a typo never silently vanishes from an edition.
 *
 * Text that only looks like a text directive stays text: remark-directive reads
 * "A01:2025", "height:80px" or "10:30am" as directives, but a text directive Folio does not
 * know, written without `[…]` or `{…}`, is what the author typed, so it goes back to its
 * source text without a message. With brackets or braces it is reported as unknown.
 */
import type { Parent, Root, Text } from 'mdast';
import type {} from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';

type Kind = 'containerDirective' | 'leafDirective' | 'textDirective';

/** Every directive Folio reads, by kind; the index, term and figure plugins handle their own. */
const known: Record<Kind, string[]> = {
  containerDirective: ['editorial', 'epigraph', 'contents-list', 'index', 'figure', 'table'],
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
    const source = String(file.value);
    visit(tree, (node, index, parent) => {
      if (
        node.type === 'textDirective' &&
        !known.textDirective.includes(node.name) &&
        parent &&
        index !== undefined
      ) {
        const written = sourceOf(node, source);
        if (written !== undefined && !/[[{]/.test(written)) return asText(parent, index, written);
      }
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

/** The text a node was written as, when its offsets are known. */
function sourceOf(
  node: { position?: { start: { offset?: number }; end: { offset?: number } } },
  source: string,
) {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : source.slice(start, end);
}

/**
 * Puts `value` back as text at `index`, joined with the text around it (so that glossary
 * terms and passages are found across it); returns where the walk goes on.
 */
function asText(parent: Parent, index: number, value: string): number {
  const node = parent.children[index];
  const before = parent.children[index - 1];
  const after = parent.children[index + 1];
  const text: Text = { type: 'text', value, position: node?.position };
  let at = index;
  if (before?.type === 'text') {
    text.value = before.value + text.value;
    text.position = before.position &&
      text.position && { start: before.position.start, end: text.position.end };
    at = index - 1;
  }
  let count = at === index ? 1 : 2;
  if (after?.type === 'text') {
    text.value += after.value;
    text.position = text.position &&
      after.position && { start: text.position.start, end: after.position.end };
    count += 1;
  }
  parent.children.splice(at, count, text);
  return at;
}

/** A container runs to the end of the file when its closing fence is missing. */
function closed(node: { position?: { end: { offset?: number } } }, source: string): boolean {
  const end = node.position?.end.offset;
  if (end === undefined) return true;
  const lastLine = source.slice(source.lastIndexOf('\n', end - 1) + 1, end);
  return /^\s*:{3,}\s*$/.test(lastLine);
}
