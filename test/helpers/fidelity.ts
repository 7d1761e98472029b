/**
 * Word-level comparison of a built document's body with its source text. The body is the
 * document's HTML without editorial notes, supplied headings and annotations' notes (their
 * passages stay: marking them changes no word); the source is the seed
 * text with only its declared artifacts removed and its line-end hyphenation joined.
 */
import type { Element, Root } from 'hast';
import { selectAll } from 'hast-util-select';
import { remove } from 'unist-util-remove';

export interface SourceArtifacts {
  /** Lines (trimmed) that are not part of the body: page furniture, website chrome. */
  lines: string[];
}

export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function sourceWords(seed: string, artifacts: SourceArtifacts): string[] {
  const drop = new Set(artifacts.lines.map((l) => l.trim()));
  const kept = seed
    .split('\n')
    .filter((line) => !drop.has(line.trim()))
    .join('\n');
  // A hyphen at a line end followed by a lower-case letter is an extraction break.
  return words(kept.replace(/(\p{L})-[ \t]*\n\s*(\p{Ll})/gu, '$1$2'));
}

export function bodyWords(article: Element): string[] {
  const body = structuredClone(selectAll('.document-body', article)[0]);
  if (!body) throw new Error('article has no .document-body');
  const root: Root = { type: 'root', children: [body] };
  remove(
    root,
    (node) =>
      node.type === 'element' &&
      hasClass(node as Element, [
        'editorial-note',
        'supplied',
        'index-range-end',
        'annotation-note',
        'annotation-ref',
      ]),
  );
  // Block boundaries separate words even where the HTML has no whitespace between them.
  const parts: string[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === 'text') parts.push(child.value);
      else if (child.type === 'element') {
        walk(child);
        if (!inline.has(child.tagName)) parts.push(' ');
      }
    }
  };
  walk(root);
  return words(parts.join(''));
}

const inline = new Set([
  'a',
  'abbr',
  'b',
  'cite',
  'code',
  'dfn',
  'em',
  'i',
  'mark',
  'q',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
]);

function hasClass(node: Element, classes: string[]): boolean {
  const own = node.properties.className;
  return Array.isArray(own) && own.some((c) => classes.includes(String(c)));
}

/** The first place two word sequences differ, with context, or undefined when equal. */
export function firstDifference(expected: string[], actual: string[]): string | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      const context = (list: string[]) => list.slice(Math.max(0, i - 5), i + 5).join(' ');
      return `word ${i}: source has “${expected[i]}” (…${context(expected)}…), edition has “${actual[i]}” (…${context(actual)}…)`;
    }
  }
  return undefined;
}
