/**
 * The scripts the print page runs (`*.browser.js` beside this module), read as text so
 * that no build step rewrites them, each after the shared ones it uses: the page area
 * (page-area.browser.js) before the hyphen and footnote scripts that measure at its width.
 */
import { readFileSync } from 'node:fs';
import type { PaperSize } from './paper-sizes.ts';

declare global {
  /** Defined in the print page only, by page-area.browser.js: a right-hand page's area in CSS px. */
  var folioPageArea: (papers: Record<string, PaperSize | undefined>) => {
    width: number;
    height: number;
    top: number;
  };
  /** Defined in the print page only, by page-area.browser.js: lays the document out at a width; returns the undo. */
  var folioLayOutAt: (width: number) => () => void;
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

/** The text of the in-page script `name`, preceded by the page-area script it measures with. */
export function measuringScript(name: 'line-end-hyphens' | 'footnote-areas'): string {
  return `${read('page-area')}\n${read(name)}`;
}
