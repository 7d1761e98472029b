/**
 * The resolve pass: for each edition, each collected tree is copied, its cross-references
 * resolved against the registry (linked when the target is in the edition), and turned
 * into HTML (hast) with positions kept, so messages can still point at Markdown lines. An
 * annotated edition gets its notes placed beside their passages; any other edition loses
 * the passages' marks, so it is exactly what it would be without annotations.
 *
 * One resolver serves a whole run: its processors are built once, and a tree's unknown
 * cross-references are reported the first time it is resolved, not again for every
 * edition that holds it.
 */
import type { ElementContent, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { placeNotes } from '../annotations/place-notes.ts';
import type { CollectedProject } from '../collect/collect.ts';
import type { EditionConfig, FolioConfig } from '../config/schema.ts';
import { type ProjectPlugin, runProjectPlugins } from '../load/plugins.ts';
import { blockId } from '../model/ids.ts';
import { numberObjects } from '../model/object-numbers.ts';
import type { DocumentRecord } from '../model/registry.ts';
import { markSourceFile } from '../model/source-file.ts';
import { rehypeFigures } from '../plugins/rehype-figures.ts';
import { type HeadingOutline, rehypeHeadingLevels } from '../plugins/rehype-heading-levels.ts';
import { rehypeRawHtml } from '../plugins/rehype-raw-html.ts';
import { remarkUnwrapAnnotationMarks } from '../plugins/remark-annotation-marks.ts';
import { type FootnoteCounter, remarkFootnotes } from '../plugins/remark-footnotes.ts';
import { remarkResolveCrossrefs } from '../plugins/remark-resolve-crossrefs.ts';
import { fileLinkResolver } from './file-links.ts';

export interface ResolvedDocument {
  record: DocumentRecord;
  /** The document's body as HTML nodes, every file in order. */
  body: ElementContent[];
}

export interface Resolver {
  resolve(edition: EditionConfig): ResolvedDocument[];
}

/**
 * Gives every top-level block of a document an id (`doc--b-12`), so that the print
 * edition can measure the page each block starts on and the EPUB can mark print page breaks.
 */
function withBlockAnchors(body: ElementContent[], documentId: string): ElementContent[] {
  let n = 0;
  for (const node of body) {
    if (node.type !== 'element') continue;
    n += 1;
    node.properties.id ??= blockId(documentId, n);
  }
  return body;
}

export function createResolver(
  config: FolioConfig,
  collected: CollectedProject,
  /** The project's rehype plugins: run on each manuscript file's HTML after Folio's steps. */
  plugins: readonly ProjectPlugin[] = [],
): Resolver {
  const crossrefs = { registry: collected.registry, format: config.crossrefFormat };
  // Cross-references first, then (plain editions only) the annotations' marks go, then
  // HTML, whose raw parts (left only when the config sanitises them) are parsed and sanitised.
  // Its problems were reported by the parse checks (remark-raw-html.ts).
  const rawHtml = {
    projectRoot: collected.projectRoot,
    report: false,
    fileLinks: fileLinkResolver(collected.registry),
  };
  const figures = { registry: collected.registry };
  const noteLanguages = {
    languageOf: (id: string) =>
      collected.registry.documents.get(id)?.meta.language ?? config.language,
  };
  const annotated = unified()
    .use(remarkResolveCrossrefs, crossrefs)
    .use(remarkFootnotes, noteLanguages)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRawHtml, rawHtml)
    .use(rehypeFigures, figures)
    .freeze();
  const plain = unified()
    .use(remarkResolveCrossrefs, crossrefs)
    .use(remarkUnwrapAnnotationMarks)
    .use(remarkFootnotes, noteLanguages)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRawHtml, rawHtml)
    .use(rehypeFigures, figures)
    .freeze();
  // Last, after the project's plugins: whatever headings they leave skip no level.
  const headingLevels = unified().use(rehypeHeadingLevels).freeze();
  /** Trees whose problems are reported: the same in every edition, so reported once. */
  const reported = new WeakSet<Root>();

  return {
    resolve(edition) {
      const editionDocuments = new Set(edition.documents);
      const processor = edition.annotated ? annotated : plain;
      /** Notes are numbered through the edition, in reading order. */
      const noteNumbers = { next: 1 };
      /** Figures and tables are numbered for the edition (per document, or per chapter). */
      const objectNumbers = numberObjects(collected.registry, {
        scheme: edition.figureNumbering,
        chapterLevel: edition.chapterLevel,
      });
      /** A copy of the tree (the collected one serves every edition), as HTML nodes. */
      const toHtml = (
        tree: Root,
        file: VFile,
        documentId: string,
        own: readonly ProjectPlugin[] = [],
        footnotes?: FootnoteCounter,
        outline?: HeadingOutline,
      ): ElementContent[] => {
        const report = !reported.has(tree);
        file.data.documentId = documentId;
        // Footnotes are numbered through the document's files (an annotation's note has none).
        if (footnotes) file.data.footnotes = footnotes;
        else delete file.data.footnotes;
        if (outline) file.data.headingOutline = outline;
        else delete file.data.headingOutline;
        file.data.resolve = { editionDocuments, report, objectNumbers };
        reported.add(tree);
        const hast = processor.runSync(structuredClone(tree), file) as HastRoot;
        // A plugin says the same of a tree in every edition: its messages are kept once.
        const before = file.messages.length;
        const html = headingLevels.runSync(
          runProjectPlugins(own, 'rehype', hast, file),
          file,
        ) as HastRoot;
        const nodes = html.children.filter((n): n is ElementContent => n.type !== 'doctype');
        if (!report) file.messages.splice(before);
        return markSourceFile(nodes, file);
      };
      return edition.documents.flatMap((documentId) => {
        const record = collected.registry.documents.get(documentId);
        if (!record) return [];
        const footnotes: FootnoteCounter = {
          next: 1,
          nextId: 1,
          numbering: edition.noteNumbering,
          chapterLevel: edition.chapterLevel ?? 1,
        };
        // One outline through the document's files: a file may go on under the last one's heading.
        const outline: HeadingOutline = { open: [] };
        const body = (collected.trees.get(documentId) ?? []).flatMap(({ file, tree }) =>
          toHtml(tree, file, documentId, plugins, footnotes, outline),
        );
        if (edition.annotated) {
          placeNotes(
            body,
            collected.registry.annotations.filter((a) => a.documentId === documentId),
            noteNumbers,
            (annotation) => toHtml(annotation.body, annotation.file, documentId),
            record.meta.language,
          );
        }
        return [{ record, body: withBlockAnchors(body, documentId) }];
      });
    },
  };
}
