/**
 * Finds glossary terms in running text: whole words, every form of a term (term, plural,
 * aliases, abbreviation), longest form first, case-aware (a form written with capitals,
 * such as a name or an abbreviation, matches only as written; a lower-case form also
 * matches with a capital first letter, as at the start of a sentence).
 *
 * The forms are held in a trie (a run of white space in a form matches any run in the
 * text), walked once from each place a word may start: the time is linear in the text
 * times the longest form, whatever the size of the glossary. It chooses as one regular
 * expression `(?<!W)(?:form1|form2|…)(?!W)` would, with the forms longest first (W: a
 * letter, digit or hyphen); that expression is what it replaced, since V8 cannot compile
 * one for thousands of entries ("Regular expression too large") and takes seconds for a
 * few hundred.
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
  private readonly trie: TrieNode = { next: new Map() };
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
    // The rank of a form is its place in the alternation: longest first, then first added.
    const ranked = [...this.forms.keys()].sort((a, b) => b.length - a.length);
    ranked.forEach((form, rank) => {
      let node = this.trie;
      for (const step of stepsOf(form)) {
        let child = node.next.get(step);
        if (!child) {
          child = { next: new Map() };
          node.next.set(step, child);
        }
        node = child;
      }
      node.rank = Math.min(node.rank ?? rank, rank);
    });
  }

  /** Every use in a text, left to right, never overlapping. */
  *matches(text: string): Generator<TermMatch> {
    if (this.trie.next.size === 0) return;
    let start = 0;
    while (start < text.length) {
      const end = wordStartsAt(text, start) ? this.bestEndAt(text, start) : undefined;
      if (end === undefined) {
        start += codeUnitsAt(text, start);
        continue;
      }
      const matched = text.slice(start, end);
      // As before: the entry is the one of the text as written with its spaces folded.
      const found = this.forms.get(matched.replace(/\s+/g, ' '));
      if (found) yield { ...found, text: matched, start, end };
      start = end;
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

  /**
   * Where the best form found at `start` ends: of the forms that match there and are not
   * followed by a word character, the one of lowest rank.
   */
  private bestEndAt(text: string, start: number): number | undefined {
    let best: { rank: number; end: number } | undefined;
    const consider = (node: TrieNode, end: number) => {
      if (node.rank !== undefined && (!best || node.rank < best.rank) && !wordCharAt(text, end))
        best = { rank: node.rank, end };
    };
    let node: TrieNode | undefined = this.trie;
    let at = start;
    while (node && at < text.length) {
      if (isSpace(text, at)) {
        const spaced: TrieNode | undefined = node.next.get(space);
        if (!spaced) return best?.end;
        let runEnd = at + 1;
        while (isSpace(text, runEnd)) runEnd++;
        // A form ending in white space: `\s+` gives back one space when a word follows.
        const end = wordCharAt(text, runEnd) ? runEnd - 1 : runEnd;
        if (end > at) consider(spaced, end);
        node = spaced;
        at = runEnd;
      } else {
        node = node.next.get(text.charAt(at));
        at++;
        if (node) consider(node, at);
      }
    }
    return best?.end;
  }
}

/** A node of the trie of forms: its rank when a form ends here. */
interface TrieNode {
  next: Map<string, TrieNode>;
  rank?: number;
}

/** The trie's step for a run of white space (every other step is one UTF-16 code unit). */
const space = '\\s+';
const spaceChar = /\s/;
const wordChar = /^[\p{L}\p{N}-]$/u;

/** A form's steps: its code units, with each run of white space one step. */
function stepsOf(form: string): string[] {
  return form.split(/(\s+)/).flatMap((part, i) => (i % 2 === 1 ? [space] : part.split('')));
}

function isSpace(text: string, at: number): boolean {
  return at < text.length && spaceChar.test(text.charAt(at));
}

/** The text has a letter, digit or hyphen at `at` (a whole code point). */
function wordCharAt(text: string, at: number): boolean {
  const point = text.codePointAt(at);
  if (point === undefined) return false;
  if (point < 0x80) return /[a-zA-Z0-9-]/.test(text.charAt(at));
  return wordChar.test(String.fromCodePoint(point));
}

/** No letter, digit or hyphen ends just before `at`, and `at` is not inside a code point. */
function wordStartsAt(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  if (isHighSurrogate(before) && isLowSurrogate(text.charCodeAt(at))) return false;
  const from =
    at >= 2 && isLowSurrogate(before) && isHighSurrogate(text.charCodeAt(at - 2)) ? at - 2 : at - 1;
  return !wordCharAt(text, from);
}

function codeUnitsAt(text: string, at: number): number {
  return isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) ? 2 : 1;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
