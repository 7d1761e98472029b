/**
 * Links across chapter files. The assembled edition is one page, so its cross-references,
 * glossary links and index locators are bare fragments (`#cae-2016--b-12`); once the
 * edition is cut into chapters each must name the file that holds its target.
 */
import type { Element, ElementContent } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { warn } from '../../diagnostics/messages.ts';
import { visitWithSourceFile } from '../../model/source-file.ts';
import { decodeUrlComponent } from '../../model/url-escapes.ts';

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

/** A link whose target no chapter holds, and the file it was written in (if any). */
export interface UnresolvedLink {
  id: string;
  element: Element;
  /** The manuscript or annotation file; none for generated links (contents, index). */
  file?: VFile;
}

/**
 * Rewrites each `href="#id"` to `file.xhtml#id` for the file that holds `id`; returns the
 * links whose target no chapter holds (left as they were), each with the file among
 * `sources` (the project's files) it was written in.
 */
export function rewriteLinks(
  chapters: readonly Located[],
  files: ReadonlyMap<string, string>,
  sources: readonly VFile[] = [],
): UnresolvedLink[] {
  const missing: UnresolvedLink[] = [];
  for (const chapter of chapters) {
    for (const node of chapter.content) {
      visitWithSourceFile(node, sources, (element, writtenIn) => {
        const href = element.properties.href;
        if (typeof href !== 'string' || !href.startsWith('#')) return;
        const id = decodeFragment(href.slice(1));
        const file = files.get(id);
        if (file) element.properties.href = `${file}#${href.slice(1)}`;
        else missing.push({ id, element, ...(writtenIn ? { file: writtenIn } : {}) });
      });
    }
  }
  return missing;
}

/**
 * Reports each unresolved link: a written one at its place in the file it was written
 * in, a generated one once per id on `fallback` (the edition's first manuscript).
 */
export function reportUnresolvedLinks(
  links: readonly UnresolvedLink[],
  fallback: VFile | undefined,
): void {
  const generated = new Set<string>();
  for (const link of links) {
    if (!link.file && generated.has(link.id)) continue;
    if (!link.file) generated.add(link.id);
    const file = link.file ?? fallback;
    if (!file) continue;
    warn(file, `No element has the id \`${link.id}\` that a link in the EPUB points to`, {
      place: link.file ? link.element.position : undefined,
      ruleId: 'epub:unresolved-link',
    });
  }
}

function decodeFragment(fragment: string): string {
  return decodeUrlComponent(fragment) ?? fragment;
}
