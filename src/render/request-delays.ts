/**
 * A test hook of the print sandbox: requests whose URL matches are held for a while before
 * they go on, as a slow disk or a busy machine would hold them. The reproducibility test
 * uses it to show that a print does not depend on when a font file arrives (issue 17).
 * Nothing in a build sets it.
 */

export interface HeldRequests {
  readonly match: RegExp;
  readonly milliseconds: number;
  /** How many requests were held so far. */
  count: number;
  /** Stops holding. */
  release(): void;
}

const holds: HeldRequests[] = [];

/** Holds every request whose URL matches `match` for `milliseconds`, until released. */
export function holdRequests(match: RegExp, milliseconds: number): HeldRequests {
  const hold: HeldRequests = {
    match,
    milliseconds,
    count: 0,
    release() {
      const at = holds.indexOf(hold);
      if (at >= 0) holds.splice(at, 1);
    },
  };
  holds.push(hold);
  return hold;
}

/** How long the sandbox holds a request for `url` (0: not at all); counts the hold. */
export function requestHold(url: string): number {
  let longest = 0;
  for (const hold of holds) {
    if (!hold.match.test(url)) continue;
    hold.count++;
    longest = Math.max(longest, hold.milliseconds);
  }
  return longest;
}
