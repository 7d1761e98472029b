/**
 * Images in one-page editions. remark-images has checked each image and left its real
 * path in `data-file`; that absolute path never reaches an output. The HTML edition
 * embeds the image as a data URL (the file stands alone); the print page, loaded from a
 * work folder, points at the file itself. An SVG is always embedded, in its safe form
 * (trust/svg.ts), never loaded from its file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { isSvg, safeSvg } from '../trust/svg.ts';

export type ImageSource = 'data-url' | 'file-url';

/** The image formats editions carry, by file extension. */
export const imageMediaTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

export function resolvePageImages(tree: Root, source: ImageSource): void {
  visit(tree, 'element', (node: Element) => {
    const file = node.properties.dataFile;
    if (node.tagName !== 'img' || typeof file !== 'string') return;
    delete node.properties.dataFile;
    if (isSvg(file)) {
      const safe = safeSvg(file);
      // An SVG that cannot be made safe was an error at the image already.
      if (safe.ok)
        node.properties.src = `data:image/svg+xml;base64,${Buffer.from(safe.svg).toString('base64')}`;
      else delete node.properties.src;
      return;
    }
    node.properties.src =
      source === 'file-url'
        ? pathToFileURL(file).href
        : `data:${imageMediaTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'};base64,${readFileSync(file).toString('base64')}`;
  });
}
