/**
 * remark plugin: images must be files inside the project (trust/local-resource.ts decides).
 * Each refusal is an error at the image; an accepted image keeps its real path.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Image, Root } from 'mdast';
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
    /** Absolute path of the image file, once checked. */
    file?: string;
  }
}

export function remarkImages(options: ImagesOptions) {
  const root = realpathSync(options.projectRoot);
  return (tree: Root, file: VFile) => {
    visit(tree, 'image', (image: Image) => {
      const base = file.dirname ? path.resolve(file.cwd, file.dirname) : root;
      const resource = localResource(image.url, base, root);
      if (!resource.ok) {
        fail(file, resource.reason, { place: image.position, ruleId: resource.ruleId });
        return;
      }
      const real = resource.file;
      image.data = {
        ...image.data,
        file: real,
        hProperties: { ...image.data?.hProperties, dataFile: real },
      };
    });
  };
}
