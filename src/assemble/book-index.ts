/**
 * The back-of-book index of an edition, built from the registry: index marks, glossary
 * uses (terms are indexed automatically), and `see` / `see also` references, grouped by
 * letter and sorted, with subentries, as the edition's language sorts and groups
 * (src/locale/index-letters.ts). Locators are grouped by document when the edition
 * holds more than one, and read as the locator style says (sections, or pages in print).
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { indexLetter, symbolsLetter } from '../locale/index-letters.ts';
import { capitalized, localeFor } from '../locale/locale.ts';
import { indexEntryId, indexId } from '../model/ids.ts';
import type { IndexLocator, Registry } from '../model/registry.ts';
import type { LocatorStyle } from './locators.ts';

export interface IndexEntry {
  term: string;
  id: string;
  locators: IndexLocator[];
  subentries: Map<string, { term: string; locators: IndexLocator[] }>;
  see: Set<string>;
  seeAlso: Set<string>;
}

/**
 * The index of the documents in `documentIds`, sorted as `language` sorts; with
 * `annotated`, the marks and terms in the annotations' notes count too.
 */
export function buildIndex(
  registry: Registry,
  documentIds: readonly string[],
  annotated = false,
  language = 'en',
): IndexEntry[] {
  const { collator } = localeFor(language);
  const inEdition = new Set(documentIds);
  const shown = (record: { annotation?: string }) => annotated || record.annotation === undefined;
  const entries = new Map<string, IndexEntry>();
  const entry = (term: string): IndexEntry => {
    const key = term.toLowerCase();
    let found = entries.get(key);
    if (!found) {
      found = {
        term,
        id: indexEntryId(term),
        locators: [],
        subentries: new Map(),
        see: new Set(),
        seeAlso: new Set(),
      };
      entries.set(key, found);
    }
    return found;
  };
  const add = (term: string, sub: string | undefined, locator: IndexLocator) => {
    const main = entry(term);
    if (!sub) {
      main.locators.push(locator);
      return;
    }
    const key = sub.toLowerCase();
    const subentry = main.subentries.get(key) ?? { term: sub, locators: [] };
    subentry.locators.push(locator);
    main.subentries.set(key, subentry);
  };

  for (const mark of registry.indexMarks) {
    if (inEdition.has(mark.documentId) && shown(mark)) add(mark.term, mark.sub, mark);
  }
  for (const use of registry.termUses) {
    const glossaryEntry = registry.glossary.get(use.termId);
    if (!glossaryEntry?.index || !inEdition.has(use.documentId) || !shown(use)) continue;
    add(glossaryEntry.term, undefined, {
      documentId: use.documentId,
      anchor: use.anchor,
      section: use.section,
    });
  }
  for (const glossaryEntry of registry.glossary.values()) {
    const abbreviation = glossaryEntry.abbreviation;
    if (!glossaryEntry.index || !abbreviation || !entries.has(glossaryEntry.term.toLowerCase()))
      continue;
    if (!entries.has(abbreviation.toLowerCase())) entry(abbreviation).see.add(glossaryEntry.term);
  }
  for (const ref of registry.indexRefs) {
    if (!shown(ref)) continue;
    const target = entries.get(ref.target.toLowerCase());
    if (!target) continue;
    const source = entry(ref.term);
    (ref.kind === 'see' ? source.see : source.seeAlso).add(target.term);
  }
  // An entry with no locators and no references (its marks are in other documents) goes.
  for (const [key, value] of entries) {
    const empty =
      value.locators.length === 0 && value.subentries.size === 0 && value.see.size === 0;
    if (empty) entries.delete(key);
  }
  for (const value of entries.values()) {
    for (const target of [...value.see, ...value.seeAlso]) {
      if (!entries.has(target.toLowerCase())) {
        value.see.delete(target);
        value.seeAlso.delete(target);
      }
    }
  }
  // By letter group first, so that a group holds all its terms: in Chinese, "OWASP" and
  // 欧 words are both under O, though the collation puts every Han term before Latin ones.
  const letters = new Map([...entries.values()].map((e) => [e, indexLetter(e.term, language)]));
  return [...entries.values()].sort(
    (a, b) =>
      collator.compare(letters.get(a) ?? '', letters.get(b) ?? '') ||
      collator.compare(a.term, b.term) ||
      a.term.localeCompare(b.term, language),
  );
}

export interface IndexRenderOptions {
  registry: Registry;
  documentIds: readonly string[];
  style: LocatorStyle;
  /** The edition's language: its words, its collation and its letter groups. */
  language: string;
}

export function renderIndex(entries: readonly IndexEntry[], options: IndexRenderOptions): Element {
  const { words } = localeFor(options.language);
  const groups = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    const letter = indexLetter(entry.term, options.language);
    const group = groups.get(letter);
    if (group) group.push(entry);
    else groups.set(letter, [entry]);
  }
  return h(
    'section.index.back-matter',
    { id: indexId, role: 'doc-index', 'epub:type': 'index', ariaLabelledBy: 'index-title' },
    [
      h('h1#index-title', words.index),
      ...[...groups].map(([letter, group]) =>
        h(
          'section.index-group',
          {
            'epub:type': 'index-group',
            id: `index-letter-${letter === symbolsLetter ? 'symbols' : letter.toLocaleLowerCase(options.language)}`,
          },
          [
            h('h2.index-letter', letter === symbolsLetter ? words.numbersAndSymbols : letter),
            h(
              'ul.index-entries',
              group.map((entry) => renderEntry(entry, options)),
            ),
          ],
        ),
      ),
    ],
  );
}

function renderEntry(entry: IndexEntry, options: IndexRenderOptions): Element {
  const children: ElementContent[] = [
    h('span.index-term', { 'epub:type': 'index-term' }, entry.term),
  ];
  const locators = locatorsByDocument(entry.locators, options);
  if (locators.length > 0)
    children.push({ type: 'text', value: ' ' }, h('span.index-locators', locators));
  children.push(...crossReferences(entry, options.language));
  if (entry.subentries.size > 0) {
    const { collator } = localeFor(options.language);
    const subs = [...entry.subentries.values()].sort((a, b) => collator.compare(a.term, b.term));
    children.push(
      h(
        'ul.index-subentries',
        subs.map((sub) =>
          h('li.index-entry.index-subentry', { 'epub:type': 'index-entry' }, [
            h('span.index-term', { 'epub:type': 'index-term' }, sub.term),
            { type: 'text', value: ' ' },
            h('span.index-locators', locatorsByDocument(sub.locators, options)),
          ]),
        ),
      ),
    );
  }
  return h('li.index-entry', { id: entry.id, 'epub:type': 'index-entry' }, children);
}

/**
 * "See" (`index-xref-preferred`) and "See also" (`index-xref-related`) after an entry's
 * locators: "12. See also …", or "ICT, see …" directly after the term.
 */
function crossReferences(entry: IndexEntry, language: string): ElementContent[] {
  const { collator, words } = localeFor(language);
  const parts: ElementContent[] = [];
  const link = (term: string, type: string) =>
    h('a', { href: `#${indexEntryId(term)}`, 'epub:type': type }, term);
  const list = (terms: Set<string>, type: string) =>
    [...terms]
      .sort(collator.compare)
      .flatMap((t, i) =>
        i === 0
          ? [link(t, type)]
          : [{ type: 'text', value: words.alternativeSeparator } as ElementContent, link(t, type)],
      );
  // Directly after the term ("ICT, see …") the lead-in is lower case; after a full stop
  // (locators, or an earlier "See") it is capitalised.
  let afterTerm = entry.locators.length === 0;
  const crossReference = (className: string, lead: string, terms: Set<string>, type: string) => {
    const label = afterTerm ? lead : capitalized(lead, language);
    parts.push(
      { type: 'text', value: afterTerm ? words.comma : `${words.fullStop}${words.wordSpace}` },
      h(`span.${className}`, [
        h('em', label),
        { type: 'text', value: words.wordSpace },
        ...list(terms, type),
      ]),
    );
    afterTerm = false;
  };
  if (entry.see.size > 0) crossReference('index-see', words.see, entry.see, 'index-xref-preferred');
  if (entry.seeAlso.size > 0)
    crossReference('index-see-also', words.seeAlso, entry.seeAlso, 'index-xref-related');
  return parts;
}

/** Locators grouped by document ("CAE 2016: 3, 7; MFA 2017: 12") when the edition has several. */
export function locatorsByDocument(
  locators: readonly IndexLocator[],
  options: IndexRenderOptions,
): ElementContent[] {
  if (options.documentIds.length <= 1) return options.style.render(locators);
  const parts: ElementContent[] = [];
  for (const documentId of options.documentIds) {
    const own = locators.filter((l) => l.documentId === documentId);
    if (own.length === 0) continue;
    if (parts.length > 0) parts.push({ type: 'text', value: '; ' });
    const name = options.registry.documents.get(documentId)?.shortTitle ?? documentId;
    parts.push(
      h('span.locator-document', `${name}:`),
      { type: 'text', value: ' ' },
      ...options.style.render(own),
    );
  }
  return parts;
}
