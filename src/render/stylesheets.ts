/**
 * Where stylesheets come from: a project's own `styles/NAME` when it has one, else Folio's
 * (a whole sheet replaced); then the stylesheets the config names (`stylesheets:`), loaded
 * after Folio's in every format they are for, so that one rule can be overridden alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { folioRoot } from '../assemble/template.ts';
import type { EditionConfig, Format } from '../config/schema.ts';

export function stylesheetPath(name: string, projectRoot: string): string {
  const own = path.join(projectRoot, 'styles', name);
  return existsSync(own) ? own : path.join(folioRoot, 'styles', name);
}

/**
 * A stylesheet's text with its relative `url(…)` and `@import "…"` references made absolute
 * file URLs, so that it can be inlined into a page printed from another folder and still
 * find the fonts and images beside it.
 */
export function stylesheetWithAbsoluteUrls(file: string, css: string): string {
  const folder = path.dirname(file);
  const absolute = (reference: string) =>
    /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(reference)
      ? reference
      : pathToFileURL(path.resolve(folder, reference)).href;
  return css
    .replace(
      /url\(\s*(['"]?)([^'")]+)\1\s*\)/g,
      (_, quote: string, reference: string) => `url(${quote}${absolute(reference.trim())}${quote})`,
    )
    .replace(
      /@import\s+(['"])([^'"]+)\1/g,
      (_, quote: string, reference: string) => `@import ${quote}${absolute(reference)}${quote}`,
    );
}

/** The absolute paths of the config's stylesheets for one format of an edition, in order. */
export function addedStylesheets(
  edition: Pick<EditionConfig, 'stylesheets'>,
  format: Format,
  projectRoot: string,
): string[] {
  return (edition.stylesheets ?? []).flatMap((entry) => {
    const { file, formats } =
      typeof entry === 'string' ? { file: entry, formats: undefined } : entry;
    return !formats || formats.includes(format) ? [path.resolve(projectRoot, file)] : [];
  });
}

/**
 * The text of the config's stylesheets for a format. Pages printed from another folder
 * (print, covers) get their references as absolute file URLs; the EPUB and the HTML
 * edition get them as written.
 */
export function addedStylesheetsCss(
  edition: Pick<EditionConfig, 'stylesheets'>,
  format: Format,
  projectRoot: string,
): string {
  return addedStylesheets(edition, format, projectRoot)
    .map((file) => {
      const css = readFileSync(file, 'utf8');
      return format === 'pdf' ? stylesheetWithAbsoluteUrls(file, css) : css;
    })
    .join('\n');
}
