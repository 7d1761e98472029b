/**
 * remark plugin: images must be files inside the project (trust/local-resource.ts decides).
 * Both forms are held to it: `![x](path)` and the reference form `![x][r]` with its
 * definition `[r]: path`. Each refusal is an error at the image; an accepted image keeps
 * the real path decided here (`data-file`), and later steps read only that path. An SVG
 * is carried in its safe form (trust/svg.ts): what that removes is a warning here, an
 * SVG it cannot read an error.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Definition, Image, ImageReference, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail, warn } from '../diagnostics/messages.ts';
import { localResource } from '../trust/local-resource.ts';
import { isSvg, safeSvg } from '../trust/svg.ts';

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
      if (isSvg(resource.file)) {
        const safe = safeSvg(resource.file);
        if (!safe.ok) {
          fail(file, `SVG image \`${url}\` cannot be made safe: ${safe.reason}`, {
            place: image.position,
            ruleId: 'image:svg-invalid',
          });
          return;
        }
        if (safe.removed.length > 0)
          warn(
            file,
            `SVG image \`${url}\` holds what an edition may not carry; removed: ${safe.removed.slice(0, 5).join(', ')}${safe.removed.length > 5 ? ', …' : ''}`,
            { place: image.position, ruleId: 'image:svg-unsafe' },
          );
      }
      image.data = {
        ...image.data,
        file: resource.file,
        hProperties: { ...image.data?.hProperties, dataFile: resource.file },
      };
    });
  };
}
