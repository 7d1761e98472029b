/**
 * How locators read. A locator points to a spot in a document (an index mark, a glossary
 * use, a cross-reference target). Reflowable editions (HTML, EPUB) name the section the
 * spot is in and link to the spot; the print renderer supplies a page-based style.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { wordsFor } from '../locale/locale.ts';
import { documentStartKey } from '../model/ids.ts';
import type { IndexLocator, Registry, SectionRecord } from '../model/registry.ts';

export interface LocatorStyle {
  /** One document's locators for one entry, in document order, as comma-separated links. */
  render(locators: readonly IndexLocator[]): ElementContent[];
  /** What follows a contents entry (a page number in print), if anything. */
  contentsPage?(anchor: string): ElementContent | undefined;
}

export function locatorLink(anchor: string, text: string, major = false): ElementContent {
  const link = h(
    'a',
    { href: `#${anchor}`, className: ['locator'], 'epub:type': 'index-locator' },
    text,
  );
  return major ? h('strong', link) : link;
}

export function joinWithCommas(items: ElementContent[]): ElementContent[] {
  return items.flatMap((item, i) =>
    i === 0 ? [item] : [{ type: 'text', value: ', ' } as ElementContent, item],
  );
}

/**
 * Locators that name sections: one per section, linked to the first spot in it. A range
 * reads as the section it starts in, linked to its start (an `index-locator-range` of one
 * locator: reflowable editions have no pages to end it on).
 */
export function sectionLocators(registry: Registry): LocatorStyle {
  const order = new Map([...registry.sections.keys()].map((anchor, i) => [anchor, i]));
  const position = (l: IndexLocator) => (l.section ? (order.get(l.section) ?? -1) : -1);
  return {
    render(locators) {
      const seen = new Map<string, IndexLocator>();
      // Document order: marks and glossary uses arrive from separate lists.
      for (const locator of [...locators].sort((a, b) => position(a) - position(b))) {
        const key = locator.section ?? documentStartKey(locator.documentId);
        const earlier = seen.get(key);
        if (!earlier) seen.set(key, locator);
        else if (locator.major && !earlier.major) seen.set(key, { ...earlier, major: true });
      }
      return joinWithCommas(
        [...seen.values()].map((locator) => {
          const section = locator.section ? registry.sections.get(locator.section) : undefined;
          const language = registry.documents.get(locator.documentId)?.meta.language ?? 'en';
          const text = section ? sectionName(section, registry) : wordsFor(language).opening;
          if (!locator.endAnchor) return locatorLink(locator.anchor, text, locator.major);
          const range = h('span.locator-range', { 'epub:type': 'index-locator-range' }, [
            locatorLink(locator.anchor, text),
          ]);
          return locator.major ? h('strong', range) : range;
        }),
      );
    },
  };
}

/**
 * A section as a locator names it, briefly: "§2.2.1", "ch. II", "ch. II.1" (an item after
 * its chapter's name, in any language), or its title.
 */
function sectionName(section: SectionRecord, registry: Registry): string {
  switch (section.kind) {
    case 'section':
      return `§${section.number}`;
    case 'chapter':
      return (section.refLabel ?? '').replace('Chapter ', 'ch. ');
    case 'item': {
      const parent = section.parent ? registry.sections.get(section.parent) : undefined;
      return parent?.kind === 'chapter' || parent?.kind === 'item'
        ? `${sectionName(parent, registry)}.${section.number}`
        : (section.refLabel ?? section.title);
    }
    default:
      return section.title;
  }
}
