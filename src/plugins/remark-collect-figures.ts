/**
 * remark plugin (collect pass): the numbered objects of a document, in reading order, into
 * `registry.objects`: figures (an image with a title or a label, `:::figure`), captioned
 * tables (`Table: …`, `:::table`) and labelled display equations (`$$ {#eq-energy}`,
 * typeset by remark-typeset-math.ts). Each gets its anchor and the section it stands in;
 * rehype-figures.ts numbers them for the edition (src/model/object-numbers.ts).
 */
import type { BlockContent, Paragraph, Parent, Root, RootContent, Table } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Math as DisplayMath } from 'mdast-util-math';
import type {} from 'mdast-util-to-hast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { failDuplicateLabel } from '../diagnostics/duplicate-label.ts';
import { fail, warn } from '../diagnostics/messages.ts';
import { anchorId, objectLocalLabel } from '../model/ids.ts';
import type { NumberedObjectKind, Registry } from '../model/registry.ts';
import { documentIdOf } from '../model/vfile-data.ts';
import type {} from './remark-figure-labels.ts';
import type {} from './remark-typeset-math.ts';

export interface CollectFiguresOptions {
  registry: Registry;
}

/** The marks rehype-figures.ts finishes: the object's kind and anchor, on its wrapper (equation). */
export const objectKindProperty = 'dataFolioObject';
export const objectAnchorProperty = 'dataFolioAnchor';
/** The class of a caption waiting to be numbered (and, for a table, moved into it). */
export const pendingCaptionClass = 'folio-caption';

const tableCaption = /^Table:\s+/;
const trailingLabel = /\s*\{#([\p{L}\p{N}_:.-]+)\}\s*$/u;
const directiveAttributes = new Set(['id', 'class', 'caption']);

export function remarkCollectFigures(options: CollectFiguresOptions) {
  const { registry } = options;
  /** Unlabelled objects counted per document and kind, across the document's files. */
  const unlabelled = new Map<string, number>();
  return (tree: Root, file: VFile) => {
    const documentId = documentIdOf(file);
    // A note's objects stand in its passage's section, and in the note's own series.
    const note = file.data.note;
    let section: string | undefined = note?.section;

    /** The anchor of a new object: its label's, or a generated one; undefined when taken. */
    const anchorFor = (kind: NumberedObjectKind, given: string | undefined, place: RootContent) => {
      if (given) {
        const anchor = anchorId(documentId, given);
        const taken = registry.labelHolder(anchor);
        if (!taken) return { label: given, anchor, labelled: true };
        failDuplicateLabel(file, given, taken, place.position);
      }
      const key = `${documentId}\u0000${kind}`;
      for (;;) {
        const n = (unlabelled.get(key) ?? 0) + 1;
        unlabelled.set(key, n);
        const label = objectLocalLabel(kind, n);
        const anchor = anchorId(documentId, label);
        if (!registry.labelHolder(anchor)) return { label, anchor, labelled: false };
      }
    };

    const record = (
      kind: NumberedObjectKind,
      given: string | undefined,
      caption: Paragraph | undefined,
      node: RootContent,
    ) => {
      const { label, anchor, labelled } = anchorFor(kind, given, node);
      registry.objects.set(anchor, {
        documentId,
        kind,
        label,
        anchor,
        labelled,
        caption: caption ? mdastToString(caption).replace(/\s+/g, ' ').trim() : '',
        section,
        note: note?.annotation,
        file,
        position: node.position,
      });
      return anchor;
    };

    /** A labelled display equation: numbered; a label already taken leaves it unnumbered. */
    const equation = (node: DisplayMath, label: string) => {
      const anchor = anchorId(documentId, label);
      const taken = registry.labelHolder(anchor);
      if (taken) {
        failDuplicateLabel(file, label, taken, node.position);
        return;
      }
      registry.objects.set(anchor, {
        documentId,
        kind: 'equation',
        label,
        anchor,
        labelled: true,
        caption: '',
        section,
        note: note?.annotation,
        file,
        position: node.position,
      });
      const data = node.data ?? {};
      const className = data.hProperties?.className;
      node.data = {
        ...data,
        hProperties: {
          ...data.hProperties,
          id: anchor,
          className: [...(Array.isArray(className) ? className.map(String) : []), 'numbered'],
          [objectKindProperty]: 'equation',
          [objectAnchorProperty]: anchor,
        },
      };
    };

    /** The numbered equations inside a figure or table, after it (the walk skips its inside). */
    const equationsIn = (node: ContainerDirective) =>
      visit(node, 'math', (math: DisplayMath) => {
        const label = math.data?.equationLabel;
        if (label) equation(math, label);
      });

    visit(tree, (node, index, parent) => {
      if (node.type === 'heading') {
        const id = node.data?.hProperties?.id;
        if (typeof id === 'string') section = id;
        return;
      }
      if (node.type === 'math') {
        const label = node.data?.equationLabel;
        if (label) equation(node, label);
        return;
      }
      if (!parent || index === undefined) return;
      if (node.type === 'paragraph') {
        const image = titledImage(node);
        if (!image) return;
        const caption = captionParagraph(image.title ?? '', 'figcaption', node);
        image.title = null;
        const anchor = record('figure', image.data?.figureLabel, caption, node);
        parent.children[index] = wrapper('figure', anchor, [node, caption], node);
        return SKIP;
      }
      if (node.type === 'containerDirective' && node.name === 'figure') {
        figureDirective(node, record, file);
        equationsIn(node);
        return SKIP;
      }
      if (node.type === 'containerDirective' && node.name === 'table') {
        tableDirective(node, record, file);
        equationsIn(node);
        return SKIP;
      }
      if (node.type === 'table') return captionedTable(node, index, parent, record);
    });
  };
}

type Record = (
  kind: NumberedObjectKind,
  given: string | undefined,
  caption: Paragraph | undefined,
  node: RootContent,
) => string;

/** The image of a paragraph that holds only an image with a title (or a label). */
function titledImage(paragraph: Paragraph) {
  const [only, ...rest] = paragraph.children;
  if (only?.type !== 'image' || rest.length > 0) return undefined;
  return only.title || only.data?.figureLabel ? only : undefined;
}

/** A caption of plain text, in the element it ends up as. */
function captionParagraph(text: string, hName: string, near: RootContent): Paragraph {
  return markCaption(
    { type: 'paragraph', children: text ? [{ type: 'text', value: text }] : [] },
    hName,
    near,
  );
}

function markCaption(paragraph: Paragraph, hName: string, near?: RootContent): Paragraph {
  paragraph.data = {
    ...paragraph.data,
    hName,
    hProperties: { ...paragraph.data?.hProperties, className: [pendingCaptionClass] },
  };
  paragraph.position ??= near?.position;
  return paragraph;
}

/** A block standing for the object until rehype-figures.ts finishes it. */
function wrapper(
  kind: NumberedObjectKind,
  anchor: string,
  children: BlockContent[],
  near: RootContent,
): ContainerDirective {
  return {
    type: 'containerDirective',
    name: kind,
    attributes: {},
    children,
    position: near.position,
    data: {
      hName: kind === 'figure' ? 'figure' : 'div',
      hProperties: { [objectKindProperty]: kind, [objectAnchorProperty]: anchor },
    },
  };
}

/** The caption a directive is given: its `[…]`, else its `caption` attribute. */
function directiveCaption(node: ContainerDirective, hName: string): Paragraph | undefined {
  const first = node.children[0];
  if (first?.type === 'paragraph' && first.data?.directiveLabel) {
    node.children.shift();
    return markCaption(first, hName);
  }
  const text = node.attributes?.caption;
  return text ? captionParagraph(text, hName, node) : undefined;
}

/** Attributes a figure or table directive does not read: dropped, with a warning. */
function dropOthers(node: ContainerDirective, file: VFile) {
  for (const [key, value] of Object.entries(node.attributes ?? {})) {
    if (directiveAttributes.has(key)) continue;
    warn(
      file,
      `Attribute \`${key}="${value ?? ''}"\` of \`:::${node.name}\` is dropped: it reads \`#label\`, \`.class\` and \`caption="…"\``,
      { place: node.position, ruleId: 'attributes:dropped' },
    );
  }
}

function classes(node: ContainerDirective): string[] {
  return (node.attributes?.class ?? '').split(/\s+/).filter(Boolean);
}

function figureDirective(node: ContainerDirective, record: Record, file: VFile) {
  dropOthers(node, file);
  let caption = directiveCaption(node, 'figcaption');
  if (!caption) {
    // The title of the one image it holds captions it, as it would the image alone.
    const images = node.children.flatMap((c) =>
      c.type === 'paragraph' ? c.children.filter((p) => p.type === 'image') : [],
    );
    const [image, ...more] = images;
    if (image?.type === 'image' && more.length === 0 && image.title) {
      caption = captionParagraph(image.title, 'figcaption', node);
      image.title = null;
    }
  }
  caption ??= captionParagraph('', 'figcaption', node);
  const anchor = record('figure', node.attributes?.id ?? undefined, caption, node);
  node.children.push(caption);
  node.data = {
    ...node.data,
    hName: 'figure',
    hProperties: {
      className: classes(node),
      [objectKindProperty]: 'figure',
      [objectAnchorProperty]: anchor,
    },
  };
}

function tableDirective(node: ContainerDirective, record: Record, file: VFile) {
  dropOthers(node, file);
  const caption = directiveCaption(node, 'caption');
  const tables = node.children.filter((c) => c.type === 'table');
  if (tables.length !== 1) {
    fail(
      file,
      `\`:::table\` holds ${tables.length === 0 ? 'no table' : `${tables.length} tables`}: it captions exactly one (write one Markdown table inside it)`,
      { place: node.position, ruleId: 'table:not-one-table' },
    );
    return;
  }
  const anchor = record('table', node.attributes?.id ?? undefined, caption, node);
  if (caption) node.children.unshift(caption);
  node.data = {
    ...node.data,
    hName: 'div',
    hProperties: {
      className: classes(node),
      [objectKindProperty]: 'table',
      [objectAnchorProperty]: anchor,
    },
  };
}

/**
 * A table with a `Table: …` paragraph right after it (or, failing that, right before it):
 * both put in one captioned-table block. Returns where the walk goes on.
 */
function captionedTable(table: Table, index: number, parent: Parent, record: Record) {
  const at = [index + 1, index - 1].find((i) => {
    const node = parent.children[i];
    return node?.type === 'paragraph' && isTableCaption(node);
  });
  const paragraph = at === undefined ? undefined : parent.children[at];
  if (at === undefined || paragraph?.type !== 'paragraph') return;
  const label = stripCaptionMarks(paragraph);
  const caption = markCaption(paragraph, 'caption');
  const anchor = record('table', label, caption, table);
  const start = Math.min(at, index);
  parent.children.splice(start, 2, wrapper('table', anchor, [caption, table], table));
  const next: [typeof SKIP, number] = [SKIP, start + 1];
  return next;
}

function isTableCaption(paragraph: Paragraph): boolean {
  const first = paragraph.children[0];
  return first?.type === 'text' && tableCaption.test(first.value);
}

/** Takes `Table: ` and a trailing `{#label}` out of a caption paragraph; returns the label. */
function stripCaptionMarks(paragraph: Paragraph): string | undefined {
  const first = paragraph.children[0];
  if (first?.type === 'text') first.value = first.value.replace(tableCaption, '');
  const last = paragraph.children[paragraph.children.length - 1];
  if (last?.type !== 'text') return undefined;
  const label = trailingLabel.exec(last.value);
  if (!label) return undefined;
  last.value = last.value.slice(0, label.index);
  if (last.value === '') paragraph.children.pop();
  return label[1];
}
