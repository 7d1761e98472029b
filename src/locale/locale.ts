/**
 * The locale of a piece of an edition, found from its BCP 47 language tag: the generated
 * words (src/locale/words.ts) and the collation its index and glossary sort by. The table
 * is looked up from the most specific tag to the language alone: `de-CH` → `de-ch`, then
 * `de`; `de-AT` → `de`; Chinese by script, written or implied by the region (`zh-TW`,
 * `zh-HK`, `zh-Hant` → Traditional, `zh`, `zh-CN`, `zh-SG` → Simplified). A language
 * without a table gets English words (the load step warns of it, src/locale/language-checks.ts).
 */
import { fallbackWords, type GeneratedWords, wordTables } from './words.ts';

export interface Locale {
  /** The tag the locale was asked for, as written. */
  language: string;
  /** The table's key (`de`, `zh-hant`), or undefined when the language has none. */
  table: string | undefined;
  words: GeneratedWords;
  /** Sorts index and glossary terms: the language's collation, case and accents secondary. */
  collator: Intl.Collator;
}

const locales = new Map<string, Locale>();

/** The locale of `language` (a BCP 47 tag); English words when it has no table. */
export function localeFor(language: string): Locale {
  let locale = locales.get(language);
  if (!locale) {
    const table = tableFor(language);
    locale = {
      language,
      table,
      words: (table && wordTables.get(table)) || fallbackWords,
      collator: collatorFor(language),
    };
    locales.set(language, locale);
  }
  return locale;
}

/** The generated words of `language`. */
export function wordsFor(language: string): GeneratedWords {
  return localeFor(language).words;
}

/** The key of the word table `language` uses, from its most specific form; undefined if none. */
export function tableFor(language: string): string | undefined {
  return lookupTags(language).find((tag) => wordTables.has(tag));
}

/** The tags to look a table up by, most specific first, lower case. */
export function lookupTags(language: string): string[] {
  const parsed = parseLocale(language);
  if (!parsed) return [];
  const base = parsed.language.toLowerCase();
  const script = (parsed.script ?? maximized(parsed)?.script)?.toLowerCase();
  const region = parsed.region?.toLowerCase();
  return [
    ...(script && region ? [`${base}-${script}-${region}`] : []),
    ...(region ? [`${base}-${region}`] : []),
    ...(script ? [`${base}-${script}`] : []),
    base,
  ];
}

/** The script `language` is written in (`Latn`, `Hans`, `Hant`, `Jpan`), written or implied. */
export function scriptOf(language: string): string | undefined {
  const parsed = parseLocale(language);
  return parsed && (parsed.script ?? maximized(parsed)?.script);
}

/**
 * Whether `language` is written without spaces between words and without hyphens at line
 * ends (Chinese, Japanese): such text gets no hyphenation and breaks lines between characters.
 */
export function writtenWithoutHyphens(language: string): boolean {
  const script = scriptOf(language);
  return script === 'Hans' || script === 'Hant' || script === 'Hani' || script === 'Jpan';
}

/** `word` with its first letter in upper case, as `language` writes it. */
export function capitalized(word: string, language: string): string {
  const code = word.codePointAt(0);
  if (code === undefined) return word;
  const first = String.fromCodePoint(code);
  let upper: string;
  try {
    upper = first.toLocaleUpperCase(language);
  } catch {
    upper = first.toUpperCase();
  }
  return upper + word.slice(first.length);
}

function collatorFor(language: string): Intl.Collator {
  const options: Intl.CollatorOptions = {
    sensitivity: 'base',
    numeric: true,
    ignorePunctuation: true,
  };
  try {
    return new Intl.Collator(language, options);
  } catch {
    return new Intl.Collator('en', options);
  }
}

function parseLocale(language: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(language);
  } catch {
    return undefined;
  }
}

function maximized(locale: Intl.Locale): Intl.Locale | undefined {
  try {
    return locale.maximize();
  } catch {
    return undefined;
  }
}
