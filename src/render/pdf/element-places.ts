/**
 * Where in the Markdown an element of an assembled edition comes from, so that what the
 * print finds (a spot with no page, a note pushed off its page, an image that did not
 * load) is reported at that line. hast nodes carry the position of their Markdown node
 * (mdast-util-to-hast); the file is found by aligning a document's top-level blocks, in
 * order, with the top-level nodes of the document's files. An element without a position
 * of its own (probes, generated slots) takes its nearest positioned ancestor's; inside a
 * note, positions are the annotation file's, so the note takes the place of the block
 * that holds it.
 */
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent } from 'hast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { EditionParts } from '../../assemble/edition.ts';
import type { ParsedFile } from '../../collect/collect.ts';
import { classesOf, hasClass } from '../../model/hast-classes.ts';

export interface ElementPlace {
  file: VFile;
  place: Position;
}

export class ElementPlaces {
  private readonly ids = new Map<string, ElementPlace>();
  private readonly images = new Map<string, ElementPlace>();

  constructor(parts: EditionParts, trees: ReadonlyMap<string, readonly ParsedFile[]>) {
    for (const { record, article } of parts.documents) {
      const body = article.children.find(
        (c): c is Element => c.type === 'element' && classesOf(c).includes('document-body'),
      );
      const blocks = body?.children ?? [];
      const files = filesOf(blocks, trees.get(record.id) ?? []);
      for (const block of blocks) {
        const file = files.get(block);
        if (file && block.type === 'element') this.index(block, file, block.position);
      }
    }
  }

  /** The place of the element with this id. */
  ofId(id: string): ElementPlace | undefined {
    return this.ids.get(id);
  }

  /** The place of the image that loads this URL. */
  ofImage(url: string): ElementPlace | undefined {
    return this.images.get(url);
  }

  private index(node: Element, file: VFile, outer: Position | undefined): void {
    // A note's own positions are its annotation file's: it keeps the place of its block.
    const note = hasClass(node, 'annotation-note') || hasClass(node, 'side-note');
    const place = note ? outer : (node.position ?? outer);
    if (place) {
      const id = node.properties.id;
      if (typeof id === 'string' && !this.ids.has(id)) this.ids.set(id, { file, place });
      for (const url of imageUrls(node)) this.images.set(url, { file, place });
    }
    for (const child of node.children) if (child.type === 'element') this.index(child, file, place);
  }
}

/** The URLs an image loads in print: its file (before the print page points at it) or its src. */
function imageUrls(node: Element): string[] {
  if (node.tagName !== 'img') return [];
  const { dataFile, src } = node.properties;
  return [
    ...(typeof dataFile === 'string' ? [pathToFileURL(dataFile).href] : []),
    ...(typeof src === 'string' ? [src] : []),
  ];
}

/**
 * The file each top-level block came from: a document's body is its files' blocks in
 * order, each with the position of a top-level node of its file.
 */
function filesOf(
  blocks: readonly ElementContent[],
  files: readonly ParsedFile[],
): Map<ElementContent, VFile> {
  const found = new Map<ElementContent, VFile>();
  let at = { file: 0, child: 0 };
  for (const block of blocks) {
    const position = block.position;
    if (!position) continue;
    const next = findNode(files, at, position);
    if (!next) continue;
    const parsed = files[next.file];
    if (parsed) found.set(block, parsed.file);
    at = { file: next.file, child: next.child + 1 };
  }
  return found;
}

function findNode(
  files: readonly ParsedFile[],
  from: { file: number; child: number },
  position: Position,
): { file: number; child: number } | undefined {
  for (let file = from.file; file < files.length; file++) {
    const children = files[file]?.tree.children ?? [];
    for (let child = file === from.file ? from.child : 0; child < children.length; child++) {
      const node = children[child]?.position;
      if (node?.start.offset === position.start.offset && node?.end.offset === position.end.offset)
        return { file, child };
    }
  }
  return undefined;
}
