/**
 * Where a YAML scalar's text starts in its file, so that Markdown held in a YAML value (an
 * annotation's body, a glossary definition) reports its messages at their own lines.
 */
import type { Place } from './validate-yaml.ts';

/** The place of a scalar's text: for a literal block, its first content line and indent. */
export function bodyStartOf(
  text: string,
  place: Place,
  literal: boolean,
): Place & { literal: boolean } {
  if (!literal) return { ...place, literal: false };
  const lines = text.split('\n');
  // The block's content starts on the line after its `|` indicator.
  for (let n = place.line; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.trim() === '') continue;
    return { line: place.line + 1, column: line.length - line.trimStart().length + 1, literal };
  }
  return { ...place, literal: false };
}
