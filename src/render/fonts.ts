/**
 * The bundled typefaces (npm @fontsource packages, never whatever the machine has):
 * Source Serif 4 for text, Source Sans 3 for headings and page furniture, Source Code Pro
 * for code, Noto Sans TC and SC for Chinese (and other CJK) text, Noto Sans Math for the
 * signs and arrows the Source faces lack (see the fallback block below). Produces
 * @font-face rules whose URLs point at the package files, for pages printed from disk, or,
 * for the self-contained HTML edition, only the rules whose `unicode-range` its text uses,
 * with the files inlined.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { woffCoverage } from './font-coverage.ts';
import {
  maySet,
  parseUnicodeRange,
  withoutStyleComments,
  withUsedFontFaces,
  writtenCodePoints,
} from './font-selection.ts';

const require = createRequire(import.meta.url);

export interface Face {
  packageName: string;
  /** The family its sheets declare: the name a config's `faces` choose it by. */
  family: string;
  /** The generic family that ends a stack with it. */
  generic: 'serif' | 'sans-serif' | 'monospace';
  /** Style sheets of the package to use: `400.css`, `400-italic.css`, … */
  sheets: string[];
  /** Only sets what the faces before it lack (the CJK faces after the Source faces). */
  fallback?: boolean;
}

export const bundledFaces: Face[] = [
  {
    packageName: '@fontsource/source-serif-4',
    family: 'Source Serif 4',
    generic: 'serif',
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
    family: 'Source Sans 3',
    generic: 'sans-serif',
    sheets: [
      'latin-400.css',
      'latin-600.css',
      'latin-700.css',
      'latin-ext-400.css',
      'latin-ext-600.css',
    ],
  },
  {
    packageName: '@fontsource/source-code-pro',
    family: 'Source Code Pro',
    generic: 'monospace',
    sheets: ['latin-400.css', 'latin-400-italic.css', 'latin-700.css', 'latin-ext-400.css'],
  },
  {
    // Split by fontsource into about a hundred `unicode-range` slices a weight: a page
    // loads, and a PDF embeds, only the slices its text uses.
    packageName: '@fontsource/noto-sans-tc',
    family: 'Noto Sans TC',
    generic: 'sans-serif',
    sheets: ['400.css', '700.css'],
    fallback: true,
  },
  {
    // Simplified forms, which Noto Sans TC lacks (a "zh-Hant" text often has some).
    packageName: '@fontsource/noto-sans-sc',
    family: 'Noto Sans SC',
    generic: 'sans-serif',
    sheets: ['400.css', '700.css'],
    fallback: true,
  },
];

/** The families a config's `faces` may name. */
export const bundledFamilies: readonly string[] = bundledFaces.map((face) => face.family);

/** The roles a config's `faces` sets, and the custom property of base.css each one fills. */
export const faceRoles = {
  text: '--text-face',
  headings: '--display-face',
  code: '--code-face',
} as const;

/**
 * Custom properties that put the faces an edition chose first in base.css's stacks, the
 * Chinese faces after them (they set only what the chosen face lacks, as in base.css).
 */
export function chosenFacesCss(
  faces: Partial<Record<keyof typeof faceRoles, string>> | undefined,
): string {
  const declarations = Object.entries(faceRoles).flatMap(([role, property]) => {
    const face = bundledFaces.find((f) => f.family === faces?.[role as keyof typeof faceRoles]);
    if (!face) return [];
    const stack = [face.family, ...bundledFaces.filter((f) => f.fallback).map((f) => f.family)];
    const families = [...new Set(stack)].map((family) => `'${family}'`).join(', ');
    return [`${property}: ${families}, ${face.generic};`];
  });
  return declarations.length > 0 ? `:root { ${declarations.join(' ')} }` : '';
}

export function packageFolder(packageName: string): string {
  return path.dirname(require.resolve(`${packageName}/package.json`));
}

let fileFaces: string | undefined;

/** The @font-face rules of the bundled faces, each with its font file and `unicode-range`. */
interface FaceRule {
  family: string;
  css: string;
  fallback: boolean;
  /** `400 normal`: a fallback face's slice stands in for another face of the same weight and style. */
  variant: string;
  file: string;
  ranges: ReadonlyArray<readonly [number, number]>;
}

const everything = [[0, 0x10ffff]] as const;

let faceRules: FaceRule[] | undefined;

function bundledFaceRules(): FaceRule[] {
  faceRules ??= bundledFaces.flatMap(({ packageName, family, sheets, fallback = false }) => {
    const folder = packageFolder(packageName);
    return sheets.flatMap((sheet) =>
      [...readFileSync(path.join(folder, sheet), 'utf8').matchAll(/@font-face\s*\{[^}]*\}/g)].map(
        ([css]) => {
          const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(css)?.[1] ?? '';
          // A one-subset sheet (`latin-400.css`) names no range: its weight's sheet (`400.css`) does.
          const range =
            /unicode-range:\s*([^;]+);/.exec(css)?.[1] ??
            packageRanges(folder, sheet.replace(/^[a-z-]+?-(?=\d)/, '')).get(file);
          const weight = /font-weight:\s*(\d+)/.exec(css)?.[1] ?? '400';
          const style = /font-style:\s*(\w+)/.exec(css)?.[1] ?? 'normal';
          return {
            family,
            fallback,
            variant: `${weight} ${style}`,
            css: css.replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, ''),
            file: path.join(folder, file),
            ranges:
              range && parseUnicodeRange(range).length > 0 ? parseUnicodeRange(range) : everything,
          };
        },
      ),
    );
  });
  return faceRules;
}

/** The `unicode-range` of each font file that one of a package's sheets names. */
function packageRanges(folder: string, sheet: string): Map<string, string> {
  const ranges = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync(path.join(folder, sheet), 'utf8');
  } catch {
    return ranges;
  }
  for (const [css] of text.matchAll(/@font-face\s*\{[^}]*\}/g)) {
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(css)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(css)?.[1];
    if (file && range) ranges.set(file, range);
  }
  return ranges;
}

/**
 * Which characters of a page are set in text marked Simplified Chinese: base.css's font
 * stacks try Noto Sans SC first there (`:lang(zh-Hans)`, `zh-CN`, `zh-SG`), and Noto Sans
 * TC first everywhere else.
 */
export interface ChineseText {
  /** Set in Simplified Chinese text. */
  simplified: ReadonlySet<number>;
  /** Set anywhere else (text and attribute values). */
  other: ReadonlySet<number>;
}

/**
 * The @font-face rules the self-contained HTML edition `page` needs, each font file
 * inlined as a data URL, chosen as the browser matches faces (CSS Fonts 4): a bundled
 * face's slices whose `unicode-range` holds a character the page may set; then, for a
 * character a family does not draw (no slice claims it, or one claims it without a glyph,
 * as Source Serif 4's latin slice claims U+2011), the first Chinese face that draws it in
 * the page's stack order (`chinese`: SC first for Simplified Chinese text; without it,
 * TC first everywhere). The CJK slices the page does not use stay out, and so does Noto
 * Sans Math as a stand-in (print has it under every family's name, one copy a style and
 * weight: inlined, 360 KB each), so what only it would draw comes from the reader's fonts.
 */
export function inlineFontFaceCss(page: string, chinese?: ChineseText): string {
  // Not the base set the print is always given: the HTML edition carries what it uses.
  // Browsers paint the symbol markers of lists and `details` (disc, circle, square,
  // disclosure) as shapes: they need a face only where the page writes them out.
  const written = writtenCodePoints(page);
  for (const marker of '◦▪■▸▾◂')
    if (!page.includes(marker)) written.delete(marker.codePointAt(0) ?? 0);
  const covers = (rule: FaceRule, c: number) => rule.ranges.some(([a, b]) => c >= a && c <= b);
  const rules = bundledFaceRules();
  const needed = new Set(
    rules.filter((rule) => !rule.fallback && [...written].some((c) => covers(rule, c))),
  );
  const { families } = coverage();
  const drawnBy = (family: string, c: number) => families.get(family)?.has(c) ?? false;
  const forChinese = new Set<number>();
  for (const { family } of bundledFaces.filter((face) => !face.fallback))
    for (const c of written) if (c > 0x20 && !drawnBy(family, c)) forChinese.add(c);
  const [tc, sc] = bundledFaces.filter((face) => face.fallback).map((face) => face.family);
  const stacks = (c: number): string[][] => {
    const simplified = chinese?.simplified.has(c) ?? false;
    const elsewhere = !simplified || (chinese?.other.has(c) ?? true);
    return [
      ...(simplified ? [[sc ?? '', tc ?? '']] : []),
      ...(elsewhere ? [[tc ?? '', sc ?? '']] : []),
    ];
  };
  const chineseRules = rules.filter((rule) => rule.fallback);
  for (const variant of new Set(chineseRules.map((rule) => rule.variant))) {
    const faces = chineseRules.filter((rule) => rule.variant === variant);
    for (const c of forChinese) {
      for (const stack of stacks(c)) {
        const family = stack.find((name) => drawnBy(name, c));
        const rule = faces.find((r) => r.family === family && covers(r, c));
        if (rule) needed.add(rule);
      }
    }
  }
  const dataUrl = (file: string) =>
    `data:font/woff2;base64,${readFileSync(file).toString('base64')}`;
  return [
    ...rules
      .filter((rule) => needed.has(rule))
      .map(({ css, file }) => css.replace(/url\(\.\/files\/[^)]+\)/, `url("${dataUrl(file)}")`)),
    // The math face only travels with a page that has math.
    ...(page.includes('<math') ? [mathFaceCss(dataUrl)] : []),
  ].join('\n');
}

/**
 * Per bundled family that is not a fallback, per variant (`400 normal`), the code points
 * its faces of that variant draw: those in a face's `unicode-range` that its font has.
 */
function drawnByVariant(): Map<string, Map<string, Set<number>>> {
  drawnCache ??= bundledFaceRules()
    .filter((rule) => !rule.fallback)
    .reduce((families, rule) => {
      const variants = families.get(rule.family) ?? new Map<string, Set<number>>();
      const drawn = variants.get(rule.variant) ?? new Set<number>();
      for (const c of fileCoverage(rule.file.replace(/\.woff2$/, '.woff')))
        if (rule.ranges.some(([a, b]) => c >= a && c <= b)) drawn.add(c);
      variants.set(rule.variant, drawn);
      return families.set(rule.family, variants);
    }, new Map<string, Map<string, Set<number>>>());
  return drawnCache;
}
let drawnCache: Map<string, Map<string, Set<number>>> | undefined;

/** `woffCoverage` of a bundled font file, read once (`coverage` and `drawnByVariant` ask). */
function fileCoverage(woff: string): Set<number> {
  let covered = coverageOf.get(woff);
  if (!covered) {
    covered = woffCoverage(woff);
    coverageOf.set(woff, covered);
  }
  return covered;
}
const coverageOf = new Map<string, Set<number>>();

/**
 * Whether a stack in `page` may try a Chinese face before the bundled faces that set the
 * text: a declaration of its style elements or attributes (or any of their text between
 * `;`, `{` and `}`, comments left out) that names Noto Sans TC or SC before any of them,
 * or a style sheet the page links or imports, which this cannot read. Only the styles are
 * read: the whole of a 2.9 MB page took 42 ms, its styles 6 ms.
 */
function triesChineseFirst(page: string): boolean {
  if (/<link\b[^>]*\bstylesheet\b/i.test(page)) return true;
  const sheets = [...page.matchAll(/<style\b[^>]*>[\s\S]*?<\/style>/gi)].map(([sheet]) => sheet);
  const attributes = [...page.matchAll(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi)].map(([, v]) => v);
  const styles = `${withoutStyleComments(sheets.join('\n'))}\n${attributes.join('\n')}`;
  if (/@import\b/i.test(styles)) return true;
  const names = (faces: Face[]) => faces.map((face) => face.family.toLowerCase());
  const chinese = names(bundledFaces.filter((face) => face.fallback));
  const primary = names(bundledFaces.filter((face) => !face.fallback));
  return styles
    .toLowerCase()
    .split(/[;{}]/)
    .some((text) => {
      const at = Math.min(...chinese.map((name) => text.indexOf(name)).filter((i) => i >= 0));
      if (!Number.isFinite(at)) return false;
      return !primary.some((name) => {
        const i = text.indexOf(name);
        return i >= 0 && i < at;
      });
    });
}

/**
 * What the browser may set on a print page that it does not write: counters and folios
 * (Basic Latin), soft hyphens, a cut head's ellipsis. (A line broken at a soft hyphen
 * ends with U+2010 only where the line's first face draws it, else with a hyphen-minus,
 * which the Source faces do: never from a Chinese face.)
 */
const generated: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e],
  [0xad, 0xad],
  [0x2026, 0x2026],
];

/**
 * The rules of `rules` (the @font-face rules a print page may use: `usedFontFaces`)
 * without the Chinese slices that no character of the page can reach. In base.css's
 * stacks (and those a config's `faces` make) Noto Sans TC and SC come after a Source face,
 * so the browser tries them only for a character that face does not draw, in the variant
 * it matched; a slice whose range holds none of the characters the page writes
 * (`written`) or the browser generates that some variant of some Source face lacks is
 * never used. Their ASCII and Latin-1 ranges made each document part of the 447-page
 * benchmark pack load 71 faces, 44 of them Chinese slices; now 31, 4 of them Chinese (the
 * pack's face loads took 0.25–0.52 s each, now 0.09–0.38 s). Where a stack may try a
 * Chinese face first, every rule stays.
 */
export function withoutUnreachedChinese(
  rules: string,
  page: string,
  written: ReadonlySet<number>,
): string {
  if (triesChineseFirst(page)) return rules;
  const variants = [...drawnByVariant().values()].flatMap((byVariant) => [...byVariant.values()]);
  const set = new Set(written);
  for (const [from, to] of generated) for (let c = from; c <= to; c++) set.add(c);
  const reached = new Set([...set].filter((c) => variants.some((drawn) => !drawn.has(c))));
  const chinese = new Set(bundledFaces.filter((face) => face.fallback).map((face) => face.family));
  return [...rules.matchAll(/@font-face\s*\{[^}]*\}/g)]
    .map(([rule]) => rule)
    .filter((rule) => {
      const family = /font-family:\s*(['"]?)([^;'"}]+)\1/.exec(rule)?.[2]?.trim() ?? '';
      return !chinese.has(family) || maySet(rule, reached);
    })
    .join('\n');
}

/**
 * A print page's HTML (its `fontFacesMarker` in place) with the bundled faces its text,
 * generated text included, can use (font-selection.ts): not the Chinese slices it does
 * not write, nor those no character can reach. For a whole print, each part and the
 * running heads.
 */
export const withPrintFontFaces = (html: string): string =>
  withUsedFontFaces(html, fontFaceCss(), withoutUnreachedChinese);

/**
 * @font-face rules with each font file's URL rewritten by `url(file)`; by default a
 * file URL (read once: every print pass asks for them).
 */
export function fontFaceCss(url?: (absolutePath: string) => string): string {
  if (!url) {
    fileFaces ??= fontFaceCss((p) => pathToFileURL(p).href);
    return fileFaces;
  }
  const faces = bundledFaces.map((face) => faceCss(face, url)).join('\n');
  return `${faces}\n${fallbackFaceCss(url)}\n${mathFaceCss(url)}`;
}

/** A bundled face's @font-face rules, each font file's URL rewritten by `url(file)`. */
function faceCss({ packageName, sheets }: Face, url: (absolutePath: string) => string): string {
  const folder = packageFolder(packageName);
  return sheets
    .map((sheet) =>
      readFileSync(path.join(folder, sheet), 'utf8')
        // woff2 only: every engine Folio drives reads it.
        .replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, '')
        .replace(
          /url\(\.\/(files\/[^)]+)\)/g,
          (_, file: string) => `url("${url(path.join(folder, file))}")`,
        ),
    )
    .join('\n');
}

/**
 * The Chinese faces alone (Noto Sans TC and SC, under their own family names) as file-URL
 * @font-face rules, with their families and the folders of their files: for a page that
 * sets its own faces (the EPUB's cover image) and must draw Chinese with bundled faces too.
 */
export function chineseFaces(): { css: string; families: string[]; folders: string[] } {
  const faces = bundledFaces.filter((face) => face.fallback);
  return {
    css: faces.map((face) => faceCss(face, (p) => pathToFileURL(p).href)).join('\n'),
    families: faces.map(({ packageName }) =>
      packageName === '@fontsource/noto-sans-sc' ? 'Noto Sans SC' : 'Noto Sans TC',
    ),
    folders: faces.map(({ packageName }) => path.join(packageFolder(packageName), 'files')),
  };
}

/**
 * The face MathML is set in (styles/math.css): Noto Sans Math whole, under its own name,
 * since the package's sheet limits it to a Latin `unicode-range` and its OpenType MATH
 * table is what Chromium lays out fractions, roots and stretched signs with. A page loads
 * it only when it has math.
 */
export function mathFaceCss(url: (absolutePath: string) => string): string {
  const src = url(path.join(packageFolder(fallbackFace.packageName), `${fallbackFace.file}.woff2`));
  return `@font-face { font-family: 'Folio Math'; font-style: normal; font-weight: 400; font-display: block; src: url("${src}") format('woff2'); }`;
}

// --- Fallback face (issue 13) -------------------------------------------------------
// Source Serif 4 and Source Sans 3 lack the mathematical signs and arrows real documents
// use (≥, ≤, ≈, →, ⇒…); Chromium would take them from whatever the machine has. Noto Sans
// Math draws them: it is added to each bundled family as one more @font-face whose
// unicode-range holds only what that family lacks, so every style sheet's font stacks
// keep working unchanged. What neither has is reported before printing (glyph-check.ts).

export const fallbackFace = {
  packageName: '@fontsource/noto-sans-math',
  /** The font file without its extension (`.woff2` is printed, `.woff` is read for coverage). */
  file: 'files/noto-sans-math-latin-400-normal',
};

interface FaceStyle {
  family: string;
  style: string;
  weight: string;
  /** The WOFF 1 file beside the sheet's WOFF 2, whose cmap says what the face draws. */
  woff: string;
}

/** Each @font-face of the bundled sheets: family, style, weight and font file. */
export function bundledFaceStyles(): FaceStyle[] {
  return bundledFaces.flatMap(({ packageName, sheets }) => {
    const folder = packageFolder(packageName);
    return sheets.flatMap((sheet) =>
      [...readFileSync(path.join(folder, sheet), 'utf8').matchAll(/@font-face\s*{([^}]*)}/g)].map(
        ([, rule = '']) => ({
          family: /font-family:\s*'([^']+)'/.exec(rule)?.[1] ?? '',
          style: /font-style:\s*(\w+)/.exec(rule)?.[1] ?? 'normal',
          weight: /font-weight:\s*(\d+)/.exec(rule)?.[1] ?? '400',
          woff: path.join(folder, /url\(\.\/(files\/[^)]+\.woff)\)/.exec(rule)?.[1] ?? ''),
        }),
      ),
    );
  });
}

/** The code points each bundled family draws, and those the fallback face adds. */
export function coverage(): { families: Map<string, Set<number>>; fallback: Set<number> } {
  coverageCache ??= {
    families: bundledFaceStyles().reduce((families, face) => {
      const covered = families.get(face.family) ?? new Set<number>();
      for (const c of fileCoverage(face.woff)) covered.add(c);
      return families.set(face.family, covered);
    }, new Map<string, Set<number>>()),
    fallback: woffCoverage(
      path.join(packageFolder(fallbackFace.packageName), `${fallbackFace.file}.woff`),
    ),
  };
  return coverageCache;
}
let coverageCache: ReturnType<typeof coverage> | undefined;

/** `U+a-b` ranges of a set of code points. */
function formatUnicodeRange(points: Iterable<number>): string {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    ranges.push(
      i === j ? `U+${hex(sorted[i] ?? 0)}` : `U+${hex(sorted[i] ?? 0)}-${hex(sorted[j] ?? 0)}`,
    );
    i = j + 1;
  }
  return ranges.join(', ');
}

/**
 * Noto Sans Math under each bundled family's name, one rule per style and weight, its
 * `unicode-range` what that family does not draw.
 */
function fallbackFaceCss(url: (absolutePath: string) => string): string {
  const { families, fallback } = coverage();
  const src = url(path.join(packageFolder(fallbackFace.packageName), `${fallbackFace.file}.woff2`));
  const seen = new Set<string>();
  return bundledFaceStyles()
    .filter((face) => {
      const key = `${face.family}/${face.style}/${face.weight}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .map((face) => {
      const own = families.get(face.family) ?? new Set<number>();
      const range = formatUnicodeRange([...fallback].filter((c) => !own.has(c) && c > 0x20));
      return `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; font-display: block; src: url("${src}") format('woff2'); unicode-range: ${range}; }`;
    })
    .join('\n');
}
