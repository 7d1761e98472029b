/**
 * The resolve pass for one edition: each collected tree is copied, its cross-references
 * resolved against the registry (linked when the target is in the edition), and turned
 * into HTML (hast) with positions kept, so messages can still point at Markdown lines. An
 * annotated edition gets its notes placed beside their passages; any other edition loses
 * the passages' marks, so it is exactly what it would be without annotations.
 */
import type { ElementContent, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { placeNotes } from '../annotations/place-notes.ts';
import type { CollectedProject } from '../collect/collect.ts';
import type { EditionConfig, FolioConfig } from '../config/schema.ts';
import { blockId } from '../model/ids.ts';
import type { DocumentRecord } from '../model/registry.ts';
import { remarkUnwrapAnnotationMarks } from '../plugins/remark-annotation-marks.ts';
import { remarkResolveCrossrefs } from '../plugins/remark-resolve-crossrefs.ts';

export interface ResolvedDocument {
  record: DocumentRecord;
  /** The document's body as HTML nodes, every file in order. */
  body: ElementContent[];
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

export function resolveEdition(
  config: FolioConfig,
  collected: CollectedProject,
  edition: EditionConfig,
): ResolvedDocument[] {
  const editionDocuments = new Set(edition.documents);
  /** Notes are numbered through the edition, in reading order. */
  const noteNumbers = { next: 1 };
  return edition.documents.flatMap((documentId) => {
    const record = collected.registry.documents.get(documentId);
    if (!record) return [];
    const crossrefs = {
      registry: collected.registry,
      documentId,
      editionDocuments,
      format: config.crossrefFormat,
    };
    // A plain edition loses the annotations' marks; an annotated one keeps them, and its
    // notes are resolved and converted like the text.
    const processor = unified()
      .use(remarkResolveCrossrefs, crossrefs)
      .use(edition.annotated ? [] : [remarkUnwrapAnnotationMarks])
      .use(remarkRehype);
    /** A copy of the tree (the collected one serves every edition), as HTML nodes. */
    const toHtml = (tree: Root, file: VFile): ElementContent[] =>
      (processor.runSync(structuredClone(tree), file) as HastRoot).children.filter(
        (n): n is ElementContent => n.type !== 'doctype',
      );
    const body = (collected.trees.get(documentId) ?? []).flatMap(({ file, tree }) =>
      toHtml(tree, file),
    );
    if (edition.annotated) {
      placeNotes(
        body,
        collected.registry.annotations.filter((a) => a.documentId === documentId),
        noteNumbers,
        (annotation) => toHtml(annotation.body, annotation.file),
      );
    }
    return [{ record, body: withBlockAnchors(body, documentId) }];
  });
}
