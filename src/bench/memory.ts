/**
 * Peak memory of this process and of every browser process it started, sampled from
 * /proc (Linux) while work runs.
 */
import { readdirSync, readFileSync } from 'node:fs';

function processTable(): Array<{ pid: number; ppid: number; rss: number }> {
  const rows: Array<{ pid: number; ppid: number; rss: number }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      rows.push({ pid: Number(name), ppid, rss: proportionalSize(name) });
    } catch {
      // The process ended while being read.
    }
  }
  return rows;
}

/**
 * Proportional set size: resident memory with pages shared between processes (Chromium's
 * zygote children share most of theirs) divided among them, so that a sum is meaningful.
 */
function proportionalSize(pid: string): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Resident memory (PSS) of the descendants of this process (the browser and its helpers). */
export function childrenRss(): number {
  const rows = processTable();
  const tree = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (tree.has(row.ppid) && !tree.has(row.pid)) {
        tree.add(row.pid);
        grew = true;
      }
    }
  }
  return rows
    .filter((r) => r.pid !== process.pid && tree.has(r.pid))
    .reduce((sum, r) => sum + r.rss, 0);
}

export interface MemoryPeak {
  node: number;
  browser: number;
  total: number;
}

/** Samples until stopped; returns the peaks (bytes). */
export function sampleMemory(intervalMs = 100): () => MemoryPeak {
  const peak: MemoryPeak = { node: 0, browser: 0, total: 0 };
  const sample = () => {
    const node = proportionalSize(String(process.pid)) || process.memoryUsage().rss;
    const browser = childrenRss();
    peak.node = Math.max(peak.node, node);
    peak.browser = Math.max(peak.browser, browser);
    peak.total = Math.max(peak.total, node + browser);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}
