/**
 * remark plugin (collect pass): reads index marks and records them in the registry.
 *
 * - `:index[word]` marks the word where it stands (the entry is the word);
 * - `:index[text]{term="main" sub="sub"}` files the spot under a main entry and subentry;
 * - `::index{term="x"}` marks a point without text; with `see` or `seealso` it only adds
 *   a cross-reference inside the index;
 * - `:::index{term="x"}` … `:::` marks a range (a passage or a whole section).
 *
 * Every mark gets an anchor id so locators link to the exact spot.
 */
import type { Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';
import { rangeBlockId, rangeEndId } from '../model/ids.ts';
import type { Registry } from '../model/registry.ts';
import { documentIdOf } from '../model/vfile-data.ts';

export interface CollectIndexMarksOptions {
  registry: Registry;
}

const allowed = new Set(['term', 'sub', 'see', 'seealso', 'major']);

type Mark = TextDirective | LeafDirective | ContainerDirective;

export function remarkCollectIndexMarks(options: CollectIndexMarksOptions) {
  const { registry } = options;
  return (tree: Root, file: VFile) => {
    const documentId = documentIdOf(file);
    // In an annotation's note, the marks are recorded as the note's.
    const note = file.data.note;
    /** The section each mark is in, for locators that show sections rather than pages. */
    let section = note?.section;
    const origin = note ? { annotation: note.annotation } : {};
    visit(tree, (node, index, parent) => {
      if (node.type === 'heading') {
        const id = node.data?.hProperties?.id;
        if (typeof id === 'string') section = id;
        return;
      }
      if (
        (node.type !== 'textDirective' &&
          node.type !== 'leafDirective' &&
          node.type !== 'containerDirective') ||
        node.name !== 'index'
      )
        return;
      const mark: Mark = node;
      const report = (reason: string, ruleId: string) => {
        fail(file, reason, { place: mark.position, ruleId });
      };
      const attributes = mark.attributes ?? {};
      const unknown = Object.keys(attributes).filter((k) => !allowed.has(k));
      if (unknown.length > 0) {
        report(
          `Unknown index attribute ${unknown.map((k) => `\`${k}\``).join(', ')}: expected \`term\`, \`sub\`, \`see\`, \`seealso\` or \`major\``,
          'index:malformed-mark',
        );
      }
      const text = mark.type === 'textDirective' ? mdastToString(mark).trim() : '';
      const term = (attributes.term ?? text).trim();
      const sub = attributes.sub?.trim() || undefined;
      if (term === '') {
        report(
          mark.type === 'textDirective'
            ? 'Empty index mark: give the marked text, `:index[word]`, or a `term`'
            : 'Index mark without a term: add `{term="…"}`',
          'index:empty-mark',
        );
      }
      for (const kind of ['see', 'seeAlso'] as const) {
        const target = attributes[kind === 'see' ? 'see' : 'seealso']?.trim();
        if (target === '')
          report(
            `Empty \`${kind === 'see' ? 'see' : 'seealso'}\` in an index mark`,
            'index:empty-mark',
          );
        if (target && term)
          registry.indexRefs.push({
            term,
            sub,
            kind,
            target,
            file,
            position: mark.position,
            ...origin,
          });
      }
      const crossRefOnly =
        attributes.see !== undefined ||
        (attributes.seealso !== undefined && mark.type === 'leafDirective');
      const hast = (hName: string, id?: string) => {
        mark.data = {
          ...mark.data,
          hName,
          hProperties: { className: ['index-mark'], ...(id ? { id } : {}) },
        };
      };
      if (term === '' || crossRefOnly) {
        if (mark.type === 'textDirective') hast('span');
        else if (parent && index !== undefined) {
          parent.children.splice(
            index,
            1,
            ...(mark.type === 'containerDirective' ? mark.children : []),
          );
          return index;
        }
        return SKIP;
      }
      const anchor = registry.nextAnchor(documentId, 'ix');
      const major = attributes.major !== undefined;
      if (mark.type === 'containerDirective') {
        const endAnchor = rangeEndId(anchor);
        mark.data = {
          ...mark.data,
          hName: 'div',
          hProperties: { className: ['index-range'], id: anchor },
        };
        // Each block of the range gets an id: a page that begins inside the range is
        // measured, and marked in the EPUB, at the block it begins with.
        let n = 0;
        for (const child of mark.children) {
          n += 1;
          const properties = child.data?.hProperties;
          if (properties?.id !== undefined) continue;
          child.data = {
            ...child.data,
            hProperties: { ...properties, id: rangeBlockId(anchor, n) },
          };
        }
        // The end is a block of its own after the last one (an empty inline element gets
        // no destination in Chromium's PDF), so the print measures the page the range ends on.
        mark.children.push({
          type: 'paragraph',
          data: { hName: 'div', hProperties: { id: endAnchor, className: ['index-range-end'] } },
          children: [],
        });
        registry.indexMarks.push({
          term,
          sub,
          documentId,
          anchor,
          endAnchor,
          section,
          major,
          ...origin,
        });
        return; // marks inside a range are marks of their own
      }
      hast('span', anchor);
      registry.indexMarks.push({ term, sub, documentId, anchor, section, major, ...origin });
      return undefined;
    });
  };
}
