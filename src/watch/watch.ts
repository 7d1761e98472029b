/**
 * `folio build --watch`: builds, then rebuilds what each change affects (see
 * affected-editions.ts), reports the diagnostics of every rebuild and keeps running
 * through errors. One browser serves every rebuild. Stops when the signal aborts.
 */
import { watch } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { loadConfig } from '../config/load.ts';
import { DiagnosedFailure } from '../failures.ts';
import { type BuildResult, buildEditions, type Renderers } from '../pipeline/pipeline.ts';
import { closeKeptBrowser, keepBrowser } from '../render/browser.ts';
import { affectedEditions, ignored } from './affected-editions.ts';

export interface WatchOptions {
  configPath: string;
  outDir?: string;
  /** Editions to build at first (all when empty). */
  editions: string[];
  renderers: Renderers;
  /** Called after every build with its result, the editions it built and how long it took. */
  onBuild(result: BuildResult | undefined, editions: string[], ms: number, error?: unknown): void;
  /** Called with the diagnostics of a config that cannot be loaded. */
  onConfigError(files: VFile[]): void;
  signal: AbortSignal;
  debounceMs?: number;
}

export async function watchBuild(options: WatchOptions): Promise<void> {
  const browser = keepBrowser();
  const root = path.dirname(path.resolve(options.configPath));
  let outDir = path.resolve(options.outDir ?? path.join(root, 'dist'));
  let pending = new Set<string>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const build = async (editions: string[]) => {
    const started = performance.now();
    try {
      const result = await buildEditions({
        configPath: options.configPath,
        outDir: options.outDir,
        editions,
        renderers: options.renderers,
        browser,
      });
      outDir = result.outDir;
      options.onBuild(result, editions, performance.now() - started);
    } catch (error) {
      options.onBuild(undefined, editions, performance.now() - started, error);
    }
  };

  const flush = async () => {
    const changed = [...pending];
    pending = new Set();
    let editions: string[];
    try {
      const { config } = loadConfig(options.configPath);
      const selected =
        options.editions.length > 0 ? options.editions : config.editions.map((e) => e.id);
      editions = affectedEditions(config, root, changed).filter((e) => selected.includes(e));
    } catch (error) {
      if (error instanceof DiagnosedFailure) options.onConfigError(error.files);
      else options.onBuild(undefined, [], 0, error);
      return;
    }
    if (editions.length > 0) await build(editions);
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) return schedule();
      running = flush().finally(() => {
        running = undefined;
      });
    }, options.debounceMs ?? 150);
  };

  await build(options.editions);
  const watcher = watch(root, { recursive: true }, (_event, name) => {
    if (!name) return;
    const file = path.resolve(root, name.toString());
    if (ignored(root, file, outDir)) return;
    pending.add(file);
    schedule();
  });
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  watcher.close();
  clearTimeout(timer);
  await running;
  await closeKeptBrowser(browser);
}
