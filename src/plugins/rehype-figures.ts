/**
 * rehype plugin (resolve pass): finishes the figures and captioned tables that
 * remark-collect-figures.ts found, for the edition being resolved: each caption starts with
 * the object's number in the edition ("Figure 3: …", "Table 2.1: …", from the numbers on
 * `file.data.resolve`), a figure is a `figure` holding its images (their paragraph
 * unwrapped) and a `figcaption`, and a table gets its caption as its first child (`caption`)
 * and the object's anchor as its id, its wrapper dropped when nothing else was in it; a
 * numbered equation gets its number after its MathML, "(3)" or "(2.3)", from the same
 * numbering as the figures and tables.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { captionSeparator, objectName } from '../model/figure-words.ts';
import { classesOf } from '../model/hast-classes.ts';
import { numberObjects } from '../model/object-numbers.ts';
import type { NumberedObjectKind, Registry } from '../model/registry.ts';
import {
  objectAnchorProperty,
  objectKindProperty,
  pendingCaptionClass,
} from './remark-collect-figures.ts';

export interface FiguresOptions {
  registry: Registry;
}

export function rehypeFigures(options: FiguresOptions) {
  const { registry } = options;
  /** Numbers through each document: for a tree resolved without an edition's numbers. */
  let byDocument: ReadonlyMap<string, string> | undefined;
  return (tree: Root, file: VFile) => {
    if (!file.data.resolve?.objectNumbers)
      byDocument ??= numberObjects(registry, { scheme: 'document' });
    const numbers = file.data.resolve?.objectNumbers ?? byDocument ?? new Map<string, string>();
    const documentId = file.data.documentId;
    const language = (documentId && registry.documents.get(documentId)?.meta.language) || 'en';
    visit(tree, 'element', (node: Element, index, parent) => {
      const kind = node.properties[objectKindProperty];
      const anchor = node.properties[objectAnchorProperty];
      if (typeof kind !== 'string' || !isObjectKind(kind) || typeof anchor !== 'string') return;
      delete node.properties[objectKindProperty];
      delete node.properties[objectAnchorProperty];
      if (kind === 'equation') {
        const number = numbers.get(anchor);
        if (number !== undefined) node.children.push(h('span.equation-number', `(${number})`));
        return;
      }
      const caption = node.children.find(
        (c): c is Element => c.type === 'element' && classesOf(c).includes(pendingCaptionClass),
      );
      const number = numbers.get(anchor);
      const label = number === undefined ? undefined : objectName(kind, number, language);
      const finished = caption ?? h(kind === 'figure' ? 'figcaption' : 'caption');
      numberCaption(finished, label, captionSeparator(language));
      if (kind === 'figure') {
        node.properties.id = anchor;
        node.properties.className = [...classesOf(node), 'figure'];
        node.children = [
          ...node.children.filter((c) => c !== caption).flatMap(unwrapImages),
          finished,
        ];
        return;
      }
      const table = node.children.find(
        (c): c is Element => c.type === 'element' && c.tagName === 'table',
      );
      if (!table || !parent || index === undefined) return;
      table.properties.id = anchor;
      finished.tagName = 'caption';
      table.children.unshift(finished);
      const rest = node.children.filter(
        (c) => c !== caption && c !== table && !(c.type === 'text' && c.value.trim() === ''),
      );
      const extra = classesOf(node);
      if (rest.length === 0) {
        if (extra.length > 0) table.properties.className = [...classesOf(table), ...extra];
        parent.children[index] = table;
      } else {
        node.children = node.children.filter((c) => c !== caption);
        node.properties.className = [...extra, 'table-object'];
      }
    });
  };
}

const objectKinds: readonly string[] = [
  'figure',
  'table',
  'equation',
] satisfies NumberedObjectKind[];

function isObjectKind(kind: string): kind is NumberedObjectKind {
  return objectKinds.includes(kind);
}

/** The caption with its label first ("Figure 3: The basin at dawn"); its marking class gone. */
function numberCaption(caption: Element, label: string | undefined, separator: string) {
  const className = classesOf(caption).filter((c) => c !== pendingCaptionClass);
  if (className.length > 0) caption.properties.className = className;
  else delete caption.properties.className;
  if (!label) return;
  const hasText = caption.children.some((c) => c.type !== 'text' || c.value.trim() !== '');
  caption.children.unshift(
    h('span.caption-label', label),
    ...(hasText ? [{ type: 'text' as const, value: separator }] : []),
  );
}

/** A paragraph of images only, inside a figure, gives way to its images. */
function unwrapImages(node: ElementContent): ElementContent[] {
  if (node.type !== 'element' || node.tagName !== 'p') return [node];
  const onlyImages = node.children.every(
    (c) =>
      (c.type === 'element' && c.tagName === 'img') || (c.type === 'text' && c.value.trim() === ''),
  );
  return onlyImages ? node.children : [node];
}
