/**
 * The typefaces embedded in every EPUB: the bundled @fontsource Source Serif 4 (text) and
 * Source Sans 3 (headings, notes), Latin subset, as WOFF2. `styles/epub.css` names these
 * files under `fonts/`; the two lists must agree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageFolder } from '../fonts.ts';

export interface EmbeddedFont {
  /** Path inside the package, relative to the OPF. */
  href: string;
  bytes: Uint8Array;
}

const faces: Array<{ packageName: string; files: string[] }> = [
  {
    packageName: '@fontsource/source-serif-4',
    files: ['400-normal', '400-italic', '700-normal', '700-italic'].map(
      (v) => `source-serif-4-latin-${v}.woff2`,
    ),
  },
  {
    packageName: '@fontsource/source-sans-3',
    files: ['400-normal', '400-italic', '600-normal', '600-italic'].map(
      (v) => `source-sans-3-latin-${v}.woff2`,
    ),
  },
];

function fontFile(packageName: string, file: string): string {
  return path.join(packageFolder(packageName), 'files', file);
}

/** The folders the font files are read from (a sandboxed page may load them). */
export function fontFolders(): string[] {
  return faces.map(({ packageName, files }) => path.dirname(fontFile(packageName, files[0] ?? '')));
}

export function embeddedFonts(): EmbeddedFont[] {
  return faces.flatMap(({ packageName, files }) =>
    files.map((file) => ({
      href: `fonts/${file}`,
      bytes: readFileSync(fontFile(packageName, file)),
    })),
  );
}

interface Face {
  family: string;
  weight: string;
  style: string;
  path: string;
}

function faceList(): Face[] {
  return faces.flatMap(({ packageName, files }) =>
    files.map((file) => {
      const [, slug = '', weight = '400', style = 'normal'] =
        /^(.*)-latin-(\d+)-(normal|italic)\.woff2$/.exec(file) ?? [];
      const family = slug === 'source-serif-4' ? 'Source Serif 4' : 'Source Sans 3';
      return { family, weight, style, path: fontFile(packageName, file) };
    }),
  );
}

/** `@font-face` rules pointing at the font files on disk, for the cover rendered in Chromium. */
export function localFontFaces(url: (file: string) => string): string {
  return faceList()
    .map(
      (face) =>
        `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; src: url("${url(face.path)}") format('woff2'); }`,
    )
    .join('\n');
}

/** One CSS font query per embedded face (`italic 700 16px "Source Serif 4"`). */
export function fontFaceQueries(): string[] {
  return faceList().map((face) => `${face.style} ${face.weight} 16px "${face.family}"`);
}
