/**
 * Wall time of each stage of a build (load, collect, resolve, each print pass, post-
 * processing, EPUB…), for the benchmark and for anyone asking where the time goes.
 * Stages nest (a print pass holds its hyphenation and its page map): each is kept with
 * its start, so that `exclusiveTimes` can tell a stage's own time from its inner stages'.
 */
export interface StageTime {
  stage: string;
  ms: number;
  /** When it started (`performance.now()`, milliseconds). */
  start: number;
}

export class StageTimer {
  readonly times: StageTime[] = [];

  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.times.push({ stage, ms: performance.now() - start, start });
    }
  }

  timeSync<T>(stage: string, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.times.push({ stage, ms: performance.now() - start, start });
    }
  }

  /** Records `stage` as having run from `start` (`performance.now()`) until now. */
  since(stage: string, start: number): void {
    this.times.push({ stage, ms: performance.now() - start, start });
  }

  /** Total of the stages whose name matches. */
  total(pattern: RegExp): number {
    return this.times.filter((t) => pattern.test(t.stage)).reduce((sum, t) => sum + t.ms, 0);
  }
}

/** A stage's own time, and the stages it ran inside (outermost first). */
export interface OwnTime extends StageTime {
  within: string[];
}

/**
 * Each stage's own time: its wall time less that of the stages run inside it (those that
 * start and end within it). Stages that overlap without nesting (two editions printed at
 * once) are each counted whole. Over the outermost stages, the own times sum to the time
 * those cover.
 */
export function exclusiveTimes(times: readonly StageTime[]): OwnTime[] {
  const ordered = [...times].sort((a, b) => a.start - b.start || b.ms - a.ms);
  const own: OwnTime[] = ordered.map((t) => ({ ...t, within: [] }));
  const open: Array<{ end: number; index: number }> = [];
  // Clock readings of a stage and of one inside it may round to the same instant.
  const slack = 1e-6;
  ordered.forEach((t, i) => {
    while (open.length > 0 && (open.at(-1)?.end ?? 0) <= t.start + slack) open.pop();
    const end = t.start + t.ms;
    const enclosing = open.filter((o) => end <= o.end + slack);
    const parent = enclosing.at(-1);
    const mine = own[i];
    if (parent && mine) {
      const outer = own[parent.index];
      if (outer) {
        outer.ms -= t.ms;
        mine.within = [...outer.within, outer.stage];
      }
    }
    open.push({ end, index: i });
  });
  return own;
}

/** Times `work` as `stage` when someone is measuring; otherwise only runs it. */
export function timed<T>(
  timer: StageTimer | undefined,
  stage: string,
  work: () => Promise<T>,
): Promise<T> {
  return timer ? timer.time(stage, work) : work();
}

/** `work()`, timed as `stage` when someone is measuring. */
export function timedSync<T>(timer: StageTimer | undefined, stage: string, work: () => T): T {
  return timer ? timer.timeSync(stage, work) : work();
}
