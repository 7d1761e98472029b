/**
 * Every element id Folio generates, built and recognised here only. Ids inside a document
 * extend the document's id (`cae-2016--2.2`, `cae-2016--b-12`, `cae-2016--note-3-passage`),
 * so they are unique in every edition; the back matter's ids are the edition's own
 * (`glossary--sovereignty`, `index--cyberspace`). Renderers that read ids back (pages
 * measured by id, notes found by their passage) ask the predicates and parsers below
 * rather than matching the strings themselves.
 */
import type { NumberedObjectKind } from './registry.ts';

/** Joins a document id and a local label. */
const separator = '--';

/** An element id unique in every edition: the document id, then the local label. */
export function anchorId(documentId: string, local: string): string {
  return `${documentId}${separator}${local}`;
}

/**
 * The kinds of numbered anchor the collect pass gives out per document: index marks,
 * annotation notes, glossary uses (`term-<entry id>`).
 */
export type NumberedAnchorKind = 'ix' | 'note' | `term-${string}`;

/** The `n`th anchor of a kind in a document: `cae-2016--ix-12`. */
export function numberedAnchorId(documentId: string, kind: NumberedAnchorKind, n: number): string {
  return anchorId(documentId, `${kind}-${n}`);
}

/** The kind of numbered anchor a glossary use of `termId` gets. */
export const termUseKind = (termId: string): NumberedAnchorKind => `term-${termId}`;

/** The id of a document's `n`th top-level block (`doc--b-12`), which pages are measured by. */
export const blockId = (documentId: string, n: number) => anchorId(documentId, `b-${n}`);

/**
 * The id of the `n`th block inside an index range (`doc--ix-4-b-2`): a page may begin inside
 * a range, and its block is where the print measures that page and the EPUB marks it.
 */
export const rangeBlockId = (rangeAnchor: string, n: number) => `${rangeAnchor}-b-${n}`;

/** The id of the end of an index range (`doc--ix-4-end`), whose page the print measures. */
export const rangeEndId = (rangeAnchor: string) => `${rangeAnchor}-end`;

/** The id of a document's `n`th cross-reference (`doc--xref-3`), whose page a print measures. */
export const xrefId = (documentId: string, n: number) => anchorId(documentId, `xref-${n}`);

/** The anchor of a document's title: where its first page is (the article may open on a blank page in print). */
export const documentTitleAnchor = (documentId: string) => anchorId(documentId, 'title');

/** The key of a document's opening, for a locator that names no section (never an element id). */
export const documentStartKey = (documentId: string) => anchorId(documentId, 'start');

const passageSuffix = '-passage';
const noteRefSuffix = '-ref';
const noteIdPattern = /--note-\d+$/;

/** The id of the marked passage an annotation's note belongs to. */
export const passageId = (noteId: string) => `${noteId}${passageSuffix}`;

/** The id of the note reference after an annotation's passage. */
export const noteRefId = (noteId: string) => `${noteId}${noteRefSuffix}`;

/** The id is an annotation's note (`doc--note-3`). */
export const isNoteId = (id: string) => noteIdPattern.test(id);

/** The id is a marked passage (`doc--note-3-passage`). */
export const isPassageId = (id: string) => id.endsWith(passageSuffix);

/** The id is an annotation's note or its passage: both are measured in print. */
export const isNoteOrPassageId = (id: string) =>
  isNoteId(id) || (isPassageId(id) && isNoteId(id.slice(0, -passageSuffix.length)));

/** The note a passage id belongs to (`doc--note-3-passage` → `doc--note-3`). */
export function noteOfPassage(id: string): string | undefined {
  return isPassageId(id) ? id.slice(0, -passageSuffix.length) : undefined;
}

/** The id of a glossary entry in the glossary. */
export const glossaryEntryId = (entryId: string) => `glossary${separator}${entryId}`;

/** The id of an index heading, from its term (`index--cyber-sovereignty`). */
export function indexEntryId(term: string): string {
  const slug = term
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return `index${separator}${slug || 'entry'}`;
}

/**
 * The local label of a figure or captioned table that was given none (`figure-3`,
 * `table-2`), numbered per document in the order they stand.
 */
export const objectLocalLabel = (kind: NumberedObjectKind, n: number) => `${kind}-${n}`;

/** The openings of the lists of figures and of tables in the front matter. */
export const listOfFiguresId = 'list-of-figures';
export const listOfTablesId = 'list-of-tables';

/** The openings of the front and back matter. */
export const contentsId = 'contents';
export const glossaryId = 'glossary';
export const indexId = 'index';

/** The id of the blank page that keeps a part on a right-hand page. */
export const blankPageId = (documentId: string) => `blank-before-${documentId}`;

/** The id is a blank page's (`blank-before-doc`). */
export const isBlankPageId = (id: string) => id.startsWith('blank-before-');

/** The EPUB manifest id of a document's chapter. */
export const documentChapterId = (documentId: string) => `document-${documentId}`;

/** The EPUB manifest id of a document's `n`th file (2, 3 …) when its chapters are cut apart. */
export const documentChapterPieceId = (documentId: string, n: number) =>
  `${documentChapterId(documentId)}-${n}`;

/** The id of an EPUB print-page marker, from the page's printed label (not yet unique). */
export const pageBreakId = (label: string) => `page-${label.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** The id of a document's `n`th footnote (`doc--fn-3`), in reading order. */
export const footnoteId = (documentId: string, n: number) => anchorId(documentId, `fn-${n}`);

/** The id of the `n`th reference to a footnote (`doc--fnref-3`, then `doc--fnref-3-2`). */
export const footnoteRefId = (noteId: string, n: number) =>
  `${noteId.replace(/--fn-(\d+)$/, '--fnref-$1')}${n > 1 ? `-${n}` : ''}`;

/** The id is a footnote (`doc--fn-3`). */
export const isFootnoteId = (id: string) => /--fn-\d+$/.test(id);

/** The id of the first reference to a footnote (`doc--fn-3` → `doc--fnref-3`). */
export const firstFootnoteRef = (noteId: string) => footnoteRefId(noteId, 1);
