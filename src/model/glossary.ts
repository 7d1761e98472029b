/**
 * The project glossary: one YAML file of terms with their forms (plural, aliases,
 * abbreviation), a Markdown definition and related terms. Loading checks the entries
 * against each other (an alias claimed twice, a related term that does not exist) and
 * reports at the entry's line in the glossary file.
 */
import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { isScalar, Scalar } from 'yaml';
import { z } from 'zod';
import { hasError } from '../diagnostics/diagnostics.ts';
import { fail } from '../diagnostics/messages.ts';
import { bodyStartOf } from '../yaml/block-start.ts';
import { validateYaml } from '../yaml/validate-yaml.ts';

const entrySchema = z.strictObject({
  term: z.string().min(1),
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .optional(),
  abbreviation: z.string().min(1).optional(),
  plural: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  definition: z.string().min(1),
  related: z.array(z.string().min(1)).default([]),
  /** Index uses of the term under its own heading (default), or not at all. */
  index: z.boolean().default(true),
});

const glossarySchema = z.array(entrySchema);

export interface GlossaryEntry {
  id: string;
  term: string;
  abbreviation?: string;
  plural: string;
  aliases: string[];
  definition: string;
  /** Ids of related entries. */
  related: string[];
  index: boolean;
  /** Line of the entry in the glossary file, for messages. */
  line: number;
  /** Where the definition's text starts in the glossary file (line for line in a `|` block). */
  definitionStart: ReturnType<typeof bodyStartOf>;
  /**
   * The definition parsed and held to the manuscript rules (images, links, raw HTML) by the
   * load step (src/load/glossary-definitions.ts), positions in the glossary file.
   */
  definitionTree?: Root;
}

const source = 'glossary';

/** Returns the entries, or undefined when the file has fatal problems (reported on it). */
export function loadGlossary(file: VFile): GlossaryEntry[] | undefined {
  const validated = validateYaml(file, glossarySchema, source);
  if (!validated) return undefined;
  const slugger = new GithubSlugger();
  const text = String(file.value);
  const entries: GlossaryEntry[] = validated.data.map((raw, i) => ({
    id: raw.id ?? slugger.slug(raw.term),
    term: raw.term,
    abbreviation: raw.abbreviation,
    plural: raw.plural ?? defaultPlural(raw.term),
    aliases: raw.aliases,
    definition: raw.definition,
    related: raw.related,
    index: raw.index,
    line: validated.placeOf([i]).line,
    definitionStart: bodyStartOf(
      text,
      validated.placeOf([i, 'definition']),
      isLiteral(validated.doc.getIn([i, 'definition'], true)),
    ),
  }));

  const byTerm = new Map(entries.map((e) => [e.term.toLowerCase(), e]));
  const claimed = new Map<string, GlossaryEntry>();
  const ids = new Set<string>();
  entries.forEach((entry, i) => {
    if (ids.has(entry.id))
      fail(file, `Duplicate glossary id \`${entry.id}\``, {
        place: validated.placeOf([i]),
        ruleId: 'glossary:duplicate-term',
        source: source,
      });
    ids.add(entry.id);
    for (const [form, keyPath] of formsOf(entry, i)) {
      const key = form.toLowerCase();
      const owner = claimed.get(key);
      if (owner && owner !== entry) {
        fail(
          file,
          `\`${form}\` is claimed by two glossary terms, \`${owner.term}\` and \`${entry.term}\`: keep it on one`,
          { place: validated.placeOf(keyPath), ruleId: 'glossary:duplicate-alias', source: source },
        );
      }
      claimed.set(key, entry);
    }
  });
  entries.forEach((entry, i) => {
    entry.related = entry.related.map((name, j) => {
      const target =
        byTerm.get(name.toLowerCase()) ??
        entries.find((e) => e.id === name || e.abbreviation === name);
      if (!target) {
        fail(file, `Related term \`${name}\` is not in the glossary`, {
          place: validated.placeOf([i, 'related', j]),
          ruleId: 'glossary:unknown-related',
          source: source,
        });
        return name;
      }
      return target.id;
    });
  });
  return hasError(file) ? undefined : entries;
}

function isLiteral(node: unknown): boolean {
  return isScalar(node) && node.type === Scalar.BLOCK_LITERAL;
}

type KeyPath = Array<string | number>;

/**
 * Every form of the entry at index `i`, each with the key path it is written at, so that a
 * form claimed twice is reported where the author wrote it. A default plural has no key of
 * its own: `placeOf` falls back to the entry.
 */
function formsOf(entry: GlossaryEntry, i: number): Array<[form: string, keyPath: KeyPath]> {
  const forms: Array<[string, KeyPath]> = [
    [entry.term, [i, 'term']],
    [entry.plural, [i, 'plural']],
  ];
  if (entry.abbreviation) forms.push([entry.abbreviation, [i, 'abbreviation']]);
  entry.aliases.forEach((alias, j) => {
    forms.push([alias, [i, 'aliases', j]]);
  });
  return forms;
}

/** English plural of the head noun: "digital divide" → "digital divides". */
function defaultPlural(term: string): string {
  if (/[^aeiou]y$/i.test(term)) return `${term.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(term)) return `${term}es`;
  return `${term}s`;
}
