/**
 * The bundled typefaces (npm @fontsource packages, never whatever the machine has):
 * Source Serif 4 for text, Source Sans 3 for headings and page furniture. Produces
 * @font-face rules whose URLs point at the package files, for pages printed from disk.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export interface Face {
  packageName: string;
  /** Style sheets of the package to use: `400.css`, `400-italic.css`, … */
  sheets: string[];
}

export const bundledFaces: Face[] = [
  {
    packageName: '@fontsource/source-serif-4',
    sheets: [
      'latin-400.css',
      'latin-400-italic.css',
      'latin-600.css',
      'latin-700.css',
      'latin-ext-400.css',
      'latin-ext-400-italic.css',
      'latin-ext-700.css',
    ],
  },
  {
    packageName: '@fontsource/source-sans-3',
    sheets: [
      'latin-400.css',
      'latin-600.css',
      'latin-700.css',
      'latin-ext-400.css',
      'latin-ext-600.css',
    ],
  },
];

export function packageFolder(packageName: string): string {
  return path.dirname(require.resolve(`${packageName}/package.json`));
}

let fileFaces: string | undefined;

/**
 * @font-face rules with each font file's URL rewritten by `url(file)`; by default a
 * file URL (read once: every print pass asks for them).
 */
export function fontFaceCss(url?: (absolutePath: string) => string): string {
  if (!url) {
    fileFaces ??= fontFaceCss((p) => pathToFileURL(p).href);
    return fileFaces;
  }
  return bundledFaces
    .flatMap(({ packageName, sheets }) => {
      const folder = packageFolder(packageName);
      return sheets.map((sheet) =>
        readFileSync(path.join(folder, sheet), 'utf8')
          // woff2 only: every engine Folio drives reads it.
          .replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, '')
          .replace(
            /url\(\.\/(files\/[^)]+)\)/g,
            (_, file: string) => `url("${url(path.join(folder, file))}")`,
          ),
      );
    })
    .join('\n');
}
