/**
 * Assembles an edition from its resolved documents: cover (when configured), contents,
 * each document as an article with its header, then the generated back matter (glossary
 * and index). Renderers lay these parts out: one page for HTML and print, chapters for EPUB.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { EditionConfig } from '../config/schema.ts';
import { wordsFor } from '../locale/locale.ts';
import type { GeneratedWords } from '../locale/words.ts';
import { documentTitleAnchor, glossaryId, indexId } from '../model/ids.ts';
import type { DocumentRecord, Registry } from '../model/registry.ts';
import type { ResolvedDocument } from '../resolve/resolve.ts';
import { prepareBlocks, RegionNames } from './book-blocks.ts';
import { buildIndex, renderIndex } from './book-index.ts';
import { type DocumentChapters, markChapters } from './chapters.ts';
import { headingLevels, renderContents } from './contents.ts';
import { arrangeFootnotes, type FootnotePlacement } from './footnotes.ts';
import { glossaryUses, renderGlossary } from './glossary.ts';
import { addLinkNotes } from './link-notes.ts';
import { editionObjectLists, renderObjectList } from './lists-of-figures.ts';
import type { LocatorStyle } from './locators.ts';
import type { PrintInputs } from './print-inputs.ts';
import { placeSideNotes } from './side-notes.ts';
import { type FieldValue, fillFields, fillWords, loadFragmentTemplate } from './template.ts';
import { fillXrefPages } from './xref-pages.ts';

export interface EditionParts {
  edition: EditionConfig;
  title: string;
  language: string;
  cover?: Element;
  contents: Element;
  /** The lists of figures and of tables after the contents, those the edition asks for. */
  objectLists?: Element[];
  documents: Array<
    {
      record: DocumentRecord;
      article: Element;
      /** Each heading's level in the structure, by id (contents.ts headingLevels). */
      levels: ReadonlyMap<string, number>;
    } & DocumentChapters
  >;
  glossary?: Element;
  index?: Element;
}

export interface AssembleOptions {
  registry: Registry;
  edition: EditionConfig;
  documents: ResolvedDocument[];
  projectTitle: string;
  projectLanguage: string;
  projectRoot: string;
  style: LocatorStyle;
  /** Print only: the pages and side-note moves of the page-number loop's pass. */
  print?: PrintInputs;
  /** Where footnotes go without pages: after their block (EPUB) or their section (HTML, default). */
  footnotes?: FootnotePlacement;
}

/** The anchor of a document's title: where its first page is (the article may open on a blank page in print). */

/** The title an edition carries: its own, its cover's, its one document's, or the project's. */
export function editionTitle(
  edition: EditionConfig,
  registry: Registry,
  projectTitle: string,
): string {
  if (edition.title) return edition.title;
  if (edition.cover) return edition.cover.title;
  if (edition.documents.length === 1)
    return registry.documents.get(edition.documents[0] ?? '')?.meta.title ?? projectTitle;
  return projectTitle;
}

/** The language an edition carries: its first document's, or the project's. */
export function editionLanguage(
  documents: readonly ResolvedDocument[],
  projectLanguage: string,
): string {
  return documents[0]?.record.meta.language ?? projectLanguage;
}

export function assembleEdition(options: AssembleOptions): EditionParts {
  const { registry, edition } = options;
  const documentIds = options.documents.map((d) => d.record.id);
  const annotated = edition.annotated;
  // The edition's generated words (contents, glossary, index, cover) are in its language;
  // a document's own (its header, its references' pages) in the document's.
  const language = editionLanguage(options.documents, options.projectLanguage);
  const words = wordsFor(language);
  const context = { registry, documentIds, style: options.style, language };
  const used = glossaryUses(registry, documentIds, annotated, language);
  const entries = buildIndex(registry, documentIds, annotated, language);
  const documents = options.documents.map((document, i) => ({
    record: document.record,
    ...article(document, options, edition.documents.length > 1 ? i + 1 : undefined),
  }));
  const lists = editionObjectLists(registry, edition, documentIds, language);
  const back = [
    ...(used.length > 0 ? [{ anchor: glossaryId, title: words.glossary }] : []),
    ...(entries.length > 0 ? [{ anchor: indexId, title: words.index }] : []),
  ];
  return {
    edition,
    title: editionTitle(edition, registry, options.projectTitle),
    language,
    cover: edition.cover ? cover(edition, options.projectRoot, words) : undefined,
    contents: renderContents({
      registry,
      style: options.style,
      words,
      parts: documents.map((d) => ({
        documentId: d.record.id,
        anchor: documentTitleAnchor(d.record.id),
        title: d.record.meta.title,
        ...(d.titleHeading ? { omit: d.titleHeading } : {}),
        levels: d.levels,
        // Chapters and their sections: a book's contents, not every heading it has.
        maxDepth: d.chapters.length > 1 ? Math.min(4, d.level + 1) : 4,
      })),
      // The lists of figures and tables come first: they follow the contents in front.
      front: lists.map((list) => ({ anchor: list.id, title: list.title })),
      back,
    }),
    objectLists: lists.map((list) => renderObjectList(list, options.style)),
    documents,
    glossary: used.length > 0 ? renderGlossary(used, context) : undefined,
    index: entries.length > 0 ? renderIndex(entries, context) : undefined,
  };
}

function cover(edition: EditionConfig, projectRoot: string, words: GeneratedWords): Element {
  const template = loadFragmentTemplate('cover.html', projectRoot);
  const fields: Record<string, FieldValue> = { ...edition.cover };
  fillFields(template, fields);
  fillWords(template, words);
  return template;
}

function article(
  document: ResolvedDocument,
  options: AssembleOptions,
  part: number | undefined,
): { article: Element; levels: ReadonlyMap<string, number> } & DocumentChapters {
  const { meta, id } = document.record;
  const words = wordsFor(meta.language);
  const header = loadFragmentTemplate('document-header.html', options.projectRoot);
  const titleId = documentTitleAnchor(id);
  const title: ElementContent[] = meta.titleSupplied
    ? [h('span.supplied', { title: words.titleSupplied }, `[${meta.title}]`)]
    : [{ type: 'text', value: meta.title }];
  const published = [
    meta.journal &&
      [
        meta.journal,
        meta.date,
        meta.volume !== undefined && words.volume(String(meta.volume)),
        meta.issue !== undefined && words.issue(String(meta.issue)),
      ]
        .filter(Boolean)
        .join(', '),
    meta.issuer && [meta.issuer, meta.date].filter(Boolean).join(', '),
  ]
    .filter(Boolean)
    .join('. ');
  fillFields(header, {
    kicker: part ? words.part(part) : undefined,
    title,
    subtitle: meta.subtitle,
    byline: meta.authors.length > 0 ? meta.authors.join(', ') : undefined,
    published,
    source:
      [meta.titleSupplied && `${words.titleSupplied}.`, meta.source && words.source(meta.source)]
        .filter(Boolean)
        .join(' ') || undefined,
  });
  const heading = header.children.find(
    (c): c is Element => c.type === 'element' && c.tagName === 'h1',
  );
  if (heading) heading.properties.id = titleId;
  // A copy: renderers change their edition's tree (image sources, EPUB links, page
  // probes), and every format and print pass assembles from the same resolved body.
  const body = prepareBlocks(structuredClone(document.body), new RegionNames(words.tableRegion));
  const chapters = markChapters(body, meta.title, options.edition.chapterLevel);
  if (options.print && options.edition.printLinks === 'footnote')
    addLinkNotes(body, {
      documentId: id,
      words,
      numbering: options.edition.noteNumbering,
      chapterLevel: options.edition.chapterLevel ?? 1,
    });
  arrangeFootnotes(body, {
    documentId: id,
    notes: options.edition.notes,
    placement: options.footnotes ?? 'section',
    ...(options.print
      ? { print: { pages: options.print.pages, plan: options.print.footnotes } }
      : {}),
  });
  // Links to the heading that only repeated the title land on the header that prints it.
  if (chapters.titleHeading) header.properties.id = chapters.titleHeading;
  const built = h(
    'article.document',
    {
      // The document's id, which every anchor inside it extends (`cae-2016--b-12`).
      id,
      lang: meta.language,
      dataDocument: id,
      ariaLabelledBy: titleId,
      'epub:type': 'bodymatter',
    },
    [header, h('div.document-body', body)],
  );
  // The print's inputs fill this copy while it is built: page slots of references, then
  // side notes (a note may hold a reference).
  const { print } = options;
  if (print) {
    fillXrefPages(built, id, print.pages, meta.language);
    if (options.edition.annotated) placeSideNotes(built, print.sideNotes);
  }
  return { article: built, levels: headingLevels(built), ...chapters };
}
