/**
 * "Did you mean …" for diagnostics: the closest known name when it is close enough to be a
 * likely typo, by edit distance.
 */
import { closest, distance } from 'fastest-levenshtein';

export function didYouMean(
  name: string,
  candidates: readonly string[],
  /** Edits always allowed, however short the name: config keys are short (`note` is not `quote`). */
  leastLimit = 2,
): string {
  if (candidates.length === 0) return '';
  const best = closest(name, [...candidates]);
  const limit = Math.max(leastLimit, Math.floor(name.length / 3));
  return distance(name, best) <= limit ? ` (did you mean \`${best}\`?)` : '';
}
