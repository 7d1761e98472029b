/**
 * Wall time of each stage of a build (load, collect, resolve, each print pass, post-
 * processing, EPUB…), for the benchmark and for anyone asking where the time goes.
 */
export interface StageTime {
  stage: string;
  ms: number;
}

export class StageTimer {
  readonly times: StageTime[] = [];

  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.times.push({ stage, ms: performance.now() - start });
    }
  }

  timeSync<T>(stage: string, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.times.push({ stage, ms: performance.now() - start });
    }
  }

  /** Total of the stages whose name matches. */
  total(pattern: RegExp): number {
    return this.times.filter((t) => pattern.test(t.stage)).reduce((sum, t) => sum + t.ms, 0);
  }
}

/** Times `work` as `stage` when someone is measuring; otherwise only runs it. */
export function timed<T>(
  timer: StageTimer | undefined,
  stage: string,
  work: () => Promise<T>,
): Promise<T> {
  return timer ? timer.time(stage, work) : work();
}
