/**
 * What Folio can do for a language an author names (in the config or in front matter),
 * told as warnings at the place it is named: a language no one knows (`xx`: a typo, or a
 * private code), one Folio has no generated words for (they are printed in English), and
 * one the `hyphen` package has no patterns for while print hyphenates (its text is set
 * without hyphens). Chinese and Japanese take no hyphens, so they lack nothing there.
 */
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { warn } from '../diagnostics/messages.ts';
import { hyphenatorFor } from '../render/pdf/hyphenation.ts';
import { tableFor, writtenWithoutHyphens } from './locale.ts';

export interface LanguageProblem {
  reason: string;
  ruleId: 'language:unknown' | 'language:no-words' | 'language:no-hyphenation';
}

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The English name of `language`'s language subtag, when it is a language anyone knows. */
function languageName(language: string): string | undefined {
  try {
    const base = new Intl.Locale(language).language;
    // Private-use codes (qaa–qtz) name no language.
    if (/^q[a-t][a-z]$/.test(base)) return undefined;
    return names.of(base);
  } catch {
    return undefined;
  }
}

/** What Folio lacks for `language`; `hyphenated` when print hyphenates text in it. */
export function languageProblems(language: string, hyphenated: boolean): LanguageProblem[] {
  const name = languageName(language);
  if (!name) {
    return [
      {
        reason: `Unknown language \`${language}\`: Folio prints its generated words (contents, index, “on page”) in English${hyphenated ? ' and does not hyphenate it' : ''}; write a BCP 47 tag of a language, such as \`de\`, \`fr-CA\` or \`zh-Hant\``,
        ruleId: 'language:unknown',
      },
    ];
  }
  const problems: LanguageProblem[] = [];
  if (tableFor(language) === undefined) {
    problems.push({
      reason: `Folio has no generated words in ${name} (\`${language}\`): the contents, index, glossary and “on page” are printed in English`,
      ruleId: 'language:no-words',
    });
  }
  if (hyphenated && !writtenWithoutHyphens(language) && hyphenatorFor(language) === undefined) {
    problems.push({
      reason: `No hyphenation patterns for ${name} (\`${language}\`): print sets its text without hyphens (set \`hyphenate: false\` on the edition to say so)`,
      ruleId: 'language:no-hyphenation',
    });
  }
  return problems;
}

/** Warns on `file` at `place` of each thing Folio lacks for `language`. */
export function warnOfLanguage(
  file: VFile,
  language: string,
  place: Point,
  options: { hyphenated: boolean; source?: string },
): void {
  for (const { reason, ruleId } of languageProblems(language, options.hyphenated))
    warn(file, reason, { place, ruleId, ...(options.source ? { source: options.source } : {}) });
}
