/**
 * Locators for print: page numbers. Before the first measurement each slot holds a
 * placeholder of the final width (`000`, tabular figures) so filling it barely moves the
 * text. Pages are deduplicated, consecutive pages collapse into ranges (12–14), a range
 * mark prints its first and last page, and every number links to the spot it stands for.
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
        const last = (locator.endAnchor && lookup.page(locator.endAnchor)) || first;
        spans.push({
          first,
          last: Math.max(first, last),
          anchor: locator.anchor,
          major: Boolean(locator.major),
        });
      }
      return joinWithCommas(
        merge(spans).map((span) => locatorLink(span.anchor, rangeText(span, lookup), span.major)),
      );
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
      previous.last = Math.max(previous.last, span.last);
      previous.major ||= span.major;
    } else merged.push({ ...span });
  }
  return merged;
}

function rangeText(span: Span, lookup: PageLookup): string {
  const first = lookup.label(span.first);
  return span.last > span.first ? `${first}\u2013${lookup.label(span.last)}` : first;
}
