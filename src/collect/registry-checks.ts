/**
 * Checks that need the whole registry, after every document has been collected: index
 * cross-references (`see`, `seealso`) that point to no entry, and glossary entries no
 * document uses.
 */
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { fail, warn } from '../diagnostics/messages.ts';
import type { Registry } from '../model/registry.ts';

/** Every main heading the index will have: marked terms, glossary terms, see sources. */
function indexHeadings(registry: Registry): Set<string> {
  const headings = new Set<string>();
  for (const mark of registry.indexMarks) headings.add(mark.term.toLowerCase());
  for (const entry of registry.glossary.values()) {
    if (entry.index) headings.add(entry.term.toLowerCase());
  }
  return headings;
}

export function checkIndexRefs(registry: Registry): void {
  const headings = indexHeadings(registry);
  for (const ref of registry.indexRefs) {
    if (headings.has(ref.target.toLowerCase()) || !ref.file) continue;
    fail(
      ref.file,
      `Index \`${ref.kind === 'see' ? 'see' : 'seealso'}\` points to no entry: \`${ref.target}\`${didYouMean(ref.target.toLowerCase(), [...headings])}`,
      { place: ref.position, ruleId: 'index:unknown-see' },
    );
  }
}

export function checkUnusedTerms(registry: Registry, glossaryFile: VFile): void {
  const used = new Set(registry.termUses.map((u) => u.termId));
  for (const entry of registry.glossary.values()) {
    if (used.has(entry.id)) continue;
    warn(glossaryFile, `Glossary term \`${entry.term}\` is never used in the manuscripts`, {
      place: { line: entry.line, column: 1 },
      ruleId: 'glossary:unused-term',
    });
  }
}
