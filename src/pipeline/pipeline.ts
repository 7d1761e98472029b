/**
 * The build as a whole: load the project, parse and collect every document, then for each
 * edition resolve it and render its formats in the order their products need (edition.ts;
 * each renderer assembles its own copy and gets what the earlier ones made), and write the
 * outputs and the manifest.
 * `check` stops after resolving. Nothing here prints or exits: the CLI reports the files'
 * messages and picks the exit code.
 */
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import { onInterrupt } from '../cleanup.ts';
import { type CollectedProject, collectProject } from '../collect/collect.ts';
import type { EditionConfig } from '../config/schema.ts';
import { hasErrors } from '../diagnostics/diagnostics.ts';
import { UsageFailure } from '../failures.ts';
import { loadProject, type Project } from '../load/load-project.ts';
import { browserEndpoints } from '../render/browser.ts';
import type { Pagination } from '../render/pagination.ts';
import { createResolver, type ResolvedDocument } from '../resolve/resolve.ts';
import { lockOutput } from '../write/lock.ts';
import { type Output, writeOutputs } from '../write/write.ts';
import { BrowserPool } from './browser-pool.ts';
import { type Edition, editionOf, type RenderFormat } from './edition.ts';
import { StageTimer } from './stage-timer.ts';

export interface EditionInput {
  project: Project;
  collected: CollectedProject;
  edition: Edition;
  documents: ResolvedDocument[];
  /** What the edition's earlier formats made (edition.formats orders them so). */
  products: EditionProducts;
}

/**
 * What a renderer makes: its files, and what later renderers of the edition use. Each
 * product is declared here, once, with the format that makes it.
 */
export interface Rendered {
  outputs: Output[];
  /** pdf: the print's pagination, which the EPUB's page-list follows. */
  pagination?: Pagination;
  /** pdf, when the build is timed: the last pass's print HTML, the benchmark's floor. */
  printHtml?: string;
}

/** Everything an edition's renderers made so far (the archive packs the outputs). */
export type EditionProducts = Readonly<Rendered> & { outputs: readonly Output[] };

/** Turns one resolved edition into output files of one format. */
export type Renderer = (input: EditionInput, session: RenderSession) => Promise<Rendered>;

/** A renderer per format, and the archive of editions that ask for one. */
export type Renderers = Partial<Record<RenderFormat, Renderer>>;

/** The build's one browser, launched on first use (render/browser.ts). */
export interface BrowserSlot {
  launched?: Promise<Browser>;
  /** Left open when the build ends, for the next build (watch mode). */
  kept: boolean;
  /** A browser to connect to (its DevTools WebSocket endpoint) instead of launching one. */
  endpoint?: string;
}

/** Shared across the renderers of one build (one browser, reused). */
export interface RenderSession {
  progress(message: string): void;
  /** Resources to release when the build ends, whatever happens. */
  onClose(release: () => Promise<void>): void;
  browser: BrowserSlot;
  /** Where stage times go, when someone is measuring. */
  timer?: StageTimer;
  /** The build's output folder, where the print keeps its page estimate (none: no estimate). */
  outDir?: string;
  /**
   * Work to do once the build's outputs are written (the page estimate kept in the output
   * folder): a build that fails, or writes nothing, leaves the folder as it was.
   */
  afterWrite?(action: () => Promise<void>): void;
  /**
   * A browser no edition prints with now, lent to this one until `giveBackBrowser` (part
   * by part, it prints parts on it at the same time); undefined when every one is busy.
   */
  borrowBrowser?(): BrowserSlot | undefined;
  giveBackBrowser?(slot: BrowserSlot): void;
}

export interface BuildOptions {
  configPath: string;
  outDir?: string;
  /** Edition ids to build; all when empty. */
  editions?: string[];
  renderers: Renderers;
  progress?: (message: string) => void;
  /** Records the wall time of every stage (the benchmark reads it). */
  timer?: StageTimer;
  /** The browser to print with, when it outlives the build (watch mode). */
  browser?: BrowserSlot;
  /**
   * How many local browsers to print with when no endpoints are configured: editions then
   * build in parallel, one per browser (default 1, or `FOLIO_LOCAL_BROWSERS`).
   */
  localBrowsers?: number;
}

export interface BuildResult {
  files: VFile[];
  outputs: Output[];
  /** Each edition rendered, with what its renderers made. */
  editions: Array<{ edition: Edition; products: EditionProducts }>;
  /** False when errors stopped the build before anything was written. */
  written: boolean;
  outDir: string;
}

export interface CheckedProject {
  project: Project;
  collected: CollectedProject;
  editions: EditionConfig[];
  resolved: Map<string, ResolvedDocument[]>;
}

/** Parses, collects and resolves every selected edition: every diagnostic, no output. */
export function checkProject(
  configPath: string,
  editionIds: readonly string[] = [],
  timer = new StageTimer(),
): CheckedProject {
  const project = timer.timeSync('load', () => loadProject(configPath));
  const editions = selectEditions(project.config.editions, editionIds);
  const collected = timer.timeSync('parse+collect', () => collectProject(project));
  const resolved = new Map<string, ResolvedDocument[]>();
  if (!hasErrors(project.files)) {
    // One resolver for every edition: each tree's problems are reported once.
    const resolver = createResolver(project.config, collected, project.plugins.rehype);
    for (const edition of editions) {
      resolved.set(
        edition.id,
        timer.timeSync(`resolve ${edition.id}`, () => resolver.resolve(edition)),
      );
    }
  }
  return { project, collected, editions, resolved };
}

export async function buildEditions(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? (() => {});
  const timer = options.timer ?? new StageTimer();
  const checked = checkProject(options.configPath, options.editions, timer);
  const { project, collected } = checked;
  const outDir = path.resolve(options.outDir ?? path.join(project.root, 'dist'));
  if (hasErrors(project.files))
    return { files: project.files, outputs: [], editions: [], written: false, outDir };

  const unlock = lockOutput(outDir, project);
  const releases: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const release of releases.splice(0).reverse()) await release();
  };
  const unregister = onInterrupt(async () => {
    await closeAll();
    unlock();
  });
  const afterWrite: Array<() => Promise<void>> = [];
  const pool = new BrowserPool(browserSlots(project.config.browserEndpoints, options));
  const session = (browser: BrowserSlot): RenderSession => ({
    progress,
    onClose: (release) => releases.push(release),
    browser,
    timer,
    outDir,
    afterWrite: (action) => afterWrite.push(action),
    borrowBrowser: () => pool.take(),
    giveBackBrowser: (slot) => pool.give(slot),
  });
  const renderEdition = async (config: EditionConfig, slot: BrowserSlot) => {
    const documents = checked.resolved.get(config.id) ?? [];
    const configured = editionOf(config, documents, {
      registry: collected.registry,
      title: project.config.title,
      language: project.config.language,
    });
    // The formats this build renders (a caller may pass fewer renderers than the config
    // names): a renderer asks the edition what comes after it (the print reads its page
    // openings only for an EPUB).
    const edition = {
      ...configured,
      formats: configured.formats.filter((format) => options.renderers[format]),
    };
    let products: EditionProducts = { outputs: [] };
    for (const format of edition.formats) {
      const renderer = options.renderers[format];
      if (!renderer) continue;
      progress(`${edition.id}: ${format}`);
      const made = await timer.time(`${format} ${edition.id}`, () =>
        renderer({ project, collected, edition, documents, products }, session(slot)),
      );
      products = { ...products, ...made, outputs: [...products.outputs, ...made.outputs] };
    }
    return { edition, products };
  };
  const outputs: Output[] = [];
  const rendered: BuildResult['editions'] = [];
  try {
    const done = await inParallel(checked.editions, pool, renderEdition);
    for (const edition of done) {
      outputs.push(...edition.products.outputs);
      rendered.push(edition);
    }
    await timer.time('close browsers', closeAll);
    // Nothing is written unless every edition rendered without errors.
    if (hasErrors(project.files))
      return { files: project.files, outputs, editions: rendered, written: false, outDir };
    timer.timeSync('write', () => {
      writeOutputs(outDir, outputs);
    });
    for (const action of afterWrite) await action();
    return { files: project.files, outputs, editions: rendered, written: true, outDir };
  } finally {
    await closeAll();
    unregister();
    unlock();
  }
}

/**
 * One slot per browser the editions may print with at once: the kept browser (watch
 * mode), each endpoint to connect to, or the local browsers to launch (one by default:
 * on a machine of few cores two prints at once gain little, and each browser costs its
 * own memory).
 */
function browserSlots(configured: string[] | undefined, options: BuildOptions): BrowserSlot[] {
  if (options.browser) return [options.browser];
  const endpoints = browserEndpoints(configured);
  if (endpoints.length > 0) return endpoints.map((endpoint) => ({ kept: false, endpoint }));
  const local = options.localBrowsers ?? Number(process.env.FOLIO_LOCAL_BROWSERS ?? 1);
  const count = Number.isInteger(local) && local > 1 ? Math.min(local, 16) : 1;
  return Array.from({ length: count }, () => ({ kept: false }));
}

/**
 * Renders `editions`, at most one per browser at a time, each on a browser it holds from
 * `pool` until no edition is left for it; the results in the editions' order. Editions
 * are independent (each assembles its own copy), so their order of completion changes
 * nothing but the order of progress lines.
 */
async function inParallel<T>(
  editions: readonly EditionConfig[],
  pool: BrowserPool,
  render: (edition: EditionConfig, slot: BrowserSlot) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(editions.length);
  let next = 0;
  let failed = false;
  const worker = async (slot: BrowserSlot) => {
    try {
      // After a failure no edition starts: the build ends with the failure.
      while (next < editions.length && !failed) {
        const index = next++;
        const edition = editions[index];
        if (!edition) continue;
        try {
          results[index] = await render(edition, slot);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    } finally {
      pool.give(slot);
    }
  };
  const workers: BrowserSlot[] = [];
  for (let i = 0; i < Math.max(1, editions.length); i++) {
    const slot = pool.take();
    if (slot) workers.push(slot);
  }
  await Promise.all(workers.map(worker));
  return results;
}

function selectEditions(all: EditionConfig[], ids: readonly string[]): EditionConfig[] {
  if (ids.length === 0) return all;
  const unknown = ids.filter((id) => !all.some((e) => e.id === id));
  if (unknown.length > 0) {
    throw new UsageFailure(
      `Unknown edition ${unknown.map((u) => `\`${u}\``).join(', ')}: the config declares ${all.map((e) => `\`${e.id}\``).join(', ')}`,
    );
  }
  return all.filter((e) => ids.includes(e.id));
}
