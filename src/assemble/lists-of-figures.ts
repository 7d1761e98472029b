/**
 * The lists of figures and of tables in the front matter (edition options `listOfFigures`,
 * `listOfTables`): each figure or captioned table of the edition's documents with its
 * number and caption, in reading order, grouped by document when several have some. Print
 * adds page numbers through the locator style, as the contents do; the EPUB gets the same
 * entries as `loi` and `lot` navs of its navigation document.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { EditionConfig } from '../config/schema.ts';
import {
  captionSeparator,
  type ListedObjectKind,
  listTitle,
  objectName,
} from '../model/figure-words.ts';
import { listOfFiguresId, listOfTablesId } from '../model/ids.ts';
import { numberObjects } from '../model/object-numbers.ts';
import type { Registry } from '../model/registry.ts';
import type { LocatorStyle } from './locators.ts';

export interface ObjectListEntry {
  anchor: string;
  /** "Figure 3", in its document's language. */
  name: string;
  /** Between the name and the caption, as the caption prints it. */
  separator: string;
  caption: string;
}

export interface ObjectListGroup {
  documentId: string;
  title: string;
  entries: ObjectListEntry[];
}

export interface ObjectList {
  kind: ListedObjectKind;
  id: string;
  title: string;
  /** One group per document that has entries, in the edition's order. */
  groups: ObjectListGroup[];
}

export interface ObjectListsOptions {
  registry: Registry;
  documentIds: readonly string[];
  /** Figure and table numbers of the edition (src/model/object-numbers.ts). */
  numbers: ReadonlyMap<string, string>;
  /** Which lists the edition asks for. */
  kinds: readonly ListedObjectKind[];
  /** The edition's language: the lists' titles are in it. */
  language: string;
}

const listIds: Record<ListedObjectKind, string> = {
  figure: listOfFiguresId,
  table: listOfTablesId,
};

/** The lists the edition asks for that have entries, figures first. */
export function objectLists(options: ObjectListsOptions): ObjectList[] {
  const { registry, numbers } = options;
  const order = (['figure', 'table'] as const).filter((k) => options.kinds.includes(k));
  return order.flatMap((kind) => {
    const groups = options.documentIds.flatMap((documentId) => {
      const document = registry.documents.get(documentId);
      if (!document) return [];
      const entries = [...registry.objects.values()]
        .filter((o) => o.documentId === documentId && o.kind === kind && !o.note)
        .map((o) => ({
          anchor: o.anchor,
          name: objectName(kind, numbers.get(o.anchor) ?? '?', document.meta.language),
          separator: captionSeparator(document.meta.language),
          caption: o.caption,
        }));
      return entries.length > 0 ? [{ documentId, title: document.meta.title, entries }] : [];
    });
    if (groups.length === 0) return [];
    return [
      {
        kind,
        id: listIds[kind],
        title: listTitle(kind, options.language),
        groups,
      },
    ];
  });
}

/** The lists an edition asks for (`listOfFigures`, `listOfTables`), numbered as its captions are. */
export function editionObjectLists(
  registry: Registry,
  edition: EditionConfig,
  documentIds: readonly string[],
  language: string,
): ObjectList[] {
  const kinds: ListedObjectKind[] = [
    ...(edition.listOfFigures ? (['figure'] as const) : []),
    ...(edition.listOfTables ? (['table'] as const) : []),
  ];
  if (kinds.length === 0) return [];
  const numbers = numberObjects(registry, {
    scheme: edition.figureNumbering,
    chapterLevel: edition.chapterLevel,
  });
  return objectLists({ registry, documentIds, numbers, kinds, language });
}

/** A list as the front matter prints it (HTML and print): entries with leaders and pages. */
export function renderObjectList(list: ObjectList, style: LocatorStyle): Element {
  const entry = (e: ObjectListEntry) => {
    const page = style.contentsPage?.(e.anchor);
    return h('li.toc-object', [
      h('a.toc-link', { href: `#${e.anchor}` }, [
        h('span.toc-text', entryText(e)),
        ...(page ? [h('span.toc-leader', { ariaHidden: 'true' }), page] : []),
      ]),
    ]);
  };
  const [only, ...more] = list.groups;
  const items: ElementContent[] =
    only && more.length === 0
      ? only.entries.map(entry)
      : list.groups.map((group) =>
          h('li.toc-part', [
            h('span.toc-part-title', group.title),
            h('ol.toc-sections', group.entries.map(entry)),
          ]),
        );
  return h(
    `nav.list-of-objects.list-of-${list.kind}s.front-matter`,
    { id: list.id, ariaLabelledBy: `${list.id}-title` },
    [h(`h1#${list.id}-title`, list.title), h('ol.toc', items)],
  );
}

/** A list as an EPUB navigation document holds it: an `loi` or `lot` nav of links. */
export function objectListNav(list: ObjectList, href: (anchor: string) => string): Element {
  const entry = (e: ObjectListEntry) => h('li', [h('a', { href: href(e.anchor) }, entryText(e))]);
  const [only, ...more] = list.groups;
  const items =
    only && more.length === 0
      ? only.entries.map(entry)
      : list.groups.map((group) =>
          h('li', [h('span', group.title), h('ol', group.entries.map(entry))]),
        );
  return h(
    `nav#${list.id}.list-of-objects`,
    {
      'epub:type': list.kind === 'figure' ? 'loi' : 'lot',
      ariaLabelledBy: `${list.id}-title`,
    },
    [h(`h1#${list.id}-title`, list.title), h('ol', items)],
  );
}

/** The landmark of a list in the EPUB's navigation document (`file`). */
export function objectListLandmark(
  list: ObjectList,
  file: string,
): { type: 'loi' | 'lot'; href: string; text: string } {
  return {
    type: list.kind === 'figure' ? 'loi' : 'lot',
    href: `${file}#${list.id}`,
    text: list.title,
  };
}

/** "Figure 3: The basin at dawn" (or only "Figure 3" for an object without a caption). */
function entryText(entry: ObjectListEntry): ElementContent[] {
  return [
    h('span.toc-object-label', entry.name),
    ...(entry.caption
      ? [{ type: 'text' as const, value: `${entry.separator}${entry.caption}` }]
      : []),
  ];
}
