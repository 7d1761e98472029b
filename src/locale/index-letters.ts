/**
 * Under which heading a back-of-book index puts a term, as the index's language groups
 * them. Latin, Greek and Cyrillic terms go under their first letter, accents folded only
 * where the language's collation folds them (German "Äpfel" under A; Spanish "ñandú" under
 * Ñ, a letter of its own after N; Swedish "ö" under Ö). Simplified Chinese terms go under
 * the Latin letter of their first character's pinyin (the collation of `zh` is pinyin
 * order); in Traditional Chinese, ordered by strokes, and in Japanese each first character
 * heads its own group. Terms that start with no letter go under "Numbers and symbols".
 */
import { localeFor, scriptOf } from './locale.ts';

/** The heading a group is known by; `symbols` stands for the terms that start with no letter. */
export type IndexLetter = string;
export const symbolsLetter: IndexLetter = '#';

/**
 * The first character of each pinyin initial letter in `zh` collation order (there are no
 * syllables in I, U or V): a Han character sorts under the last of these it does not precede.
 */
const pinyinBoundaries: ReadonlyArray<[string, string]> = [
  ['A', '阿'],
  ['B', '八'],
  ['C', '嚓'],
  ['D', '咑'],
  ['E', '妸'],
  ['F', '发'],
  ['G', '旮'],
  ['H', '哈'],
  ['J', '丌'],
  ['K', '咔'],
  ['L', '垃'],
  ['M', '妈'],
  ['N', '拏'],
  ['O', '噢'],
  ['P', '妑'],
  ['Q', '七'],
  ['R', '呥'],
  ['S', '仨'],
  ['T', '他'],
  ['W', '屲'],
  ['X', '夕'],
  ['Y', '丫'],
  ['Z', '帀'],
];

const han = /\p{Script=Han}/u;

/** The group heading of `term` in an index in `language`. */
export function indexLetter(term: string, language: string): IndexLetter {
  const code = term.normalize('NFC').trimStart().codePointAt(0);
  if (code === undefined) return symbolsLetter;
  const first = String.fromCodePoint(code);
  if (!/\p{L}/u.test(first)) return symbolsLetter;
  const { collator } = localeFor(language);
  if (han.test(first)) {
    if (scriptOf(language) !== 'Hans') return first;
    let letter = first;
    for (const [latin, boundary] of pinyinBoundaries)
      if (collator.compare(boundary, first) <= 0) letter = latin;
    return letter;
  }
  let upper = first;
  try {
    upper = first.toLocaleUpperCase(language);
  } catch {
    upper = first.toUpperCase();
  }
  // The base letter, when the language's collation counts the accent as secondary only.
  const base = upper.normalize('NFD').charAt(0);
  return base !== upper && collator.compare(base, upper) === 0 ? base : upper;
}
