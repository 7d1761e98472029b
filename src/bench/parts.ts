/**
 * Part-wise printing against one print, for the benchmark: the same synthetic project
 * (several documents, so that there are parts to print) built to PDF alone, once with
 * `FOLIO_PRINT_PARTS=never` and once with `auto` (the default), each with its wall time,
 * pages and peak memory (Node plus browser, proportional set size).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildEditions } from '../pipeline/pipeline.ts';
import { type StageTime, StageTimer } from '../pipeline/stage-timer.ts';
import { renderers } from '../render/renderers.ts';
import { descendants, type MemoryPeak, sampleMemory } from './memory.ts';
import { checkPageNumbers, type PageNumberCheck } from './page-numbers.ts';
import { type SyntheticProject, writeSyntheticProject } from './synthetic-project.ts';

export interface PartsRun {
  ms: number;
  pages: number;
  peakMemory: MemoryPeak;
  /** Browser processes still running after the build (should be none). */
  browsersLeft: number;
  /** The printed page numbers read back against the pages (page-numbers.ts), where poppler is installed. */
  pageNumbers?: PageNumberCheck;
  /** The build's stage times, when it was timed. */
  times?: StageTime[];
}

export interface PartsResult {
  targetPages: number;
  documents: number;
  onePrint: PartsRun;
  inParts: PartsRun;
}

/** About 50 pages a document, so that parts stay about as long at every size. */
export const documentsFor = (pages: number) => Math.max(2, Math.round(pages / 50));

/** One PDF-only build of `project`'s pack, printed whole (`never`) or part by part (`auto`). */
export async function pdfOnlyBuild(
  project: SyntheticProject,
  outDir: string,
  mode: 'never' | 'auto',
  timer?: StageTimer,
): Promise<PartsRun> {
  const before = process.env.FOLIO_PRINT_PARTS;
  process.env.FOLIO_PRINT_PARTS = mode;
  try {
    const stop = sampleMemory();
    const start = performance.now();
    const result = await buildEditions({
      configPath: project.configPath,
      outDir,
      renderers: { pdf: renderers.pdf },
      editions: ['pack'],
      ...(timer ? { timer } : {}),
    });
    const ms = performance.now() - start;
    const peakMemory = stop();
    if (!result.written) throw new Error(`the build in ${outDir} (${mode}) failed`);
    const pdf = result.outputs.find((o) => o.format === 'pdf');
    const figures: PartsRun = {
      ms,
      pages: pdf?.pages ?? 0,
      peakMemory,
      browsersLeft: descendants(process.pid).filter((p) => /chrom/i.test(p.name)).length,
      ...(timer ? { times: [...timer.times] } : {}),
    };
    if (pdf)
      figures.pageNumbers = await checkPageNumbers(path.join(result.outDir, pdf.path)).catch(
        () => undefined,
      );
    return figures;
  } finally {
    if (before === undefined) delete process.env.FOLIO_PRINT_PARTS;
    else process.env.FOLIO_PRINT_PARTS = before;
  }
}

export async function partsComparison(
  targetPages: number,
  /** Told each build's figures as soon as it ends. */
  onRun?: (mode: 'never' | 'auto', run: PartsRun) => void,
): Promise<PartsResult> {
  const work = mkdtempSync(path.join(tmpdir(), `folio-bench-parts-${targetPages}-`));
  // FOLIO_BENCH_PARTS_DOCUMENTS=1: one long document of chapters, cut at its chapters.
  const documents = Number(process.env.FOLIO_BENCH_PARTS_DOCUMENTS) || documentsFor(targetPages);
  try {
    const project = writeSyntheticProject(work, {
      pages: targetPages,
      documents,
      chapters: documents === 1,
    });
    const run = async (mode: 'never' | 'auto'): Promise<PartsRun> => {
      const figures = await pdfOnlyBuild(project, path.join(work, `dist-${mode}`), mode);
      onRun?.(mode, figures);
      return figures;
    };
    const onePrint = await run('never');
    const inParts = await run('auto');
    return { targetPages, documents, onePrint, inParts };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The growth builds: the same kind of project (about 50-page documents) at each of
 * `sizes`, built to PDF part by part (the default), one after another, each timed stage
 * by stage, with its peak memory and its page numbers read back.
 */
export async function growthBuilds(
  sizes: readonly number[],
  onRun?: (targetPages: number, run: PartsRun) => void,
): Promise<Array<PartsRun & { targetPages: number; documents: number }>> {
  const runs: Array<PartsRun & { targetPages: number; documents: number }> = [];
  for (const targetPages of sizes) {
    const work = mkdtempSync(path.join(tmpdir(), `folio-bench-growth-${targetPages}-`));
    try {
      const documents = documentsFor(targetPages);
      const project = writeSyntheticProject(work, { pages: targetPages, documents });
      const run = await pdfOnlyBuild(project, path.join(work, 'dist'), 'auto', new StageTimer());
      onRun?.(targetPages, run);
      runs.push({ ...run, targetPages, documents });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return runs;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** The report's lines for the comparisons. */
export function partsLines(results: readonly PartsResult[]): string[] {
  return results.map((r) => {
    const line = (run: PartsRun) =>
      `${(run.ms / 1000).toFixed(1)} s, peak ${mb(run.peakMemory.total)} MB (node ${mb(run.peakMemory.node)} + browser ${mb(run.peakMemory.browser)})`;
    const numbers = r.inParts.pageNumbers;
    const checked = numbers
      ? `; ${numbers.crossReferences} cross-references and ${numbers.contentsEntries} contents entries read back, ${numbers.wrongCount} wrong`
      : '';
    return `${r.onePrint.pages} pages in ${r.documents} documents, PDF only: one print ${line(r.onePrint)}; part by part ${line(r.inParts)} (${r.inParts.pages} pages; browsers left ${r.inParts.browsersLeft}${checked})`;
  });
}
