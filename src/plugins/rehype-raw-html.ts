/**
 * rehype plugin (resolve pass): parses the raw HTML a manuscript holds (hast-util-raw, the
 * parser of rehype-raw, which keeps every element's place in the Markdown file) and keeps a
 * safe subset of it, by our schema below: line breaks, sup/sub/kbd/abbr, spans and divs
 * with classes, details/summary, tables (`align`/`valign` become CSS, which EPUB needs),
 * inline styling and images under the image rules (trust/local-resource.ts). Links obey
 * the link policy (trust/url-policy.ts); a link to a manuscript file (`x.md#y`) resolves
 * like a Markdown one (resolve/file-links.ts) and `#heading` to the file's heading, in the
 * resolve pass. An `id` is kept, namespaced (`doc--user-content-x`, unique in the file) so
 * that it can clobber neither a DOM property nor an id of Folio's, and the file's own
 * `href="#x"` follow it. Everything else is dropped with a located warning
 * (`html:dropped`): scripts, event handlers, frames, forms, styles that could load a URL.
 * A raw image that is not a file inside the project is an error like a Markdown one.
 *
 * Only elements written as raw HTML are sanitised: the elements the Markdown made carry a
 * per-run mark through the parse (raw HTML cannot guess it), so Folio's own ids, classes
 * and data attributes are untouched. A tree without raw HTML is not parsed again at all.
 * The walk below keeps, drops and reports; then each element written wholly in raw HTML
 * goes through hast-util-sanitize (rehype-sanitize's engine) with the same schema, so
 * that nothing outside it survives even if the walk missed it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { type Schema, sanitize } from 'hast-util-sanitize';
import type { VFile } from 'vfile';
import { fail, warn } from '../diagnostics/messages.ts';
import { imageAlignClass } from '../model/image-align.ts';
import { decodedOrAsWritten } from '../model/url-escapes.ts';
import { documentIdOf } from '../model/vfile-data.ts';
import type { FileLinkResolver } from '../resolve/file-links.ts';
import { localResource } from '../trust/local-resource.ts';
import { linkKind } from '../trust/url-policy.ts';

export interface RawHtmlOptions {
  /** The project folder (a real path): a raw image must be a file inside it. */
  projectRoot: string;
  /**
   * Report what is dropped: true in the parse checks (remark-raw-html.ts), which run it on a
   * copy first; false in the resolve pass, which only applies it.
   */
  report: boolean;
  /** The resolve pass's links between manuscript files; the parse checks keep them as written. */
  fileLinks?: FileLinkResolver;
}

/** Elements kept, with the attributes (hast property names) each may have besides the global ones. */
const allowed: Record<string, string[]> = {
  a: ['href'],
  abbr: [],
  b: [],
  blockquote: [],
  br: [],
  caption: [],
  center: [],
  cite: [],
  code: [],
  col: ['span'],
  colgroup: ['span'],
  dd: [],
  del: [],
  details: ['open'],
  dfn: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  img: ['src', 'alt', 'width', 'height'],
  ins: [],
  kbd: [],
  li: [],
  mark: [],
  ol: ['start'],
  p: [],
  pre: [],
  q: [],
  s: [],
  samp: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: [],
  tbody: [],
  td: ['colSpan', 'rowSpan'],
  tfoot: [],
  th: ['colSpan', 'rowSpan', 'scope'],
  thead: [],
  tr: [],
  u: [],
  ul: [],
  var: [],
};
/** Attributes any kept element may have. */
const global = ['className', 'title', 'lang', 'dir', 'style'];
/** Presentational attributes of old HTML tables: `align`/`valign` become CSS, the others give way to Folio's table style. */
const presentational = [
  'align',
  'vAlign',
  'border',
  'cellPadding',
  'cellSpacing',
  'width',
  'bgColor',
];
/** Dropped with their content: what could run, load, submit or hide text. */
const removedWithContent = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'noscript',
  'template',
  'link',
  'meta',
  'base',
  'svg',
  'math',
  'video',
  'audio',
  'source',
  'track',
  'canvas',
  'portal',
]);
/** CSS properties a `style` attribute may set; values must not call functions (`url(…)`). */
const styleProperties = new Set([
  'text-align',
  'vertical-align',
  'font-weight',
  'font-style',
  'text-decoration',
  'white-space',
  'width',
  'height',
  'color',
]);
const trustKey = 'dataFolioTrusted';

export function rehypeRawHtml(options: RawHtmlOptions) {
  return (tree: Root, file: VFile) => {
    if (!hasRaw(tree)) return tree;
    const nonce = randomUUID();
    markTrusted(tree, nonce);
    const parsed = raw(tree, { file }) as Root;
    const base = file.dirname ? path.resolve(file.cwd, file.dirname) : options.projectRoot;
    const { report } = options;
    const dropped = (reason: string, node: Element) => {
      if (report) warn(file, reason, { place: node.position, ruleId: 'html:dropped' });
    };
    const ids = rawIds(parsed, nonce, file);
    const clean = (children: RootContent[]): RootContent[] =>
      children.flatMap((node): RootContent[] => {
        if (node.type === 'comment' || node.type === 'doctype') return [];
        if (node.type !== 'element') return [node];
        if (node.properties[trustKey] === nonce) {
          delete node.properties[trustKey];
          node.children = clean(node.children) as ElementContent[];
          return [node];
        }
        const name = node.tagName;
        if (removedWithContent.has(name)) {
          dropped(
            `Raw HTML \`<${name}>\` is dropped with its content: Folio editions run no script and load nothing from outside`,
            node,
          );
          return [];
        }
        const own = allowed[name];
        const wholly = !containsTrusted(node, nonce);
        node.children = clean(node.children) as ElementContent[];
        if (!own) {
          dropped(
            `Raw HTML element \`<${name}>\` is not kept (its content is): write it in Markdown`,
            node,
          );
          return node.children;
        }
        node.properties = cleanProperties(node, own, dropped);
        const id = ids.of.get(node);
        if (id) node.properties.id = id;
        if (name === 'a' && typeof node.properties.href === 'string') {
          const href = resolvedHref(node.properties.href, node);
          if (href === undefined) return node.children;
          node.properties.href = href;
        }
        if (name === 'img') {
          const src = String(node.properties.src ?? '');
          const resource = localResource(src, base, options.projectRoot);
          if (!resource.ok) {
            if (report)
              fail(file, resource.reason, { place: node.position, ruleId: resource.ruleId });
            return [];
          }
          node.properties.dataFile = resource.file;
        }
        if (!wholly) return [node];
        const sanitized = sanitize(node, schema);
        return sanitized.type === 'root' ? sanitized.children : [sanitized as RootContent];
      });
    /** A raw link's target in the book: `undefined` to keep only its text. */
    const resolvedHref = (href: string, node: Element): string | undefined => {
      if (href.startsWith('#')) {
        const wanted = decodedOrAsWritten(href.slice(1));
        const own = ids.first.get(wanted) ?? file.data.headings?.byLocalId.get(wanted);
        return own ? `#${own}` : href;
      }
      if (linkKind(href) !== 'internal' || !options.fileLinks) return href;
      const target = options.fileLinks(href, file);
      const resolving = file.data.resolve;
      if (target.kind === 'unknown') {
        if (resolving?.report)
          warn(file, target.reason, { place: node.position, ruleId: target.ruleId });
        return undefined;
      }
      return resolving?.editionDocuments.has(target.documentId) ? `#${target.anchor}` : undefined;
    };
    parsed.children = clean(parsed.children);
    return parsed;
  };
}

/**
 * The ids written in raw HTML (not Folio's own) and the id each gets: namespaced by the
 * document and `user-content-` (as GitHub and rehype-sanitize do), so that none can
 * clobber a DOM property (`id="location"`) or take an id Folio gives, made of letters,
 * digits, `-`, `_` and `.` only, and unique in the file.
 */
function rawIds(tree: Root, nonce: string, file: VFile): RawIds {
  const ids: RawIds = { of: new Map(), first: new Map() };
  const taken = new Set<string>();
  const documentId = file.data.documentId === undefined ? 'doc' : documentIdOf(file);
  const walk = (node: Root | RootContent) => {
    if (node.type === 'element' && node.properties[trustKey] !== nonce) {
      const id = node.properties.id;
      const safe =
        typeof id === 'string' ? id.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') : '';
      if (typeof id === 'string' && safe) {
        const base = `${documentId}--user-content-${safe}`;
        let unique = base;
        for (let n = 1; taken.has(unique); n++) unique = `${base}-${n}`;
        taken.add(unique);
        ids.of.set(node, unique);
        if (!ids.first.has(id)) ids.first.set(id, unique);
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return ids;
}

/** Each raw element's new id, and the id a link to a raw id (`#x`) follows: its first. */
interface RawIds {
  of: Map<Element, string>;
  first: Map<string, string>;
}

/** The schema of our subset, for hast-util-sanitize (the walk above applies it with messages). */
const schema: Schema = {
  tagNames: Object.keys(allowed),
  attributes: {
    '*': [...global, 'id'],
    ...allowed,
    img: [...(allowed.img ?? []), 'dataFile'],
  },
  protocols: { href: ['http', 'https', 'mailto'], src: [] },
  strip: [...removedWithContent],
  ancestors: {},
  required: {},
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
};

function containsTrusted(node: Element, nonce: string): boolean {
  return node.children.some(
    (child) =>
      child.type === 'element' &&
      (child.properties[trustKey] === nonce || containsTrusted(child, nonce)),
  );
}

function hasRaw(node: Root | RootContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some((child) => hasRaw(child));
}

function markTrusted(node: Root | RootContent, nonce: string): void {
  if (node.type === 'element') node.properties[trustKey] = nonce;
  if ('children' in node) for (const child of node.children) markTrusted(child, nonce);
}

function cleanProperties(
  node: Element,
  own: string[],
  dropped: (reason: string, node: Element) => void,
): Properties {
  const kept: Properties = {};
  const styles: string[] = [];
  const floats: string[] = [];
  for (const [key, value] of Object.entries(node.properties)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'style') {
      styles.push(...safeDeclarations(String(value), node, dropped));
    } else if (key === 'id') {
      // kept, namespaced, by the walk (rawIds)
    } else if (key === 'href') {
      const href = String(value);
      if (linkKind(href) === 'forbidden')
        dropped(
          `Link \`${String(value).slice(0, 60)}\` is dropped: links may use http, https or mailto, or point into the book`,
          node,
        );
      else kept[key] = String(value);
    } else if (key === 'align' && node.tagName === 'img') {
      const side = imageAlignClass(String(value));
      if (side) floats.push(side);
    } else if (
      key === 'align' &&
      ['left', 'right', 'center', 'justify'].includes(String(value).toLowerCase())
    ) {
      styles.push(`text-align: ${String(value).toLowerCase()}`);
    } else if (
      key === 'vAlign' &&
      ['top', 'middle', 'bottom', 'baseline'].includes(String(value).toLowerCase())
    ) {
      styles.push(`vertical-align: ${String(value).toLowerCase()}`);
    } else if (key === 'width' || key === 'height') {
      if (node.tagName === 'img' && /^\d+$/.test(String(value))) kept[key] = String(value);
    } else if (global.includes(key) || own.includes(key)) {
      kept[key] = value;
    } else if (!presentational.includes(key)) {
      dropped(
        /^on/i.test(key)
          ? `Event handler \`${attributeName(key)}\` on raw HTML \`<${node.tagName}>\` is dropped: Folio editions run no script`
          : `Attribute \`${attributeName(key)}\` on raw HTML \`<${node.tagName}>\` is dropped`,
        node,
      );
    }
  }
  if (styles.length > 0) kept.style = styles.join('; ');
  if (floats.length > 0) kept.className = [...((kept.className as string[]) ?? []), ...floats];
  return kept;
}

/** The declarations of a `style` attribute that can only style text: no function, no URL, no escape. */
function safeDeclarations(
  style: string,
  node: Element,
  dropped: (reason: string, node: Element) => void,
): string[] {
  const kept: string[] = [];
  for (const declaration of style
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)) {
    const [property = '', ...rest] = declaration.split(':');
    const value = rest.join(':').trim();
    const name = property.trim().toLowerCase();
    if (styleProperties.has(name) && value && !/[()\\@<>"']|\/\*/.test(value)) {
      kept.push(`${name}: ${value}`);
    } else {
      dropped(
        /url|\(/i.test(value)
          ? `Style \`${declaration.slice(0, 60)}\` on raw HTML \`<${node.tagName}>\` is dropped: Folio editions load nothing a style names`
          : `Style \`${declaration.slice(0, 60)}\` on raw HTML \`<${node.tagName}>\` is dropped`,
        node,
      );
    }
  }
  return kept;
}

/** The attribute as the author wrote it (`data-file`, `onclick`), from its hast property name. */
function attributeName(property: string): string {
  return /^data[A-Z]/.test(property)
    ? `data${property.slice(4).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
    : property.toLowerCase();
}
