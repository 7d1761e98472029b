/**
 * The glossary of an edition: every entry of the project glossary that the edition's
 * documents use, alphabetically, with its definition (Markdown), related terms, and links
 * back to where it is used, grouped by document.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { GlossaryEntry } from '../model/glossary.ts';
import type { IndexLocator, Registry } from '../model/registry.ts';
import { glossaryAnchor } from '../plugins/remark-collect-terms.ts';
import { locatorsByDocument } from './book-index.ts';
import type { LocatorStyle } from './locators.ts';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const definitionProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype);

export interface GlossaryRenderOptions {
  registry: Registry;
  documentIds: readonly string[];
  style: LocatorStyle;
  /** Uses in the annotations' notes count too. */
  annotated?: boolean;
}

/** The entries the edition uses, with their uses, alphabetically. */
export function glossaryUses(
  registry: Registry,
  documentIds: readonly string[],
  annotated = false,
): Array<{ entry: GlossaryEntry; uses: IndexLocator[] }> {
  const inEdition = new Set(documentIds);
  const uses = new Map<string, IndexLocator[]>();
  for (const use of registry.termUses) {
    if (!inEdition.has(use.documentId) || (use.annotation && !annotated)) continue;
    uses.set(use.termId, [
      ...(uses.get(use.termId) ?? []),
      { documentId: use.documentId, anchor: use.anchor, section: use.section },
    ]);
  }
  return [...registry.glossary.values()]
    .filter((entry) => uses.has(entry.id))
    .sort((a, b) => collator.compare(a.term, b.term))
    .map((entry) => ({ entry, uses: uses.get(entry.id) ?? [] }));
}

export function renderGlossary(options: GlossaryRenderOptions): Element {
  const used = glossaryUses(options.registry, options.documentIds, options.annotated);
  const usedIds = new Set(used.map((u) => u.entry.id));
  return h(
    'section.glossary.back-matter',
    {
      id: 'glossary',
      role: 'doc-glossary',
      'epub:type': 'glossary',
      ariaLabelledBy: 'glossary-title',
    },
    [
      h('h1#glossary-title', 'Glossary'),
      h(
        'dl.glossary-entries',
        used.flatMap(({ entry, uses }) => [
          h('dt.glossary-term', { id: glossaryAnchor(entry), 'epub:type': 'glossterm' }, [
            h('dfn', entry.term),
            ...(entry.abbreviation
              ? [
                  { type: 'text', value: ' ' } as ElementContent,
                  h('abbr.glossary-abbr', { title: entry.term }, `(${entry.abbreviation})`),
                ]
              : []),
          ]),
          h('dd.glossary-definition', { 'epub:type': 'glossdef' }, [
            ...definition(entry.definition),
            ...related(entry, options.registry, usedIds),
            h('p.glossary-uses', [
              h('span.glossary-uses-label', 'Used in '),
              ...locatorsByDocument(uses, options),
            ]),
          ]),
        ]),
      ),
    ],
  );
}

function definition(markdown: string): ElementContent[] {
  const tree = definitionProcessor.runSync(definitionProcessor.parse(markdown)) as HastRoot;
  return tree.children.filter((n): n is Element => n.type === 'element');
}

function related(entry: GlossaryEntry, registry: Registry, usedIds: Set<string>): ElementContent[] {
  const terms = entry.related
    .map((id) => registry.glossary.get(id))
    .filter((e): e is GlossaryEntry => e !== undefined);
  if (terms.length === 0) return [];
  const links = terms.map((term) =>
    usedIds.has(term.id)
      ? h('a', { href: `#${glossaryAnchor(term)}` }, term.term)
      : h('span', term.term),
  );
  return [
    h('p.glossary-related', [
      h('em', 'See also'),
      { type: 'text', value: ' ' },
      ...links.flatMap((l, i) =>
        i === 0 ? [l] : [{ type: 'text', value: ', ' } as ElementContent, l],
      ),
    ]),
  ];
}
