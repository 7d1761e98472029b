import { describe, expect, it } from 'vitest';
import { breakdownLine, breakdownOf, phaseTotals } from '../../src/bench/breakdown.ts';
import { exclusiveTimes, type StageTime, StageTimer } from '../../src/pipeline/stage-timer.ts';

const t = (stage: string, start: number, ms: number): StageTime => ({ stage, start, ms });

describe('exclusiveTimes', () => {
  it('takes the stages run inside a stage out of its time, at every depth', () => {
    const own = exclusiveTimes([
      // Recorded as they end: inner ones first.
      t('pdf load', 10, 5),
      t('pdf hyphens', 15, 10),
      t('pdf pass 1', 10, 40),
      t('pdf pack', 0, 100),
      t('load', -20, 20),
    ]);
    const by = Object.fromEntries(own.map((o) => [o.stage, o]));
    expect(by['pdf pack']?.ms).toBe(60);
    expect(by['pdf pass 1']?.ms).toBe(25);
    expect(by['pdf load']?.ms).toBe(5);
    expect(by['pdf load']?.within).toEqual(['pdf pack', 'pdf pass 1']);
    expect(by.load?.within).toEqual([]);
  });

  it('records a stage timed by hand from its start', () => {
    const timer = new StageTimer();
    const start = performance.now() - 5;
    timer.since('pdf page prediction', start);
    expect(timer.times[0]?.start).toBe(start);
    expect(timer.times[0]?.ms).toBeGreaterThanOrEqual(5);
    const rows = breakdownOf(timer.times, 1000).rows;
    expect(rows[0]?.kind).toBe('page prediction, settle checks, part plans');
  });

  it('counts stages that overlap without nesting whole', () => {
    const own = exclusiveTimes([t('pdf a', 0, 50), t('pdf b', 25, 50)]);
    expect(own.map((o) => o.ms)).toEqual([50, 50]);
  });
});

describe('breakdownOf', () => {
  const times = [
    t('load', 0, 100),
    t('parse+collect', 100, 200),
    t('pdf browser', 300, 50),
    t('pdf load', 360, 100),
    t('pdf print', 460, 300),
    t('pdf pass 1 (tagged)', 350, 420),
    t('pdf load', 800, 10),
    t('pdf print', 810, 40),
    t('pdf running heads', 800, 55),
    t('pdf tags', 870, 30),
    t('pdf write', 900, 50),
    t('pdf postprocess', 860, 100),
    t('pdf pack', 300, 700),
    t('epub pack', 1000, 80),
  ];
  const breakdown = breakdownOf(times, 1100);

  it('sums to the wall time, what no stage covers being the rest', () => {
    const sum = breakdown.rows.reduce((total, r) => total + r.ms, 0);
    expect(sum).toBeCloseTo(1100, 6);
    const untimed = breakdown.rows.find((r) => r.kind === 'no stage (between the stages)');
    expect(untimed?.ms).toBeCloseTo(20, 6);
    // The renderer's own 700 less its stages: 700 − 50 − 420 − 55 − 100 = 75.
    const between = breakdown.rows.find((r) => r.kind.startsWith('the renderer between'));
    expect(between?.ms).toBeCloseTo(75, 6);
    expect(breakdown.restShare).toBeCloseTo(95 / 1100, 6);
  });

  it('puts the running heads’ own print in post-processing, the passes’ in the prints', () => {
    const phases = Object.fromEntries(phaseTotals(breakdown).map((p) => [p.phase, p.ms]));
    expect(phases.pipeline).toBeCloseTo(300, 6);
    expect(phases.prints).toBeCloseTo(420, 6);
    expect(phases['post-processing']).toBeCloseTo(155, 6);
    expect(phases.EPUB).toBeCloseTo(80, 6);
    expect(phases.browser).toBeCloseTo(50, 6);
    const prints = breakdown.rows.find((r) => r.kind === "Chromium's print calls");
    expect(prints?.ms).toBeCloseTo(300, 6);
  });

  it('names a stage it has no kind for rather than hiding it', () => {
    const other = breakdownOf([t('something new', 0, 10)], 10);
    expect(other.rows[0]?.kind).toBe('other stages (something new)');
    expect(other.rows[0]?.phase).toBe('the rest');
  });

  it('writes phases in seconds and floors', () => {
    const line = breakdownLine(breakdown, 400);
    expect(line).toMatch(/^\*\*pipeline\*\* 0\.30 s \(0\.75 floors: /);
    expect(line).toContain("Chromium's print calls 0.30");
    expect(breakdownLine(breakdown)).not.toContain('floors');
  });
});
