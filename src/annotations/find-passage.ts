/**
 * Finds the one passage a quote designates (W3C TextQuoteSelector semantics): every place
 * the exact text occurs within one block, narrowed by the text before (`prefix`) and after
 * (`suffix`) it when they are given. Whitespace is collapsed on both sides; at the edges of
 * the quote, prefix and suffix, whitespace differences do not count.
 */
import type { TextQuote } from './annotation.ts';
import { collapseWhitespace, type DocumentText, type TextBlock } from './passage-text.ts';

export interface PassageMatch {
  block: TextBlock;
  /** Range of the quote in the block's text. */
  start: number;
  end: number;
}

export type PassageSearch =
  | { found: 'one'; match: PassageMatch }
  | { found: 'none'; exactMatches: number; acrossBlocks: boolean }
  | { found: 'many'; matches: PassageMatch[] };

export function findPassage(document: DocumentText, quote: TextQuote): PassageSearch {
  const exact = collapseWhitespace(quote.exact).trim();
  const all: PassageMatch[] = [];
  if (exact !== '') {
    for (const block of document.blocks) {
      for (let at = block.text.indexOf(exact); at >= 0; at = block.text.indexOf(exact, at + 1))
        all.push({ block, start: at, end: at + exact.length });
    }
  }
  const prefix = quote.prefix ? collapseWhitespace(quote.prefix).trimEnd() : '';
  const suffix = quote.suffix ? collapseWhitespace(quote.suffix).trimStart() : '';
  const matches = all.filter((m) => {
    const before = document.text.slice(0, m.block.start + m.start).trimEnd();
    const after = document.text.slice(m.block.start + m.end).trimStart();
    return before.endsWith(prefix) && after.startsWith(suffix);
  });
  const [only] = matches;
  if (matches.length === 1 && only) return { found: 'one', match: only };
  if (matches.length > 1) return { found: 'many', matches };
  return {
    found: 'none',
    exactMatches: all.length,
    acrossBlocks: exact !== '' && all.length === 0 && document.text.includes(exact),
  };
}
