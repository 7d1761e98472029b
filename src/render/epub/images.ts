/**
 * Images of the documents, carried into the package: each image file (checked and
 * resolved by remark-images through trust/local-resource.ts, which leaves its real path in
 * `data-file`; only that path is ever read here, never one worked out again from `src`)
 * is stored under a
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
import { isSvg, safeSvg } from '../../trust/svg.ts';
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
        const source = element.properties.dataFile;
        delete element.properties.dataFile;
        if (typeof source !== 'string') {
          refuse(
            `The image \`${src}\` was not checked as a file of the project, so it is not packaged: write it as a Markdown image in a manuscript`,
            'epub:image-unreadable',
          );
          return;
        }
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
        const safe = isSvg(source) ? safeSvg(source) : undefined;
        if (safe && !safe.ok) {
          refuse(
            `The SVG image \`${src}\` cannot be made safe: ${safe.reason}`,
            'epub:image-unreadable',
          );
          return;
        }
        const bytes = safe ? Buffer.from(safe.svg) : readFileSync(source);
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
