/**
 * remark plugin: images must be files inside the project. A remote image (http, https,
 * protocol-relative) would make the print browser or the EPUB step reach the network; a
 * path that leaves the project (`../../etc/passwd`, an absolute path, a symlink out) could
 * leak a private file into an edition; a missing file would print a broken image. Each is
 * an error at the image; an accepted image keeps its path, resolved inside the project.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Image, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';

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
      const refuse = (reason: string, ruleId: string) => {
        fail(file, reason, { place: image.position, ruleId });
      };
      const url = image.url.trim();
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url) && !/^file:/i.test(url)) {
        refuse(
          `Remote image \`${url}\`: Folio never fetches from the network; save the image in the project and link it by path`,
          'image:remote',
        );
        return;
      }
      const decoded = decodeURIComponent(url.replace(/^file:\/\//i, '').split(/[?#]/)[0] ?? '');
      const base = file.dirname ? path.resolve(file.cwd, file.dirname) : root;
      const absolute = path.isAbsolute(decoded) ? decoded : path.resolve(base, decoded);
      if (!existsSync(absolute)) {
        refuse(`Image not found: \`${url}\``, 'image:missing');
        return;
      }
      const real = realpathSync(absolute);
      if (path.isAbsolute(decoded) || (real !== root && !real.startsWith(root + path.sep))) {
        refuse(
          `Image \`${url}\` is outside the project folder; only files inside it are embedded`,
          'image:outside-project',
        );
        return;
      }
      image.data = {
        ...image.data,
        file: real,
        hProperties: { ...image.data?.hProperties, dataFile: real },
      };
    });
  };
}
