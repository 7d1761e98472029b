/**
 * How many times a test repeats what only timing can break (a kill mid-print, two builds
 * racing for the lock). By default a few tries, each of a different kind, so that every
 * check still runs; `FOLIO_TEST_TRIES=full` runs the long versions, and a number runs
 * that many tries of each (at least the few).
 */

/** The tries to make: `few` by default, `full` with `FOLIO_TEST_TRIES=full`. */
export function tries(few: number, full: number, env = process.env.FOLIO_TEST_TRIES): number {
  if (env === undefined || env === '') return few;
  if (env === 'full') return full;
  const asked = Number(env);
  if (!Number.isInteger(asked) || asked < 1)
    throw new Error(`FOLIO_TEST_TRIES is "full" or a whole number above 0, not "${env}"`);
  return Math.max(few, asked);
}
