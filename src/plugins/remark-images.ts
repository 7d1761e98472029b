/**
 * remark plugin: images must be files inside the project (trust/local-resource.ts decides).
 * Both forms are held to it: `![x](path)` and the reference form `![x][r]` with its
 * definition `[r]: path`. Each refusal is an error at the image; an accepted image keeps
 * the real path decided here (`data-file`), and later steps read only that path.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Definition, Image, ImageReference, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';
import { localResource } from '../trust/local-resource.ts';

export interface ImagesOptions {
  /** The project folder: nothing outside it may be embedded. */
  projectRoot: string;
}

declare module 'mdast' {
  interface ImageData {
    /** Real path of the image file, once checked. */
    file?: string;
  }
  interface ImageReferenceData {
    /** Real path of the image file, once checked. */
    file?: string;
  }
}

export function remarkImages(options: ImagesOptions) {
  const root = realpathSync(options.projectRoot);
  return (tree: Root, file: VFile) => {
    const base = file.dirname ? path.resolve(file.cwd, file.dirname) : root;
    const definitions = new Map<string, Definition>();
    // mdast identifiers are already normalised (case-folded, spaces collapsed).
    visit(tree, 'definition', (definition) => {
      const id = definition.identifier;
      // CommonMark: the first definition of a label wins.
      if (!definitions.has(id)) definitions.set(id, definition);
    });
    visit(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      const image: Image | ImageReference = node;
      const url = image.type === 'image' ? image.url : definitions.get(image.identifier)?.url;
      // An undefined reference is plain text in Markdown: nothing is embedded.
      if (url === undefined) return;
      const resource = localResource(url, base, root);
      if (!resource.ok) {
        fail(file, resource.reason, { place: image.position, ruleId: resource.ruleId });
        return;
      }
      image.data = {
        ...image.data,
        file: resource.file,
        hProperties: { ...image.data?.hProperties, dataFile: resource.file },
      };
    });
  };
}
