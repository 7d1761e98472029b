/**
 * Links across chapter files. The assembled edition is one page, so its cross-references,
 * glossary links and index locators are bare fragments (`#cae-2016--b-12`); once the
 * edition is cut into chapters each must name the file that holds its target.
 */
import type { Element, ElementContent } from 'hast';
import { visit } from 'unist-util-visit';

export interface Located {
  file: string;
  content: ElementContent[];
}

/** Every element id of every chapter, mapped to the file that holds it. */
export function idFiles(chapters: readonly Located[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const chapter of chapters) {
    for (const node of chapter.content) {
      visit(node, 'element', (element: Element) => {
        const id = element.properties.id;
        if (typeof id === 'string' && !files.has(id)) files.set(id, chapter.file);
      });
    }
  }
  return files;
}

/**
 * Rewrites each `href="#id"` to `file.xhtml#id` for the file that holds `id`; returns the
 * ids that no chapter holds (their links are left as they were).
 */
export function rewriteFragmentLinks(
  chapters: readonly Located[],
  files: ReadonlyMap<string, string>,
): string[] {
  const missing: string[] = [];
  for (const chapter of chapters) {
    for (const node of chapter.content) {
      visit(node, 'element', (element: Element) => {
        const href = element.properties.href;
        if (typeof href !== 'string' || !href.startsWith('#')) return;
        const id = decodeFragment(href.slice(1));
        const file = files.get(id);
        if (file) element.properties.href = `${file}#${href.slice(1)}`;
        else missing.push(id);
      });
    }
  }
  return missing;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
