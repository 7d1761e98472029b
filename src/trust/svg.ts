/**
 * SVG images made safe to carry into an edition. An SVG file is a document, not a
 * picture: it can hold scripts, event handlers, `foreignObject` HTML and references to
 * remote or local files, all of which would run or be fetched in a reader's EPUB (and fail
 * EPUBCheck). Every place an SVG enters an edition (the EPUB's package, the print page,
 * the HTML edition's embedded images) takes its bytes from `safeSvg`; remark-images asks
 * it first, so that what was removed is reported once, at the image.
 *
 * The file is parsed as XML and rebuilt from a safe subset: static SVG elements, and
 * attributes that are neither event handlers nor references out of the file (only
 * `#fragment` references stay). What cannot be parsed is refused.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Element, ElementContent, Root, RootContent } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';
import { linkKind } from './url-policy.ts';

export type SafeSvg =
  | {
      ok: true;
      /** The rebuilt SVG document. */
      svg: string;
      /** What was taken out (element and attribute names), for one warning. */
      removed: string[];
    }
  | { ok: false; reason: string };

/** Elements of static SVG: shapes, text, paint servers, filters, structure, metadata. */
const elements = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'title',
  'desc',
  'metadata',
  'switch',
  'a',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'marker',
  'filter',
  'style',
  'feBlend',
  'feColorMatrix',
  'feComponentTransfer',
  'feComposite',
  'feConvolveMatrix',
  'feDiffuseLighting',
  'feDisplacementMap',
  'feDistantLight',
  'feDropShadow',
  'feFlood',
  'feFuncA',
  'feFuncB',
  'feFuncG',
  'feFuncR',
  'feGaussianBlur',
  'feMerge',
  'feMergeNode',
  'feMorphology',
  'feOffset',
  'fePointLight',
  'feSpecularLighting',
  'feSpotLight',
  'feTile',
  'feTurbulence',
]);

const referenceAttributes = new Set(['href', 'xlink:href']);

/** A `url(…)` or `@import` in CSS that names anything but a fragment of this file. */
const outsideReference = /url\(\s*(?!['"]?\s*#)|@import/i;

/** `text` (an SVG file's content) rebuilt from its safe subset, or why it cannot be. */
export function sanitiseSvg(text: string): SafeSvg {
  let tree: Root;
  try {
    tree = fromXml(text);
  } catch (error) {
    return { ok: false, reason: `it is not well-formed XML (${(error as Error).message})` };
  }
  const root = tree.children.find((node): node is Element => node.type === 'element');
  if (root?.name !== 'svg') {
    return { ok: false, reason: 'its root element is not `svg`' };
  }
  const removed = new Set<string>();
  const clean = (element: Element): Element | undefined => {
    if (!elements.has(element.name)) {
      removed.add(`<${element.name}>`);
      return undefined;
    }
    if (element.name === 'style') {
      const css = element.children.map((c) => ('value' in c ? c.value : '')).join('');
      if (outsideReference.test(css)) {
        removed.add('<style> with url() or @import');
        return undefined;
      }
    }
    const attributes: Element['attributes'] = {};
    for (const [name, value] of Object.entries(element.attributes)) {
      if (value === null || value === undefined) continue;
      const local = name.toLowerCase();
      const unsafe =
        local.startsWith('on') ||
        local === 'xml:base' ||
        (referenceAttributes.has(local) &&
          (element.name === 'a'
            ? linkKind(value) === 'forbidden'
            : !value.trim().startsWith('#'))) ||
        outsideReference.test(value);
      if (unsafe) removed.add(`${name}="${value.slice(0, 40)}"`);
      else attributes[name] = value;
    }
    const children: ElementContent[] = [];
    for (const child of element.children) {
      if (child.type === 'element') {
        const kept = clean(child);
        if (kept) children.push(kept);
      } else if (child.type === 'text' || child.type === 'cdata') {
        children.push(child);
      }
      // Comments and processing instructions inside the image are dropped silently.
    }
    // A link that lost its target is no link: its content stays in its place.
    if (element.name === 'a' && !('href' in attributes) && !('xlink:href' in attributes))
      return { type: 'element', name: 'g', attributes: {}, children };
    return { ...element, attributes, children };
  };
  const svg = clean(root);
  const kept: RootContent[] = [
    ...tree.children.filter((node) => node.type === 'instruction' && node.name === 'xml'),
  ];
  if (svg) kept.push(svg);
  return {
    ok: true,
    svg: toXml({ type: 'root', children: kept }, { closeEmptyElements: true }),
    removed: [...removed],
  };
}

const cache = new Map<string, { key: string; result: SafeSvg }>();

/**
 * The safe form of SVG file `file` (a real path decided by trust/local-resource.ts), read
 * once per change of the file: the print loop and each format ask for it again.
 */
export function safeSvg(file: string): SafeSvg {
  const { mtimeMs, size } = statSync(file);
  const key = `${mtimeMs}:${size}`;
  const cached = cache.get(file);
  if (cached?.key === key) return cached.result;
  const result = sanitiseSvg(readFileSync(file, 'utf8'));
  cache.set(file, { key, result });
  return result;
}

/** Whether `file` is an SVG image, by its name as every step judges images. */
export function isSvg(file: string): boolean {
  return /\.svg$/i.test(file);
}
