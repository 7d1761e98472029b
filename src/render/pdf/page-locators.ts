/**
 * Locators for print: page numbers. Before the first measurement each slot holds a
 * placeholder of the final width (`000`, tabular figures) so filling it barely moves the
 * text. Locators are per use, merged per page: pages are deduplicated, consecutive pages
 * collapse into ranges (12–14), a range mark prints its first and last page, and every
 * number links to the spot it stands for (a range's last number to where it ends, so the
 * PDF holds a destination for both ends). A use whose page was not measured prints no
 * number; the print report names it at its Markdown place.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { joinWithCommas, type LocatorStyle, locatorLink } from '../../assemble/locators.ts';
import { type PageLookup, pagePlaceholder } from '../../assemble/print-inputs.ts';
import type { IndexLocator } from '../../model/registry.ts';

interface Span {
  first: number;
  last: number;
  anchor: string;
  /** The spot on the last page (a range's end, or the last use of a run of pages). */
  lastAnchor: string;
  major: boolean;
}

export function pageLocators(lookup: PageLookup | undefined): LocatorStyle {
  return {
    render(locators: readonly IndexLocator[]): ElementContent[] {
      if (!lookup) {
        // Unmeasured: one placeholder per distinct section approximates the final count.
        const sections = new Map<string, IndexLocator>();
        for (const l of locators)
          if (!sections.has(l.section ?? l.anchor)) sections.set(l.section ?? l.anchor, l);
        return joinWithCommas(
          [...sections.values()].map((l) =>
            locatorLink(l.anchor, pagePlaceholder, Boolean(l.major)),
          ),
        );
      }
      const spans: Span[] = [];
      for (const locator of locators) {
        const first = lookup.page(locator.anchor);
        if (first === undefined) continue;
        const end = locator.endAnchor ? lookup.page(locator.endAnchor) : undefined;
        const last = end !== undefined && end > first ? end : first;
        spans.push({
          first,
          last,
          anchor: locator.anchor,
          lastAnchor: last > first && locator.endAnchor ? locator.endAnchor : locator.anchor,
          major: Boolean(locator.major),
        });
      }
      return joinWithCommas(merge(spans).map((span) => spanLocator(span, lookup)));
    },
    contentsPage(anchor: string) {
      const page = lookup?.page(anchor);
      return h('span.page-ref', page === undefined ? pagePlaceholder : lookup?.label(page));
    },
  };
}

/** Sorted, with overlapping and adjacent pages joined into one span. */
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.first - b.first || b.last - a.last);
  const merged: Span[] = [];
  for (const span of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && span.first <= previous.last + 1) {
      if (span.last > previous.last) {
        previous.last = span.last;
        previous.lastAnchor = span.lastAnchor;
      }
      previous.major ||= span.major;
    } else merged.push({ ...span });
  }
  return merged;
}

/**
 * One page, or a range of pages as EPUB Indexes' `index-locator-range`: two locators, the
 * first page linked to the start, the last to the spot on the last page.
 */
function spanLocator(span: Span, lookup: PageLookup): ElementContent {
  if (span.last <= span.first)
    return locatorLink(span.anchor, lookup.label(span.first), span.major);
  const range = h('span.locator-range', { 'epub:type': 'index-locator-range' }, [
    locatorLink(span.anchor, lookup.label(span.first)),
    { type: 'text', value: '\u2013' },
    locatorLink(span.lastAnchor, lookup.label(span.last)),
  ]);
  return span.major ? h('strong', range) : range;
}
