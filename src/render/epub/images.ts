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
import type { VFile } from 'vfile';
import { fail } from '../../diagnostics/messages.ts';
import { visitWithSourceFile } from '../../model/source-file.ts';
import { decodeUrl } from '../../model/url-escapes.ts';
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
 * copies. Problems are errors at the image, on the file among `sources` (the project's
 * files) the image was written in, else on `file` (the document's manuscript).
 */
export function packageImages(
  chapters: readonly Located[],
  baseFolder: string,
  file: VFile | undefined,
  sources: readonly VFile[] = [],
): PackagedImage[] {
  const images = new Map<string, PackagedImage>();
  for (const chapter of chapters) {
    for (const node of chapter.content) {
      visitWithSourceFile(node, sources, (element, writtenIn) => {
        const src = element.properties.src;
        if (element.tagName !== 'img' || typeof src !== 'string') return;
        const refuse = (reason: string, ruleId: string) => {
          const target = writtenIn ?? file;
          if (target) fail(target, reason, { place: element.position, ruleId });
          else throw new Error(reason);
        };
        if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
          refuse(
            `An EPUB cannot load the image \`${src}\` from outside the book: save it beside the manuscript and link the file`,
            'epub:remote-resource',
          );
          return;
        }
        const checked = element.properties.dataFile;
        delete element.properties.dataFile;
        const source =
          typeof checked === 'string'
            ? checked
            : path.resolve(baseFolder, decodeUrl(src.split(/[?#]/)[0] ?? '') ?? src);
        const extension = path.extname(source).toLowerCase();
        const mediaType = imageMediaTypes[extension];
        if (!mediaType || !existsSync(source)) {
          refuse(
            mediaType
              ? `The image \`${src}\` does not exist (looked for ${source})`
              : `The image \`${src}\` is not a PNG, JPEG, GIF, SVG or WebP file`,
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
