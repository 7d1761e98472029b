/**
 * Images of the documents, carried into the package: each image file (checked and
 * resolved by remark-images, which leaves its path in `data-file`) is stored under a
 * content-hashed name (`images/3f2a….png`), so two builds name it alike, one file used
 * twice is stored once, and no path of the build machine ends up in the book. An EPUB
 * must not reach out to the network: a remote or unreadable image that got this far is
 * still an error on the manuscript.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { imageMediaTypes } from '../page-images.ts';
import type { Located } from './links.ts';

export interface PackagedImage {
  id: string;
  href: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * Rewrites the `src` of every `img` in `chapters` to its packaged copy and returns the
 * copies. Problems are reported on `file` (the document's manuscript) as fatal messages.
 */
export function packageImages(
  chapters: readonly Located[],
  baseFolder: string,
  file: VFile | undefined,
): PackagedImage[] {
  const images = new Map<string, PackagedImage>();
  const fail = (reason: string, element: Element, ruleId: string) => {
    if (file)
      file.message(reason, { place: element.position, ruleId, source: 'folio' }).fatal = true;
    else throw new Error(reason);
  };
  for (const chapter of chapters) {
    for (const node of chapter.content) {
      visit(node, 'element', (element: Element) => {
        const src = element.properties.src;
        if (element.tagName !== 'img' || typeof src !== 'string') return;
        if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
          fail(
            `An EPUB cannot load the image \`${src}\` from outside the book: save it beside the manuscript and link the file`,
            element,
            'epub:remote-resource',
          );
          return;
        }
        const checked = element.properties.dataFile;
        delete element.properties.dataFile;
        const source =
          typeof checked === 'string'
            ? checked
            : path.resolve(baseFolder, decodeURI(src.split(/[?#]/)[0] ?? ''));
        const extension = path.extname(source).toLowerCase();
        const mediaType = imageMediaTypes[extension];
        if (!mediaType || !existsSync(source)) {
          fail(
            mediaType
              ? `The image \`${src}\` does not exist (looked for ${source})`
              : `The image \`${src}\` is not a PNG, JPEG, GIF, SVG or WebP file`,
            element,
            'epub:image-unreadable',
          );
          return;
        }
        const bytes = readFileSync(source);
        const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
        const image = images.get(hash) ?? {
          id: `image-${hash}`,
          href: `images/${hash}${extension === '.jpeg' ? '.jpg' : extension}`,
          mediaType,
          bytes,
        };
        images.set(hash, image);
        element.properties.src = image.href;
      });
    }
  }
  return [...images.values()];
}
