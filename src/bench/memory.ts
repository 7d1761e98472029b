/**
 * Peak memory of this process and of every browser process it started, sampled from
 * /proc (Linux) while work runs.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessRow {
  pid: number;
  ppid: number;
  /** The executable's short name (`chromium`, `node` …). */
  name: string;
}

function processTable(): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      rows.push({
        pid: Number(entry),
        ppid: Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0),
        name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '',
      });
    } catch {
      // The process ended while being read.
    }
  }
  return rows;
}

/** Every process started, directly or not, by process `root` (not `root` itself). */
export function descendants(root: number): ProcessRow[] {
  const rows = processTable();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (tree.has(row.ppid) && !tree.has(row.pid)) {
        tree.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.filter((row) => row.pid !== root && tree.has(row.pid));
}

/**
 * Proportional set size: resident memory with pages shared between processes (Chromium's
 * zygote children share most of theirs) divided among them, so that a sum is meaningful.
 */
function proportionalSize(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Resident memory (PSS) of the descendants of process `root` (the browser and its helpers). */
export function childrenRss(root = process.pid): number {
  return descendants(root).reduce((sum, row) => sum + proportionalSize(row.pid), 0);
}

export interface MemoryPeak {
  node: number;
  browser: number;
  total: number;
}

/**
 * Samples until stopped; returns the peaks (bytes). Reading a large process's PSS makes the
 * kernel walk its page tables, on Node's thread: sampled every 100 ms it slowed a 400-page
 * print by a fifth; every 500 ms (memory does not rise and fall faster) still by about 13 %
 * (447 pages, PDF only, 2026-12-07: 59.1 and 52.1 s against 52.5 and 45.0 s), so a
 * build that is timed is not sampled (run.ts times one cold build and samples another, a
 * `folio build` of its own: `root` is then that process, not this one).
 */
export function sampleMemory(root = process.pid): () => MemoryPeak {
  const peak: MemoryPeak = { node: 0, browser: 0, total: 0 };
  const sample = () => {
    const own = root === process.pid ? process.memoryUsage().rss : 0;
    const node = proportionalSize(root) || own;
    const browser = childrenRss(root);
    peak.node = Math.max(peak.node, node);
    peak.browser = Math.max(peak.browser, browser);
    peak.total = Math.max(peak.total, node + browser);
  };
  sample();
  const timer = setInterval(sample, 500);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}
