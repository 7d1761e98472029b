/**
 * Checks of the apparatus read back from an edition's outputs, shared by the fixture and
 * the repository's editions: every locator the index and the glossary print in the PDF
 * (each use on its page, ranges to their end page, per document, merged per page), the
 * page numbers of cross-references, and the EPUB page-list against the PDF's pages.
 */
import { readFileSync } from 'node:fs';
import type { Registry } from '../../src/model/registry.ts';
import type { OpenedEpub } from '../epub/epub-helpers.ts';
import { navHrefs } from '../epub/epub-helpers.ts';
import { normalise, type ReadPdf } from '../helpers/pdf.ts';

/** One use as a locator: which printed group it belongs to and where it starts and ends. */
interface Use {
  group: string;
  anchor: string;
  endAnchor?: string;
}

/** The index's uses: marks and indexed glossary uses, grouped by entry, subentry and document. */
export function indexUses(registry: Registry, documentIds: readonly string[]): Use[] {
  const shown = new Set(documentIds);
  const uses: Use[] = [];
  for (const mark of registry.indexMarks) {
    if (!shown.has(mark.documentId) || mark.annotation) continue;
    uses.push({
      group: `${mark.term.toLowerCase()}|${mark.sub?.toLowerCase() ?? ''}|${mark.documentId}`,
      anchor: mark.anchor,
      endAnchor: mark.endAnchor,
    });
  }
  for (const use of registry.termUses) {
    const entry = registry.glossary.get(use.termId);
    if (!entry?.index || !shown.has(use.documentId) || use.annotation) continue;
    uses.push({ group: `${entry.term.toLowerCase()}||${use.documentId}`, anchor: use.anchor });
  }
  return uses;
}

/** The glossary's uses ("Used in"), grouped by entry and document. */
export function glossaryUses(registry: Registry, documentIds: readonly string[]): Use[] {
  const shown = new Set(documentIds);
  return registry.termUses
    .filter((use) => shown.has(use.documentId) && !use.annotation)
    .map((use) => ({ group: `${use.termId}|${use.documentId}`, anchor: use.anchor }));
}

export interface LocatorCheck {
  /** Uses checked. */
  uses: number;
  /** Page numbers printed (links read back). */
  printed: number;
  /** Uses whose page the PDF has no destination for. */
  unmeasured: string[];
  /** Per group, the numbers expected (merged per page) against those printed. */
  mismatches: Array<{ group: string; expected: string[]; printed: string[] }>;
  /** Printed numbers that are not the label of the page they link to. */
  wrongLinks: Array<{ dest: string; text: string; page: string }>;
}

/**
 * Reads every locator the pages `from`…`to` print back and compares them with the uses:
 * per group, the pages of all uses (a range covering its pages to the end), merged per page
 * and collapsed into runs, must be exactly the numbers printed; each number must be the
 * label of the page its link leads to.
 */
export function checkLocators(
  pdf: ReadPdf,
  uses: readonly Use[],
  from: number,
  to: number,
): LocatorCheck {
  const label = (page: number) => pdf.pages[page - 1]?.label ?? String(page);
  const groupOf = new Map<string, string>();
  const spans = new Map<string, Array<{ first: number; last: number }>>();
  const unmeasured: string[] = [];
  for (const use of uses) {
    groupOf.set(use.anchor, use.group);
    if (use.endAnchor) groupOf.set(use.endAnchor, use.group);
    const first = pdf.destinations.get(use.anchor);
    if (first === undefined) {
      unmeasured.push(use.anchor);
      continue;
    }
    const end = use.endAnchor ? pdf.destinations.get(use.endAnchor) : first;
    if (end === undefined) unmeasured.push(use.endAnchor ?? use.anchor);
    const list = spans.get(use.group) ?? [];
    list.push({ first, last: Math.max(first, end ?? first) });
    spans.set(use.group, list);
  }
  const expected = new Map<string, string[]>();
  for (const [group, list] of spans) {
    const merged: Array<{ first: number; last: number }> = [];
    for (const span of [...list].sort((a, b) => a.first - b.first || b.last - a.last)) {
      const previous = merged[merged.length - 1];
      if (previous && span.first <= previous.last + 1)
        previous.last = Math.max(previous.last, span.last);
      else merged.push({ ...span });
    }
    expected.set(
      group,
      merged.flatMap((s) =>
        s.last > s.first ? [label(s.first), label(s.last)] : [label(s.first)],
      ),
    );
  }
  const printed = new Map<string, string[]>();
  const wrongLinks: LocatorCheck['wrongLinks'] = [];
  let count = 0;
  for (const page of pdf.pages.slice(from - 1, to)) {
    for (const link of page.links) {
      const group = groupOf.get(decodeURIComponent(link.dest));
      if (!group) continue;
      count += 1;
      const list = printed.get(group) ?? [];
      list.push(link.text);
      printed.set(group, list);
      const target = pdf.destinations.get(link.dest);
      if (target === undefined || label(target) !== link.text)
        wrongLinks.push({ dest: link.dest, text: link.text, page: target ? label(target) : '?' });
    }
  }
  const mismatches: LocatorCheck['mismatches'] = [];
  for (const group of new Set([...expected.keys(), ...printed.keys()])) {
    const want = [...(expected.get(group) ?? [])].sort();
    const got = [...(printed.get(group) ?? [])].sort();
    if (want.join(',') !== got.join(',')) mismatches.push({ group, expected: want, printed: got });
  }
  return { uses: uses.length, printed: count, unmeasured, mismatches, wrongLinks };
}

export interface PageListCheck {
  /** Labels of the PDF's pages, in order. */
  pdfLabels: string[];
  /** Labels of the page-list, in order. */
  listLabels: string[];
  /** Entries whose marker is not followed by text of that PDF page (or a blank page that is not blank). */
  disagreements: Array<{ label: string; words: string }>;
}

/** The text after a marker in its chapter, without tags: what the print page begins with. */
function wordsAfter(xhtml: string, id: string, upToLocator: boolean): string | undefined {
  const at = xhtml.indexOf(`id="${id}"`);
  if (at < 0) return undefined;
  const rest = xhtml
    .slice(at)
    .replace(/^[^>]*>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
  const words = normalise(rest).split(' ').filter(Boolean).slice(0, 4);
  // In the index, the EPUB's locators name sections where the PDF prints pages: the words
  // up to the first locator are what both print.
  const locator = upToLocator ? words.findIndex((w) => /\d/.test(w)) : -1;
  return (locator >= 0 ? words.slice(0, locator) : words).join(' ');
}

/**
 * The page-list both ways: its labels are the PDF's, page for page; each marker stands
 * before words that the PDF page of that label holds (a blank page's marker, before a part,
 * where the PDF page is blank).
 */
export async function checkPageList(pdf: ReadPdf, epub: OpenedEpub): Promise<PageListCheck> {
  const entries = (await navHrefs(epub, 'page-list')).map((a) => {
    const [file = '', id = ''] = String(a.attributes.href).split('#');
    const text = a.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
    return { file, id, label: text };
  });
  const disagreements: PageListCheck['disagreements'] = [];
  const texts = new Map<string, string>();
  for (const entry of entries) {
    const page = pdf.pages.find((p) => p.label === entry.label);
    const pageText = normalise(page?.text ?? '');
    if (!texts.has(entry.file)) texts.set(entry.file, await epub.text(`OEBPS/${entry.file}`));
    const words =
      wordsAfter(texts.get(entry.file) ?? '', entry.id, entry.file === 'index.xhtml') ?? '';
    // The EPUB's cover is an image (no words): its markers stand for the print cover and its back.
    const cover = entry.file === 'cover.xhtml' && words === '';
    const agrees = cover || pageText === '' || (words !== '' && pageText.includes(words));
    if (!page || !agrees) disagreements.push({ label: entry.label, words });
  }
  return {
    pdfLabels: pdf.pages.map((p) => p.label),
    listLabels: entries.map((e) => e.label),
    disagreements,
  };
}

/** The PDF as bytes. */
export const pdfBytes = (file: string) => new Uint8Array(readFileSync(file));
