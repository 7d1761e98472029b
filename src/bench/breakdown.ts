/**
 * Where a build's wall time went, from its stage times (pipeline/stage-timer.ts): each
 * stage's own time (less the stages inside it) put in one kind of work, the kinds in
 * four phases (the pipeline, the prints, the post-processing, the fixed costs of a
 * browser), and what no stage covers as the rest. The kinds sum to the wall time by
 * construction; the rest says how much of it the stages do not explain.
 */
import { exclusiveTimes, type OwnTime, type StageTime } from '../pipeline/stage-timer.ts';

export type Phase = 'pipeline' | 'prints' | 'post-processing' | 'EPUB' | 'browser' | 'the rest';

export interface BreakdownRow {
  phase: Phase;
  /** The kind of work, e.g. `Chromium's print calls`. */
  kind: string;
  ms: number;
}

export interface Breakdown {
  wallMs: number;
  rows: BreakdownRow[];
  /** The time no stage covers (also the last row), as a share of the wall time. */
  restShare: number;
}

interface Kind {
  phase: Phase;
  kind: string;
  /** Matches the stage's own name. */
  stage: RegExp;
  /** Matches one of the stages it ran inside, when given. */
  within?: RegExp;
}

/** The first kind that matches a stage names it: the running heads' own print is post-processing. */
const kinds: Kind[] = [
  {
    phase: 'post-processing',
    kind: 'running heads (text, print)',
    stage: /./,
    within: /^pdf running heads$/,
  },
  { phase: 'prints', kind: 'glossary laid out alone', stage: /./, within: /^pdf back matter$/ },
  { phase: 'prints', kind: 'glossary laid out alone', stage: /^pdf back matter$/ },
  {
    phase: 'pipeline',
    kind: 'load, parse, collect, resolve',
    stage: /^(load|parse\+collect|resolve .*)$/,
  },
  { phase: 'pipeline', kind: 'write the outputs', stage: /^write$/ },
  { phase: 'prints', kind: 'page loads and face waits', stage: /^pdf load$/ },
  { phase: 'prints', kind: 'hyphenation', stage: /^pdf hyphens$/ },
  { phase: 'prints', kind: 'footnotes placed', stage: /^pdf footnotes$/ },
  { phase: 'prints', kind: 'fresh layouts', stage: /^pdf layout$/ },
  { phase: 'prints', kind: "Chromium's print calls", stage: /^pdf print$/ },
  { phase: 'prints', kind: 'page maps read', stage: /^pdf page map$/ },
  { phase: 'prints', kind: 'pages measured in columns', stage: /^pdf (columns|release)$/ },
  {
    phase: 'prints',
    kind: 'assembly, print page, serialising',
    stage: /^pdf (assemble|print page|serialise)$/,
  },
  {
    phase: 'prints',
    kind: 'page estimate and kept hyphens',
    stage: /^pdf (page estimate|kept hyphens)$/,
  },
  { phase: 'prints', kind: 'wide elements looked for', stage: /^pdf wide elements$/ },
  {
    phase: 'prints',
    kind: 'page prediction, settle checks, part plans',
    stage: /^pdf (page prediction|settle check|plan parts)$/,
  },
  { phase: 'prints', kind: 'between prints (pass bookkeeping)', stage: /^pdf pass / },
  { phase: 'post-processing', kind: 'merge of the parts', stage: /^pdf merge$/ },
  {
    phase: 'post-processing',
    kind: 'running heads (text, print)',
    stage: /^pdf (heads text|running heads)$/,
  },
  { phase: 'post-processing', kind: 'heads laid over', stage: /^pdf heads overlay$/ },
  { phase: 'post-processing', kind: 'tag repairs', stage: /^pdf tags$/ },
  { phase: 'post-processing', kind: 'catalog and information', stage: /^pdf update$/ },
  { phase: 'post-processing', kind: 'the final write (object streams)', stage: /^pdf write$/ },
  {
    phase: 'post-processing',
    kind: 'post-processing, between its steps',
    stage: /^pdf postprocess$/,
  },
  {
    phase: 'post-processing',
    kind: 'page openings (EPUB page-list)',
    stage: /^pdf page openings$/,
  },
  { phase: 'post-processing', kind: 'glyph check', stage: /^pdf glyph check$/ },
  { phase: 'EPUB', kind: 'EPUB', stage: /^epub / },
  {
    phase: 'browser',
    kind: 'browser launch, contexts, close',
    stage: /^(pdf browser|pdf new context|pdf close tab|close browsers)$/,
  },
  { phase: 'browser', kind: "the benchmark's copy of the print HTML", stage: /^pdf bench copy$/ },
  { phase: 'the rest', kind: 'the renderer between its stages (reports, labels)', stage: /^pdf / },
];

const phaseOrder: Phase[] = [
  'pipeline',
  'prints',
  'post-processing',
  'EPUB',
  'browser',
  'the rest',
];

function kindOf(stage: OwnTime): Pick<Kind, 'phase' | 'kind'> {
  const found = kinds.find(
    (k) => k.stage.test(stage.stage) && (!k.within || stage.within.some((w) => k.within?.test(w))),
  );
  return found ?? { phase: 'the rest', kind: `other stages (${stage.stage})` };
}

/** The wall time `wallMs` of a build whose stages are `times`, by kind of work. */
export function breakdownOf(times: readonly StageTime[], wallMs: number): Breakdown {
  const sums = new Map<string, BreakdownRow>();
  for (const own of exclusiveTimes(times)) {
    const { phase, kind } = kindOf(own);
    const row = sums.get(kind) ?? { phase, kind, ms: 0 };
    row.ms += own.ms;
    sums.set(kind, row);
  }
  const covered = [...sums.values()].reduce((total, row) => total + row.ms, 0);
  const untimed = wallMs - covered;
  const rows = [...sums.values()]
    .filter((row) => row.ms > 0)
    .sort((a, b) => phaseOrder.indexOf(a.phase) - phaseOrder.indexOf(b.phase) || b.ms - a.ms);
  rows.push({ phase: 'the rest', kind: 'no stage (between the stages)', ms: untimed });
  const rest = rows.filter((r) => r.phase === 'the rest').reduce((t, r) => t + r.ms, 0);
  return { wallMs, rows, restShare: wallMs > 0 ? rest / wallMs : 0 };
}

/** Milliseconds per phase. */
export function phaseTotals(breakdown: Breakdown): Array<{ phase: Phase; ms: number }> {
  return phaseOrder
    .map((phase) => ({
      phase,
      ms: breakdown.rows.filter((r) => r.phase === phase).reduce((t, r) => t + r.ms, 0),
    }))
    .filter((p) => p.ms !== 0);
}

/** One line of the report: each phase and kind in seconds, and the phases in floors when given one. */
export function breakdownLine(breakdown: Breakdown, floorMs?: number): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const f = (ms: number) => (floorMs ? `${(ms / floorMs).toFixed(2)} floors: ` : '');
  return phaseTotals(breakdown)
    .map(({ phase, ms }) => {
      const kinds = breakdown.rows
        .filter((r) => r.phase === phase && Math.abs(r.ms) >= 5)
        .map((r) => `${r.kind} ${s(r.ms)}`)
        .join(', ');
      return `**${phase}** ${s(ms)} s (${f(ms)}${kinds})`;
    })
    .join('; ');
}
