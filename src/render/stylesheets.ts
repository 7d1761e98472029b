/**
 * Where stylesheets come from: a project's own `styles/NAME` when it has one, else Folio's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { folioRoot } from '../assemble/template.ts';

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
