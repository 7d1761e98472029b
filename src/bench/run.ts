/**
 * `npm run bench`: builds synthetic projects of about 50, 100, 200 and 400 printed pages
 * (print and EPUB) and reports, per size, the wall time of every stage, the print passes,
 * pages, output sizes and peak memory (of a second cold build, `folio build` in a process
 * of its own: the timed one is not sampled, memory.ts), against two reference points
 * measured in the same run: the floor (one Chromium print of the final print HTML) and
 * Pandoc converting the same Markdown to EPUB, where Pandoc is installed; each size's print is also built again
 * into the same output folder (the rebuild: from the page estimate the first build kept,
 * one print expected), reported beside the cold build; then, at 400 pages (or
 * `FOLIO_BENCH_PARTS_PAGES`), a PDF-only build printed whole and part by part (parts.ts).
 * Writes dist/bench/results.json and .md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildEditions } from '../pipeline/pipeline.ts';
import { StageTimer } from '../pipeline/stage-timer.ts';
import { launchBrowser } from '../render/browser.ts';
import { waitForFaces } from '../render/pdf/font-wait.ts';
import { renderers } from '../render/renderers.ts';
import { type Breakdown, breakdownLine, breakdownOf } from './breakdown.ts';
import { descendants, type MemoryPeak, sampleMemory } from './memory.ts';
import {
  documentsFor,
  growthBuilds,
  type PartsResult,
  partsComparison,
  partsLines,
} from './parts.ts';
import { type PeerResult, peers } from './peers.ts';
import { writeSyntheticProject } from './synthetic-project.ts';
import { type MeasuredFigures, type NotMeasuredReasons, targets, targetsTable } from './targets.ts';

interface SizeResult {
  targetPages: number;
  pages: number;
  words: number;
  passes: number;
  stages: Record<string, number>;
  /** The faster of two cold builds' prints (that build's figures are the ones reported). */
  printMs: number;
  /** Both cold builds' prints, in the order they ran. */
  coldRunsMs: number[];
  /** The cold build's wall time (print and EPUB), and where it went. */
  wallMs: number;
  breakdown: Breakdown;
  /**
   * The same build again into the same output folder: from the page estimate the first
   * kept, its print (one pass expected) and its stages.
   */
  rebuild: {
    passes: number;
    printMs: number;
    stages: Record<string, number>;
    wallMs: number;
    breakdown: Breakdown;
  };
  epubMs: number;
  /** The faster of two tagged prints of the final HTML (the floor). */
  floorTaggedMs: number;
  /** Both tagged prints, in the order they ran. */
  floorTaggedRunsMs: number[];
  floorUntaggedMs: number;
  /** Two untagged floor prints of the same HTML, the same bytes. */
  floorStable: boolean;
  /** `@font-face` rules in the final print HTML. */
  fontFaces: number;
  pandocEpubMs?: number;
  pdfBytes: number;
  epubBytes: number;
  peakMemory: { node: number; browser: number; total: number };
  /** Browser processes still running once the build had returned (the target: none). */
  browsersLeft: number;
  /** Other engines on the same print HTML, in the same run (the largest size only). */
  peers?: PeerResult[];
}

/** The same project with two print editions, built with one browser and with two. */
interface ParallelResult {
  pages: number;
  editions: number;
  oneBrowserMs: number;
  twoBrowsersMs: number;
  /** One of the editions printed part by part (`printParts: always`) on one browser and on two. */
  parts?: { oneBrowserMs: number; twoBrowsersMs: number };
}

const sizes = (process.env.FOLIO_BENCH_SIZES ?? '50,100,200,400').split(',').map(Number);
/** `FOLIO_BENCH_PEERS=0` leaves the other engines out (they take minutes at 400 pages). */
const withPeers = process.env.FOLIO_BENCH_PEERS !== '0';
/** Pages of the project built with one and with two browsers; `0` leaves it out. */
const parallelPages = Number(process.env.FOLIO_BENCH_PARALLEL_PAGES ?? 100);
/** Sizes at which part-wise printing is compared with one print (`FOLIO_BENCH_PARTS_PAGES=400,1600`; 0: none). */
const partsPages = (process.env.FOLIO_BENCH_PARTS_PAGES ?? '400')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
/**
 * Sizes of the growth builds (`FOLIO_BENCH_GROWTH_PAGES=400,1600`; none by default: the
 * 1,600-page build takes many minutes): PDF only, part by part, timed stage by stage.
 */
const growthPages = (process.env.FOLIO_BENCH_GROWTH_PAGES ?? '')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

interface Floor {
  /** The faster of two tagged prints: a busy machine slows a print, it never speeds one. */
  tagged: number;
  taggedRuns: number[];
  untagged: number;
  /** Whether two untagged prints of the same HTML gave the same bytes. */
  stable: boolean;
}

/** The other engines on the final print HTML of `result`'s size. */
async function peersOf(result: SizeResult): Promise<PeerResult[]> {
  const html = printHtmls.get(result.targetPages);
  if (html === undefined) return [];
  const work = mkdtempSync(path.join(tmpdir(), `folio-bench-peers-${result.targetPages}-`));
  const file = path.join(work, 'print.html');
  writeFileSync(file, html);
  const browser = await launchBrowser({ protocolTimeout: 3_600_000 });
  try {
    return await peers(browser, file, work);
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The final print HTML of each size, for the other engines. */
const printHtmls = new Map<number, string>();

/** A raw print's bytes with its creation and modification times (to the second) blanked. */
function undated(pdf: Uint8Array): string {
  return Buffer.from(pdf)
    .toString('latin1')
    .replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, (date) => date.replace(/\d/g, '0'));
}

async function floor(html: string, work: string): Promise<Floor> {
  const file = path.join(work, 'floor.html');
  writeFileSync(file, html);
  // A loaded machine prints 400 pages in minutes: no call of the floor may time out.
  const browser = await launchBrowser({ protocolTimeout: 3_600_000 });
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    // Laid out, and its faces loaded, for print: the styles the PDF is printed with.
    await page.emulateMediaType('print');
    const once = async (tagged: boolean) => {
      const start = performance.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Every face its text may use, loaded before the print, as Folio's own print waits
      // (document.fonts.ready after a layout is not enough: a face asked for by the layout
      // may not be loading yet, and the PDF then changes from print to print).
      await waitForFaces(page);
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        tagged,
        outline: tagged,
        timeout: 0,
      });
      return { ms: performance.now() - start, pdf };
    };
    const warm = await once(false); // warm the fonts and the cache, as the build's own first pass does
    const untagged = await once(false);
    const taggedRuns = [(await once(true)).ms, (await once(true)).ms];
    return {
      untagged: untagged.ms,
      tagged: Math.min(...taggedRuns),
      taggedRuns,
      stable: undated(warm.pdf) === undated(untagged.pdf),
    };
  } finally {
    await browser.close();
  }
}

function pandocEpub(root: string, work: string): number | undefined {
  if (spawnSync('pandoc', ['--version']).status !== 0) return undefined;
  const files = readdirSync(path.join(root, 'manuscript'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(root, 'manuscript', f));
  const start = performance.now();
  execFileSync('pandoc', [
    '--from',
    'markdown',
    '--to',
    'epub3',
    '--metadata',
    'title=Synthetic',
    '-o',
    path.join(work, 'pandoc.epub'),
    ...files,
  ]);
  return performance.now() - start;
}

/**
 * The peak memory of a cold `folio build` of the project at `configPath` into `outDir`
 * (all its editions' formats, as a user builds it), run as installed (lib/cli.js, plain
 * Node) in a process of its own, with its browser: sampled as that process and its
 * descendants, from a fresh heap as a user's is, while the timed builds run unsampled.
 */
async function sampledBuild(configPath: string, outDir: string): Promise<MemoryPeak> {
  const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
  const child = spawn(process.execPath, [cli, 'build', '-c', configPath, '-o', outDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  if (child.pid === undefined) throw new Error(`could not start ${cli}`);
  const stop = sampleMemory(child.pid);
  const [code] = (await once(child, 'exit')) as [number | null];
  const peak = stop();
  if (code !== 0) throw new Error(`the sampled build (${cli}) exited with ${code}:\n${errors}`);
  return peak;
}

async function measure(targetPages: number): Promise<SizeResult> {
  const work = mkdtempSync(path.join(tmpdir(), `folio-bench-${targetPages}-`));
  try {
    const project = writeSyntheticProject(work, { pages: targetPages });
    const browsers = () => descendants(process.pid).filter((p) => /chrom/i.test(p.name)).length;
    // Timed unsampled, as the floor is: reading the PSS of the browser's processes every
    // 500 ms made the same 447-page cold build (PDF only) 6.6 and 7.1 s slower, 13 %.
    // Two cold builds, each into a folder of its own (nothing kept from the other), and the
    // faster is the one reported: the floor is the faster of two prints, as a busy machine
    // slows a print and never speeds one; so is the build (one run against the faster of
    // two floor prints had the machine's drift between them in every ratio: the same code
    // measured 1.09 × and 1.72 ×, the floors 14.6 and 12.9 s).
    const coldBuild = async (outDir: string) => {
      const timer = new StageTimer();
      const start = performance.now();
      const result = await buildEditions({
        configPath: project.configPath,
        outDir,
        renderers: { pdf: renderers.pdf, epub: renderers.epub },
        timer,
      });
      const wallMs = performance.now() - start;
      if (!result.written) throw new Error(`the ${targetPages}-page build failed`);
      const printMs = timer.total(/^pdf pack$/) - timer.total(/^pdf bench copy$/);
      return { timer, result, wallMs, printMs };
    };
    const colds = [
      await coldBuild(path.join(work, 'dist-first')),
      await coldBuild(path.join(work, 'dist')),
    ];
    const browsersLeft = browsers();
    const { timer, result, wallMs } = colds.reduce((a, b) => (b.printMs < a.printMs ? b : a));
    const peakMemory = await sampledBuild(project.configPath, path.join(work, 'dist-sampled'));
    const pdf = result.outputs.find((o) => o.format === 'pdf');
    const epub = result.outputs.find((o) => o.format === 'epub');
    const stages = stagesOf(timer);
    const printHtml = result.editions.find((e) => e.edition.id === 'pack')?.products.printHtml;
    if (printHtml === undefined) throw new Error('the print renderer kept no print HTML');
    const floors = await floor(printHtml, work);
    printHtmls.set(targetPages, printHtml);
    const again = new StageTimer();
    const restart = performance.now();
    const rebuilt = await buildEditions({
      configPath: project.configPath,
      outDir: path.join(work, 'dist'),
      renderers: { pdf: renderers.pdf },
      timer: again,
    });
    const rebuildWallMs = performance.now() - restart;
    if (!rebuilt.written) throw new Error(`the ${targetPages}-page rebuild failed`);
    return {
      targetPages,
      pages: pdf?.pages ?? 0,
      words: project.words,
      passes: passesOf(timer),
      stages,
      // The renderer's time less the copy of its print HTML it keeps for the benchmark.
      printMs: timer.total(/^pdf pack$/) - timer.total(/^pdf bench copy$/),
      coldRunsMs: colds.map((cold) => cold.printMs),
      wallMs,
      breakdown: breakdownOf(timer.times, wallMs),
      rebuild: {
        passes: passesOf(again),
        printMs: again.total(/^pdf pack$/) - again.total(/^pdf bench copy$/),
        stages: stagesOf(again),
        wallMs: rebuildWallMs,
        breakdown: breakdownOf(again.times, rebuildWallMs),
      },
      epubMs: timer.total(/^epub pack$/),
      floorTaggedMs: floors.tagged,
      floorTaggedRunsMs: floors.taggedRuns,
      floorUntaggedMs: floors.untagged,
      floorStable: floors.stable,
      fontFaces: printHtml.match(/@font-face/g)?.length ?? 0,
      pandocEpubMs: pandocEpub(project.root, work),
      pdfBytes: pdf?.bytes.byteLength ?? 0,
      epubBytes: epub?.bytes.byteLength ?? 0,
      peakMemory,
      browsersLeft,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const passesOf = (timer: StageTimer) =>
  timer.times.filter((t) => t.stage.startsWith('pdf pass')).length;

function stagesOf(timer: StageTimer): Record<string, number> {
  const stages: Record<string, number> = {};
  for (const t of timer.times) stages[t.stage] = (stages[t.stage] ?? 0) + t.ms;
  return stages;
}

/** Two print editions of one project, built with one local browser, then with two. */
async function parallel(pages: number): Promise<ParallelResult> {
  const work = mkdtempSync(path.join(tmpdir(), `folio-bench-parallel-${pages}-`));
  try {
    const project = writeSyntheticProject(work, { pages, extraEditions: 1 });
    const build = async (localBrowsers: number, editions?: string[], tag = '') => {
      const start = performance.now();
      const result = await buildEditions({
        configPath: project.configPath,
        outDir: path.join(work, `dist-${localBrowsers}${tag}`),
        renderers: { pdf: renderers.pdf },
        localBrowsers,
        ...(editions ? { editions } : {}),
      });
      if (!result.written) throw new Error(`the ${pages}-page parallel build failed`);
      return performance.now() - start;
    };
    await build(1); // warm the caches, as the first build of a size does
    const oneBrowserMs = await build(1);
    const twoBrowsersMs = await build(2);
    // One edition, each document a part of its own: its parts on one browser, then on two.
    const before = process.env.FOLIO_PRINT_PARTS;
    process.env.FOLIO_PRINT_PARTS = 'always';
    try {
      const parts = {
        oneBrowserMs: await build(1, ['pack'], '-parts'),
        twoBrowsersMs: await build(2, ['pack'], '-parts'),
      };
      return { pages, editions: 2, oneBrowserMs, twoBrowsersMs, parts };
    } finally {
      if (before === undefined) delete process.env.FOLIO_PRINT_PARTS;
      else process.env.FOLIO_PRINT_PARTS = before;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The load averages over 1, 5 and 15 minutes, as `uptime` prints them. */
const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

const seconds = (ms: number | undefined) => (ms === undefined ? 'n/a' : (ms / 1000).toFixed(2));
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function table(results: SizeResult[]): string {
  const rows = [
    '| pages | words | passes | collect+resolve s | print s | floor (tagged / untagged) s | print ÷ floor | rebuild: passes, print s, ÷ floor | EPUB s | Pandoc EPUB s | PDF MB | EPUB KB | peak MB (node + browser) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results
      .map((r) =>
        [
          r.pages,
          r.words,
          r.passes,
          seconds(
            (r.stages.load ?? 0) +
              (r.stages['parse+collect'] ?? 0) +
              (r.stages['resolve pack'] ?? 0),
          ),
          seconds(r.printMs),
          `${seconds(r.floorTaggedMs)} / ${seconds(r.floorUntaggedMs)}`,
          (r.printMs / r.floorTaggedMs).toFixed(2),
          `${r.rebuild.passes}, ${seconds(r.rebuild.printMs)}, ${(r.rebuild.printMs / r.floorTaggedMs).toFixed(2)}`,
          seconds(r.epubMs),
          seconds(r.pandocEpubMs),
          (r.pdfBytes / 1024 / 1024).toFixed(1),
          (r.epubBytes / 1024).toFixed(0),
          `${megabytes(r.peakMemory.total)} (${megabytes(r.peakMemory.node)} + ${megabytes(r.peakMemory.browser)})`,
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
  ];
  return rows.join('\n');
}

/** The other engines beside the floor and Folio, as ratios to the floor. */
function peerLines(r: SizeResult): string[] {
  if (!r.peers) return [];
  const ratio = (ms: number) => (ms / r.floorTaggedMs).toFixed(2);
  return [
    `${r.pages} pages, same print HTML, same run: floor ${seconds(r.floorTaggedMs)} s (1.00), Folio ${seconds(r.printMs)} s (${ratio(r.printMs)}), ${r.peers
      .map((p) =>
        p.ms === undefined
          ? `${p.engine} ${p.note}`
          : `${p.engine} ${seconds(p.ms)} s (${ratio(p.ms)})`,
      )
      .join(', ')}`,
  ];
}

function parallelLines(p: ParallelResult | undefined): string[] {
  if (!p) return [];
  const gain = p.oneBrowserMs / p.twoBrowsersMs;
  return [
    `${p.editions} print editions of ${p.pages} pages: one browser ${seconds(p.oneBrowserMs)} s, two local browsers ${seconds(p.twoBrowsersMs)} s (${gain.toFixed(2)}× on ${cpus().length} cores; with N browsers on N free cores, up to min(N, editions)×)`,
    ...(p.parts
      ? [
          `one edition of ${p.pages} pages printed part by part (each document alone): one browser ${seconds(p.parts.oneBrowserMs)} s, two local browsers ${seconds(p.parts.twoBrowsersMs)} s (${(p.parts.oneBrowserMs / p.parts.twoBrowsersMs).toFixed(2)}×)`,
        ]
      : []),
  ];
}

function verdicts(results: SizeResult[]): string[] {
  const by = (pages: number) => results.find((r) => r.targetPages === pages);
  const big = by(400);
  const small = by(100);
  const lines: string[] = [
    `the print HTML's @font-face rules: ${results.map((r) => `${r.targetPages} pages ${r.fontFaces}`).join(', ')}; the floor, two prints of it, the same bytes: ${results.map((r) => (r.floorStable ? 'yes' : 'no')).join(', ')}; the floor is the faster of two tagged prints: ${results.map((r) => `${r.targetPages} pages ${r.floorTaggedRunsMs.map((ms) => (ms / 1000).toFixed(1)).join(' and ')} s`).join(', ')}; the cold build the faster of two: ${results.map((r) => `${r.targetPages} pages ${r.coldRunsMs.map((ms) => (ms / 1000).toFixed(1)).join(' and ')} s`).join(', ')}`,
    ...results.flatMap((r) => [
      `${r.pages} pages, cold build (print and EPUB), ${seconds(r.wallMs)} s = ${(r.wallMs / r.floorTaggedMs).toFixed(2)} floors, print ÷ floor ${(r.printMs / r.floorTaggedMs).toFixed(2)}; where the wall time went: ${breakdownLine(r.breakdown, r.floorTaggedMs)}`,
      `${r.pages} pages, rebuild from the kept page estimate (print only), ${seconds(r.rebuild.wallMs)} s = ${(r.rebuild.wallMs / r.floorTaggedMs).toFixed(2)} floors, print ÷ floor ${(r.rebuild.printMs / r.floorTaggedMs).toFixed(2)}; ${breakdownLine(r.rebuild.breakdown, r.floorTaggedMs)}`,
    ]),
  ];
  if (big && small) {
    lines.push(
      `growth 100 → 400 pages, PDF: ${(big.printMs / small.printMs).toFixed(2)}× for ${(big.pages / small.pages).toFixed(2)}× the pages`,
    );
    lines.push(
      `growth 100 → 400 pages, EPUB: ${(big.epubMs / small.epubMs).toFixed(2)}× for ${(big.pages / small.pages).toFixed(2)}× the pages`,
    );
  }
  return lines;
}

const results: SizeResult[] = [];
for (const size of sizes) {
  process.stderr.write(`bench: ${size} pages…\n`);
  results.push(await measure(size));
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`;
const out = path.resolve('dist', 'bench');
mkdirSync(out, { recursive: true });
let parallelResult: ParallelResult | undefined;
const partsResults: PartsResult[] = [];
type GrowthRun = Awaited<ReturnType<typeof growthBuilds>>[number];
const growthResults: Array<Omit<GrowthRun, 'times'> & { breakdown: Breakdown; passes: number }> =
  [];
/** What has run so far, for the Targets section. */
const ran = { peers: false, parallel: false, growth: false };
const largest = results.reduce<SizeResult | undefined>(
  (big, r) => (!big || r.targetPages > big.targetPages ? r : big),
  undefined,
);

/** The figures of this run that the targets are measured on. */
function measuredFigures(): MeasuredFigures {
  const big = results.find((r) => r.targetPages === 400);
  const bySize = [...growthResults].sort((a, b) => a.targetPages - b.targetPages);
  const figure = (run: (typeof growthResults)[number] | undefined) =>
    run && { pages: run.pages, ms: run.ms, peakBytes: run.peakMemory.total };
  return {
    ...(big && {
      print400: {
        pages: big.pages,
        printMs: big.printMs,
        floorMs: big.floorTaggedMs,
        rebuildMs: big.rebuild.printMs,
      },
      memory400: {
        pages: big.pages,
        peakBytes: big.peakMemory.total,
        ...(bySize[0] && bySize[0].targetPages === 400
          ? {
              partWise: {
                pages: bySize[0].pages,
                documents: bySize[0].documents,
                peakBytes: bySize[0].peakMemory.total,
              },
            }
          : {}),
      },
    }),
    ...(growthResults.length >= 2 && {
      growth: { small: figure(bySize[0]), large: figure(bySize.at(-1)) },
    }),
    ...(parallelResult && {
      parallel: { ...parallelResult, cores: cpus().length },
    }),
    ...(largest?.peers && {
      peers: { floorMs: largest.floorTaggedMs, folioMs: largest.printMs, engines: largest.peers },
    }),
    ...(largest && {
      epub: { pages: largest.pages, epubMs: largest.epubMs, pandocMs: largest.pandocEpubMs },
    }),
    browsersLeft: [
      ...results.map((r) => r.browsersLeft),
      ...partsResults.flatMap((r) => [r.onePrint.browsersLeft, r.inParts.browsersLeft]),
      ...growthResults.map((r) => r.browsersLeft),
    ],
  };
}

/** Why a target was not measured in this run, as far as the run knows. */
function reasons(): NotMeasuredReasons {
  const pending = 'not run yet: the report is written as the run goes';
  const noSize = `no 400-page size in this run (FOLIO_BENCH_SIZES=${sizes.join(',')})`;
  const growth =
    growthPages.length === 0
      ? 'the growth builds are behind an option: FOLIO_BENCH_GROWTH_PAGES=400,1600 (see the README)'
      : growthPages.length < 2
        ? 'FOLIO_BENCH_GROWTH_PAGES needs two sizes'
        : ran.growth
          ? 'a growth build failed'
          : pending;
  return {
    'print-2.0': noSize,
    'print-1.6': noSize,
    'memory-400': noSize,
    'memory-sublinear': growth,
    'memory-1600': growth,
    growth,
    parallel: parallelPages > 0 ? pending : 'left out (FOLIO_BENCH_PARALLEL_PAGES=0)',
    peers: withPeers ? pending : 'left out (FOLIO_BENCH_PEERS=0)',
  };
}

function growthLines(): string[] {
  return growthResults.map((g) => {
    const numbers = g.pageNumbers
      ? `; ${g.pageNumbers.crossReferences} cross-references and ${g.pageNumbers.contentsEntries} contents entries read back, ${g.pageNumbers.wrongCount} wrong`
      : '';
    return `growth build, ${g.pages} pages in ${g.documents} documents (PDF only, part by part, ${g.passes} passes): ${seconds(g.ms)} s, peak ${megabytes(g.peakMemory.total)} MB (node ${megabytes(g.peakMemory.node)} + browser ${megabytes(g.peakMemory.browser)}), browsers left ${g.browsersLeft}${numbers}; where the wall time went: ${breakdownLine(g.breakdown)}`;
  });
}

/** Writes the report so far: the slow parts (other engines, two browsers) come last. */
function writeReport(): string {
  const targetRows = targets(measuredFigures(), reasons());
  const report = {
    machine,
    load: loadAverage(),
    date: new Date().toISOString(),
    targets: targetRows,
    results,
    parallel: parallelResult,
    parts: partsResults,
    growth: growthResults,
  };
  writeFileSync(path.join(out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = [
    `Machine: ${machine}; load average ${report.load}`,
    '',
    '## Targets (issue 16)',
    '',
    targetsTable(targetRows),
    '',
    '## Figures',
    '',
    table(results),
    '',
    ...[
      ...verdicts(results),
      ...results.flatMap(peerLines),
      ...parallelLines(parallelResult),
      ...partsLines(partsResults),
      ...growthLines(),
    ].map((v) => `- ${v}`),
    '',
  ].join('\n');
  writeFileSync(path.join(out, 'results.md'), markdown);
  return markdown;
}
writeReport();
if (withPeers && largest) {
  process.stderr.write(`bench: other engines at ${largest.targetPages} pages…\n`);
  largest.peers = await peersOf(largest);
  ran.peers = true;
  writeReport();
}
if (parallelPages > 0) {
  process.stderr.write(`bench: two editions of ${parallelPages} pages, one and two browsers…\n`);
  parallelResult = await parallel(parallelPages);
  ran.parallel = true;
}
for (const pages of partsPages) {
  process.stderr.write(`bench: ${pages} pages, one print and part by part…\n`);
  partsResults.push(await partsComparison(pages));
  writeReport();
}
if (growthPages.length > 0) {
  process.stderr.write(`bench: growth, ${growthPages.join(' and ')} pages part by part…\n`);
  await growthBuilds(growthPages, (targetPages, run) => {
    const { times, ...figures } = run;
    growthResults.push({
      ...figures,
      targetPages,
      documents: documentsFor(targetPages),
      breakdown: breakdownOf(times ?? [], run.ms),
      passes: (times ?? []).filter((t) => t.stage.startsWith('pdf pass')).length,
    });
    writeReport();
  });
  ran.growth = true;
}
process.stdout.write(`${writeReport()}\nStages (ms) per size are in dist/bench/results.json.\n`);
