/**
 * The glossary of an edition: every entry of the project glossary that the edition's
 * documents use, alphabetically, with its definition (Markdown), related terms, and links
 * back to where it is used, grouped by document.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { capitalized, localeFor } from '../locale/locale.ts';
import type { GlossaryEntry } from '../model/glossary.ts';
import { glossaryEntryId, glossaryId } from '../model/ids.ts';
import type { IndexLocator, Registry } from '../model/registry.ts';
import { locatorsByDocument } from './book-index.ts';
import type { LocatorStyle } from './locators.ts';

const definitionProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkRehype);

/** The glossary entries an edition uses, each with where it is used. */
export type GlossaryUses = Array<{ entry: GlossaryEntry; uses: IndexLocator[] }>;

export interface GlossaryRenderOptions {
  registry: Registry;
  documentIds: readonly string[];
  style: LocatorStyle;
  /** The edition's language: its words and its collation. */
  language: string;
}

/** The entries the edition uses, with their uses, in the order of the edition's language. */
export function glossaryUses(
  registry: Registry,
  documentIds: readonly string[],
  annotated = false,
  language = 'en',
): GlossaryUses {
  const { collator } = localeFor(language);
  const inEdition = new Set(documentIds);
  const uses = new Map<string, IndexLocator[]>();
  for (const use of registry.termUses) {
    if (!inEdition.has(use.documentId) || (use.annotation && !annotated)) continue;
    let locators = uses.get(use.termId);
    if (!locators) {
      locators = [];
      uses.set(use.termId, locators);
    }
    locators.push({ documentId: use.documentId, anchor: use.anchor, section: use.section });
  }
  return [...registry.glossary.values()]
    .filter((entry) => uses.has(entry.id))
    .sort((a, b) => collator.compare(a.term, b.term) || a.term.localeCompare(b.term, language))
    .map((entry) => ({ entry, uses: uses.get(entry.id) ?? [] }));
}

/** The glossary of the entries in `used` (as `glossaryUses` gives them for the edition). */
export function renderGlossary(used: GlossaryUses, options: GlossaryRenderOptions): Element {
  const usedIds = new Set(used.map((u) => u.entry.id));
  const { words } = localeFor(options.language);
  return h(
    'section.glossary.back-matter',
    {
      id: glossaryId,
      role: 'doc-glossary',
      'epub:type': 'glossary',
      ariaLabelledBy: 'glossary-title',
    },
    [
      h('h1#glossary-title', words.glossary),
      h(
        'dl.glossary-entries',
        used.flatMap(({ entry, uses }) => [
          h('dt.glossary-term', { id: glossaryEntryId(entry.id), 'epub:type': 'glossterm' }, [
            h('dfn', entry.term),
            ...(entry.abbreviation
              ? [
                  { type: 'text', value: ' ' } as ElementContent,
                  h('abbr.glossary-abbr', { title: entry.term }, `(${entry.abbreviation})`),
                ]
              : []),
          ]),
          h('dd.glossary-definition', { 'epub:type': 'glossdef' }, [
            ...definition(entry),
            ...related(entry, options, usedIds),
            h('p.glossary-uses', [
              h('span.glossary-uses-label', `${words.usedIn}${words.wordSpace}`),
              ...withoutIndexSemantics(locatorsByDocument(uses, options)),
            ]),
          ]),
        ]),
      ),
    ],
  );
}

/** Definitions turned into HTML, by entry: the project's entries are new on every load. */
const definitions = new WeakMap<GlossaryEntry, Element[]>();

/**
 * The entry's definition as HTML. The print loop assembles an edition several times, so
 * each definition is parsed once and every caller gets a copy it may change.
 */
function definition(entry: GlossaryEntry): ElementContent[] {
  let html = definitions.get(entry);
  if (!html) {
    // The tree the load step checked (src/load/glossary-definitions.ts), else the text.
    const tree = definitionProcessor.runSync(
      structuredClone(entry.definitionTree) ?? definitionProcessor.parse(entry.definition),
    ) as HastRoot;
    html = tree.children.filter((n): n is Element => n.type === 'element');
    definitions.set(entry, html);
  }
  return structuredClone(html);
}

/**
 * The locators of "Used in" are the index's, whose EPUB Indexes semantics (`index-locator`,
 * `index-locator-range`) are allowed inside an index only: the glossary keeps the links.
 */
function withoutIndexSemantics(content: ElementContent[]): ElementContent[] {
  for (const node of content) {
    visit(node, 'element', (element: Element) => {
      const type = element.properties['epub:type'];
      if (typeof type === 'string' && type.startsWith('index-'))
        delete element.properties['epub:type'];
    });
  }
  return content;
}

/** "See also" names only the related entries this edition's glossary holds. */
function related(
  entry: GlossaryEntry,
  options: GlossaryRenderOptions,
  usedIds: Set<string>,
): ElementContent[] {
  const { words } = localeFor(options.language);
  const terms = entry.related
    .map((id) => options.registry.glossary.get(id))
    .filter((e): e is GlossaryEntry => e !== undefined && usedIds.has(e.id));
  if (terms.length === 0) return [];
  const links = terms.map((term) => h('a', { href: `#${glossaryEntryId(term.id)}` }, term.term));
  return [
    h('p.glossary-related', [
      h('em', capitalized(words.seeAlso, options.language)),
      { type: 'text', value: words.wordSpace },
      ...links.flatMap((l, i) =>
        i === 0 ? [l] : [{ type: 'text', value: words.listSeparator } as ElementContent, l],
      ),
    ]),
  ];
}
