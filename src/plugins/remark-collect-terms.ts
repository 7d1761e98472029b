/**
 * remark plugin (collect pass): finds the glossary's terms in running text and wraps each
 * use, with an anchor id for the glossary's links back and for the index. Uses forced with
 * `:term[ITU]` are taken as written. The first use in each document links to its glossary
 * entry (or every use, or none: `glossaryLinks` in the config); an abbreviation is always
 * wrapped in `<abbr title="expansion">`.
 */
import type { PhrasingContent, Root, Text } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { TermMatcher } from '../collect/term-matcher.ts';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { fail } from '../diagnostics/messages.ts';
import type { GlossaryEntry } from '../model/glossary.ts';
import { glossaryEntryId, termUseKind } from '../model/ids.ts';
import type { Registry } from '../model/registry.ts';
import { documentIdOf } from '../model/vfile-data.ts';

export interface CollectTermsOptions {
  registry: Registry;
  matcher: TermMatcher;
  links: 'first-in-document' | 'every' | 'none';
}

/** Where automatic matching does not look: headings, links, code, a document's own contents list. */
const skipped = new Set([
  'heading',
  'link',
  'linkReference',
  'inlineCode',
  'code',
  'html',
  'definition',
]);

export function remarkCollectTerms(options: CollectTermsOptions) {
  const { registry, matcher } = options;
  return (tree: Root, file: VFile) => {
    const documentId = documentIdOf(file);
    // In an annotation's note, the uses are recorded as the note's.
    const note = file.data.note;
    let section = note?.section;
    const use = (
      entry: GlossaryEntry,
      children: PhrasingContent[],
      abbreviation: boolean,
    ): TextDirective => {
      const anchor = registry.nextAnchor(documentId, termUseKind(entry.id));
      const first = registry.recordTermUse({
        termId: entry.id,
        documentId,
        anchor,
        section,
        ...(note ? { annotation: note.annotation } : {}),
      });
      const link = options.links === 'every' || (options.links === 'first-in-document' && first);
      const content: PhrasingContent[] = abbreviation
        ? [
            {
              type: 'textDirective',
              name: 'abbr',
              attributes: {},
              children,
              data: { hName: 'abbr', hProperties: { title: entry.term } },
            },
          ]
        : children;
      return {
        type: 'textDirective',
        name: 'term',
        attributes: {},
        children: content,
        data: {
          hName: link ? 'a' : 'span',
          hProperties: {
            id: anchor,
            className: ['term'],
            dataTerm: entry.id,
            ...(link ? { href: `#${glossaryEntryId(entry.id)}` } : {}),
          },
        },
      };
    };

    visit(tree, (node, index, parent) => {
      if (node.type === 'heading') {
        const id = node.data?.hProperties?.id;
        if (typeof id === 'string') section = id;
        return SKIP;
      }
      if (skipped.has(node.type)) return SKIP;
      if (node.type === 'containerDirective' && node.name === 'contents-list') return SKIP;
      if (node.type === 'textDirective' && node.name === 'term') {
        if (node.data?.hName) return SKIP; // made by this plugin
        const name = node.attributes?.term ?? mdastToString(node);
        const entry = matcher.find(name);
        if (!entry) {
          fail(
            file,
            `Unknown glossary term \`${name}\` in \`:term\`${didYouMean(name.toLowerCase(), matcher.names())}`,
            { place: node.position, ruleId: 'glossary:unknown-term' },
          );
          return SKIP;
        }
        const abbreviation =
          entry.abbreviation !== undefined && mdastToString(node).trim() === entry.abbreviation;
        if (parent && index !== undefined)
          parent.children[index] = use(entry, node.children, abbreviation);
        return SKIP;
      }
      if (node.type !== 'text' || !parent || index === undefined) return;
      const pieces = split(node, [...matcher.matches(node.value)], (match, text) =>
        use(match.entry, [text], match.abbreviation),
      );
      if (!pieces) return;
      parent.children.splice(index, 1, ...pieces);
      return [SKIP, index + pieces.length];
    });
  };
}

/** Cuts a text node around its matches; undefined when nothing matched. */
function split<M extends { start: number; end: number }>(
  node: Text,
  matches: M[],
  wrap: (match: M, text: Text) => PhrasingContent,
): PhrasingContent[] | undefined {
  if (matches.length === 0) return undefined;
  const pieces: PhrasingContent[] = [];
  let cursor = 0;
  for (const match of matches) {
    if (match.start > cursor)
      pieces.push({ type: 'text', value: node.value.slice(cursor, match.start) });
    pieces.push(wrap(match, { type: 'text', value: node.value.slice(match.start, match.end) }));
    cursor = match.end;
  }
  if (cursor < node.value.length) pieces.push({ type: 'text', value: node.value.slice(cursor) });
  return pieces;
}
