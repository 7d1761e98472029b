/**
 * Calls into a page that end when its renderer does. Puppeteer leaves a call into a page
 * whose renderer crashed waiting (Chromium never answers it) until the connection's own
 * timeout, the render budget or 30 s, whichever is longer (browser.ts); and a script call
 * has no timeout of its own. A renderer killed while the hyphens settled held the build
 * for the whole 120 s budget, one killed while its tab was set up for two budgets, and one
 * stopped while the faces loaded for 30 s past a 4 s budget.
 */
import type { Page } from 'puppeteer-core';

export interface PageWatch {
  /**
   * `call`, or its failure: 'Page crashed!' as soon as the page's renderer is gone, a
   * TimeoutError (as Puppeteer's own) once the budget has passed. A call left waiting
   * ends with the browser.
   */
  step<T>(call: Promise<T>): Promise<T>;
  /** Stops watching the page. */
  end(): void;
}

export function watchPage(page: Page, budget: number): PageWatch {
  let crash: (error: Error) => void = () => {};
  const crashed = new Promise<never>((_, reject) => {
    crash = reject;
  });
  // A crash while no step waits is not an unhandled rejection: the next step reports it.
  crashed.catch(() => {});
  page.on('error', crash);
  return {
    step: (call) => within(Promise.race([call, crashed]), budget),
    end: () => page.off('error', crash),
  };
}

/** `call`, or a TimeoutError (as Puppeteer's own) once `ms` have passed. */
export async function within<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`Waiting failed: ${ms}ms exceeded`);
      reject(Object.assign(error, { name: 'TimeoutError' }));
    }, ms);
  });
  try {
    return await Promise.race([call, expired]);
  } finally {
    clearTimeout(timer);
  }
}
