/**
 * The scripts the print page runs (`*.browser.js` beside this module), read as text so
 * that no build step rewrites them, each after the shared ones it uses: the page area
 * (page-area.browser.js) before the hyphen and footnote scripts that measure at its width.
 */
import { readFileSync } from 'node:fs';
import type { PaperSize } from './paper-sizes.ts';

/** An element wider than the page area (overflow.browser.js). */
export interface WideElement {
  /** The id of the nearest element at or before it that has one (its place). */
  id: string;
  tag: string;
  /** The start of its text. */
  text: string;
  /** How wide it makes the page's layout, in CSS px. */
  width: number;
}

declare global {
  /** Defined in the print page only, by page-area.browser.js: a right-hand page's area in CSS px. */
  var folioPageArea: (papers: Record<string, PaperSize | undefined>) => {
    width: number;
    height: number;
    top: number;
  };
  /** Defined in the print page only, by page-area.browser.js: lays the document out at a width; returns the undo. */
  var folioLayOutAt: (width: number) => () => void;
  /** Defined in the print page only, by page-area.browser.js: holds the document at its page area's width. */
  var folioHoldAtPageArea: (papers: Record<string, PaperSize | undefined>) => void;
  /**
   * The width the document is held at from its load to its print, the page area it was
   * measured from (while nothing else was laid out), and what lets it go.
   */
  var folioHeld:
    | { width: number; area: ReturnType<typeof folioPageArea>; release: () => void }
    | undefined;
  /** Defined in the print page only, by overflow.browser.js (overflow.ts). */
  var folioOverflow: (papers: Record<string, PaperSize | undefined>) => {
    area: number;
    wide: WideElement[];
  };
  /**
   * Defined in the print page only, by overflow.browser.js: the elements wider than the
   * page area in the page laid out in columns (page-columns.browser.js).
   */
  var folioOverflowInColumns: (
    origin: { left: number },
    width: number,
    pitch: number,
  ) => WideElement[];
}

const scripts = new Map<string, string>();

function read(name: string): string {
  let text = scripts.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./${name}.browser.js`, import.meta.url), 'utf8');
    scripts.set(name, text);
  }
  return text;
}

/** The page-area script alone (page-area.browser.js). */
export function pageAreaScript(): string {
  return read('page-area');
}

/**
 * The text of the in-page script `name`, preceded by the page-area script it measures
 * with (and the column layout by the overflow script: it looks for wide elements too).
 */
export function measuringScript(
  name: 'line-end-hyphens' | 'footnote-areas' | 'overflow' | 'page-columns',
): string {
  const before = name === 'page-columns' ? ['page-area', 'overflow'] : ['page-area'];
  return [...before, name].map(read).join('\n');
}
