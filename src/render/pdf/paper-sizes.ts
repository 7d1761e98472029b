/**
 * Paper sizes and page geometry: the one table of the papers an edition may name (portrait,
 * in the unit their standard gives them), custom sizes, and the margins of each. An
 * edition's page rules (print-page.ts), its running heads (running-heads.ts) and its side
 * notes follow the geometry decided here; the page script that hyphenates
 * (line-end-hyphens.browser.js) is given the table to measure the page area of whatever
 * size a project's stylesheet names.
 */
import type { EditionConfig } from '../../config/schema.ts';

export interface PaperSize {
  width: number;
  height: number;
  unit: 'mm' | 'in';
}

/** The papers an edition's `paper` may name, with the label publishers know them by. */
export const namedPapers = {
  a4: { width: 210, height: 297, unit: 'mm', label: 'A4', keyword: 'A4' },
  a5: { width: 148, height: 210, unit: 'mm', label: 'A5', keyword: 'A5' },
  b5: { width: 176, height: 250, unit: 'mm', label: 'B5', keyword: 'B5' },
  'jis-b5': { width: 182, height: 257, unit: 'mm', label: 'JIS B5', keyword: 'JIS-B5' },
  letter: { width: 8.5, height: 11, unit: 'in', label: 'US Letter', keyword: 'letter' },
  legal: { width: 8.5, height: 14, unit: 'in', label: 'US Legal', keyword: 'legal' },
  // The trade paperback sizes of US and UK publishing (no CSS keyword names them).
  'us-trade': { width: 6, height: 9, unit: 'in', label: '6 × 9 in', keyword: undefined },
  '6x9in': { width: 6, height: 9, unit: 'in', label: '6 × 9 in', keyword: undefined },
  digest: { width: 5.5, height: 8.5, unit: 'in', label: '5.5 × 8.5 in', keyword: undefined },
  royal: { width: 156, height: 234, unit: 'mm', label: 'Royal (156 × 234 mm)', keyword: undefined },
} as const satisfies Record<string, PaperSize & { label: string; keyword: string | undefined }>;

export type PaperName = keyof typeof namedPapers;
export const paperNames = Object.keys(namedPapers) as [PaperName, ...PaperName[]];

/** Every size CSS names with a keyword, for the hyphenation script's reading of `@page { size }`. */
export const paperSizes: Record<string, PaperSize> = {
  ...Object.fromEntries(
    Object.values(namedPapers).flatMap((p) =>
      p.keyword
        ? [[p.keyword.toLowerCase(), { width: p.width, height: p.height, unit: p.unit }]]
        : [],
    ),
  ),
  a3: { width: 297, height: 420, unit: 'mm' },
  b4: { width: 250, height: 353, unit: 'mm' },
  'jis-b4': { width: 257, height: 364, unit: 'mm' },
  ledger: { width: 11, height: 17, unit: 'in' },
};

/** A CSS length the config may give (`148mm`, `1.5cm`, `6in`, `12pt`), in millimetres. */
export const lengthPattern = /^(\d+(?:\.\d+)?)(mm|cm|in|pt)$/;
const mmPer = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72 } as const;

export function millimetres(length: string): number {
  const [, value = '0', unit = 'mm'] = lengthPattern.exec(length.trim()) ?? [];
  return Number(value) * mmPer[unit as keyof typeof mmPer];
}

export interface Margins {
  top: number;
  bottom: number;
  /** Beside the spine: left on a right-hand page, right on a left-hand page. */
  inner: number;
  outer: number;
}

/** What an edition's print pages measure, in millimetres, and how CSS names them. */
export interface PageGeometry {
  /** `a5`, or `custom` for a `{ width, height }` paper. */
  name: string;
  /** How people name the paper: `A5`, `6 × 9 in`, `140 × 216 mm`. */
  label: string;
  /** The `@page` `size` value. */
  size: string;
  width: number;
  height: number;
  margins: Margins;
  /** Whether the page is Folio's default (A4 or Letter with print.css's own margins). */
  isDefault: boolean;
}

/** Print.css's margins, kept for A4 and Letter; other papers scale them (below). */
const a4Margins: Margins = { top: 24, bottom: 26, inner: 28, outer: 20 };

const half = (mm: number) => Math.round(mm * 2) / 2;

export function editionGeometry(edition: Pick<EditionConfig, 'paper' | 'margins'>): PageGeometry {
  const paper = edition.paper;
  let name: string;
  let label: string;
  let size: string;
  let width: number;
  let height: number;
  if (typeof paper === 'string') {
    const named = namedPapers[paper];
    const unit = mmPer[named.unit];
    name = paper;
    label = named.label;
    width = named.width * unit;
    height = named.height * unit;
    size = named.keyword ?? `${named.width}${named.unit} ${named.height}${named.unit}`;
  } else {
    name = 'custom';
    width = millimetres(paper.width);
    height = millimetres(paper.height);
    label = `${Math.round(width)} × ${Math.round(height)} mm`;
    size = `${paper.width} ${paper.height}`;
  }
  // A smaller page keeps A4's proportions of margin to page: a 6 × 9 in book gets about
  // 20 mm inner and 14.5 mm outer, not A4's 28 and 20 on a page 152 mm wide.
  const keepsA4 = name === 'a4' || name === 'letter';
  const across = width / 210;
  const down = height / 297;
  const scaled: Margins = keepsA4
    ? a4Margins
    : {
        top: half(a4Margins.top * down),
        bottom: half(a4Margins.bottom * down),
        inner: half(a4Margins.inner * across),
        outer: half(a4Margins.outer * across),
      };
  const given = edition.margins ?? {};
  const margins: Margins = {
    top: given.top ? millimetres(given.top) : scaled.top,
    bottom: given.bottom ? millimetres(given.bottom) : scaled.bottom,
    inner: given.inner ? millimetres(given.inner) : scaled.inner,
    outer: given.outer ? millimetres(given.outer) : scaled.outer,
  };
  return {
    name,
    label,
    size,
    width,
    height,
    margins,
    isDefault: keepsA4 && Object.keys(given).length === 0,
  };
}

/** The width and height of the page area (the text block), in millimetres. */
export function textBlock(geometry: PageGeometry): { width: number; height: number } {
  const { width, height, margins } = geometry;
  return {
    width: width - margins.inner - margins.outer,
    height: height - margins.top - margins.bottom,
  };
}

/** A length in millimetres as CSS. */
export function mm(value: number): string {
  return `${Number(value.toFixed(2))}mm`;
}
