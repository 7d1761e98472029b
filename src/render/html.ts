/**
 * The HTML edition: the assembled parts on one page from `templates/edition.html`, with
 * the screen stylesheet and the bundled fonts it uses inlined so the file stands alone.
 */
import { readFileSync } from 'node:fs';
import type { ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { EditionParts } from '../assemble/edition.ts';
import { fillSlots, loadPageTemplate } from '../assemble/template.ts';
import { chineseText } from './chinese-text.ts';
import { fontFacesMarker, withFontFaces } from './font-selection.ts';
import { chosenFacesCss, inlineFontFaceCss } from './fonts.ts';
import { type ImageSource, resolvePageImages } from './page-images.ts';
import { addedStylesheetsCss, stylesheetPath } from './stylesheets.ts';

export interface PageOptions {
  projectRoot: string;
  /** CSS text put in the page's `<style>`. */
  css: string;
  /** Extra nodes at the end of the body (hidden link lists for print). */
  extra?: ElementContent[];
  bodyClass?: string[];
  /** How images are referenced: embedded (HTML edition) or by file (print page). */
  images: ImageSource;
}

/** The whole edition as one HTML page tree. */
export function editionPage(parts: EditionParts, options: PageOptions): Root {
  const page = loadPageTemplate('edition.html', options.projectRoot);
  const body: ElementContent[] = [
    ...(parts.cover ? [parts.cover] : []),
    parts.contents,
    ...(parts.objectLists ?? []),
    ...parts.documents.map((d) => d.article),
    ...(parts.glossary ? [parts.glossary] : []),
    ...(parts.index ? [parts.index] : []),
    ...(options.extra ?? []),
  ];
  fillSlots(page, { title: parts.title, style: options.css, body });
  const html = page.children.find((n) => n.type === 'element' && n.tagName === 'html');
  if (html?.type === 'element') html.properties.lang = parts.language;
  const bodyElement =
    html?.type === 'element'
      ? html.children.find((n) => n.type === 'element' && n.tagName === 'body')
      : undefined;
  if (bodyElement?.type === 'element' && options.bodyClass) {
    bodyElement.properties.className = [
      ...((bodyElement.properties.className as string[]) ?? []),
      ...options.bodyClass,
    ];
  }
  resolvePageImages(page, options.images);
  return page;
}

export function renderHtml(parts: EditionParts, projectRoot: string): string {
  const sheets = [
    'base.css',
    'math.css',
    'code.css',
    'screen.css',
    ...(parts.edition.annotated ? ['annotations.css'] : []),
  ];
  const css = [
    fontFacesMarker,
    ...sheets.map((name) => readFileSync(stylesheetPath(name, projectRoot), 'utf8')),
    chosenFacesCss(parts.edition.faces),
    addedStylesheetsCss(parts.edition, 'html', projectRoot),
  ].join('\n');
  // The bundled faces travel with the page: only the slices of them that its text uses,
  // generated text (the style sheets' `content:` strings, the template's words) included.
  const tree = editionPage(parts, { projectRoot, css, images: 'data-url' });
  const chinese = chineseText(tree, parts.language);
  return withFontFaces(toHtml(tree), (html) => inlineFontFaceCss(html, chinese));
}
