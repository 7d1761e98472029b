/**
 * Finds glossary terms in running text: whole words, every form of a term (term, plural,
 * aliases, abbreviation), longest form first, case-aware (a form written with capitals,
 * such as a name or an abbreviation, matches only as written; a lower-case form also
 * matches with a capital first letter, as at the start of a sentence). One regular
 * expression serves the whole glossary, so matching is linear in the text.
 */
import type { GlossaryEntry } from '../model/glossary.ts';

export interface TermMatch {
  entry: GlossaryEntry;
  /** The form matched, as it stands in the text. */
  text: string;
  start: number;
  end: number;
  /** The match is the entry's abbreviation. */
  abbreviation: boolean;
}

export class TermMatcher {
  private readonly pattern: RegExp | undefined;
  private readonly forms = new Map<string, { entry: GlossaryEntry; abbreviation: boolean }>();
  private readonly lookup = new Map<string, GlossaryEntry>();

  constructor(entries: readonly GlossaryEntry[]) {
    for (const entry of entries) {
      const forms = [entry.term, entry.plural, ...entry.aliases];
      for (const form of forms) this.add(form, entry, false);
      if (entry.abbreviation) this.add(entry.abbreviation, entry, true);
      for (const form of [...forms, entry.abbreviation, entry.id]) {
        if (form) this.lookup.set(form.toLowerCase(), entry);
      }
    }
    const alternatives = [...this.forms.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapePattern);
    // Hyphens count as word characters, so "cyber" never matches inside "cyber-related".
    this.pattern =
      alternatives.length > 0
        ? new RegExp(
            `(?<![\\p{L}\\p{N}\\-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}\\-])`,
            'gu',
          )
        : undefined;
  }

  /** Every use in a text, left to right, never overlapping. */
  *matches(text: string): Generator<TermMatch> {
    if (!this.pattern) return;
    for (const match of text.matchAll(this.pattern)) {
      const found = this.forms.get(match[0].replace(/\s+/g, ' '));
      if (!found) continue;
      yield { ...found, text: match[0], start: match.index, end: match.index + match[0].length };
    }
  }

  /** The entry a forced `:term[…]` names, by any of its forms or its id. */
  find(name: string): GlossaryEntry | undefined {
    return this.lookup.get(name.trim().toLowerCase());
  }

  /** Every name an author may use in `:term[…]`, for "did you mean". */
  names(): string[] {
    return [...this.lookup.keys()];
  }

  private add(form: string, entry: GlossaryEntry, abbreviation: boolean): void {
    this.forms.set(form, { entry, abbreviation });
    if (form === form.toLowerCase()) {
      this.forms.set(form.charAt(0).toUpperCase() + form.slice(1), { entry, abbreviation });
    }
  }
}

function escapePattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}
