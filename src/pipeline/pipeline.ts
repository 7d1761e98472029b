/**
 * The build as a whole: load the project, parse and collect every document, then for each
 * edition resolve, assemble and render each format, and write the outputs and the manifest.
 * `check` stops after resolving. Nothing here prints or exits: the CLI reports the files'
 * messages and picks the exit code.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { onInterrupt } from '../cleanup.ts';
import { type CollectedProject, collectProject } from '../collect/collect.ts';
import type { EditionConfig, Format } from '../config/schema.ts';
import { hasErrors } from '../diagnostics/diagnostics.ts';
import { UsageFailure } from '../failures.ts';
import { loadProject, type Project } from '../load/load-project.ts';
import { type ResolvedDocument, resolveEdition } from '../resolve/resolve.ts';
import { lockOutput } from '../write/lock.ts';
import { writeManifest } from '../write/manifest.ts';
import { type Output, writeOutputs } from '../write/write.ts';
import { StageTimer } from './stage-timer.ts';

export interface EditionInput {
  project: Project;
  collected: CollectedProject;
  edition: EditionConfig;
  documents: ResolvedDocument[];
  /** The edition's outputs rendered so far (the archive packs them). */
  rendered?: readonly Output[];
}

/** Turns one resolved edition into output files of one format. */
export type Renderer = (input: EditionInput, session: RenderSession) => Promise<Output[]>;

/** A renderer per format, and the archive of editions that ask for one (run last). */
export type Renderers = Partial<Record<Format | 'archive', Renderer>>;

/** Shared across the renderers of one build (one browser, reused). */
export interface RenderSession {
  progress(message: string): void;
  /** Resources to release when the build ends, whatever happens. */
  onClose(release: () => Promise<void>): void;
  cache: Map<string, unknown>;
  /** Where stage times go, when someone is measuring. */
  timer?: StageTimer;
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
  /** The renderers' shared cache (pagination, final print HTML), to read after the build. */
  cache?: Map<string, unknown>;
}

export interface BuildResult {
  files: VFile[];
  outputs: Output[];
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
    for (const edition of editions) {
      resolved.set(
        edition.id,
        timer.timeSync(`resolve ${edition.id}`, () =>
          resolveEdition(project.config, collected, edition),
        ),
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
    return { files: project.files, outputs: [], written: false, outDir };

  const unlock = lockOutput(outDir);
  const releases: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const release of releases.splice(0).reverse()) await release();
  };
  const unregister = onInterrupt(async () => {
    await closeAll();
    unlock();
  });
  const session: RenderSession = {
    progress,
    onClose: (release) => releases.push(release),
    cache: options.cache ?? new Map(),
    timer,
  };
  const outputs: Output[] = [];
  try {
    for (const edition of checked.editions) {
      const input: EditionInput = {
        project,
        collected,
        edition,
        documents: checked.resolved.get(edition.id) ?? [],
      };
      const rendered: Output[] = [];
      for (const format of edition.formats) {
        const renderer = options.renderers[format];
        if (!renderer) continue;
        progress(`${edition.id}: ${format}`);
        rendered.push(
          ...(await timer.time(`${format} ${edition.id}`, () => renderer(input, session))),
        );
      }
      const archive = options.renderers.archive;
      if (edition.archive && archive) {
        progress(`${edition.id}: archive`);
        rendered.push(
          ...(await timer.time(`archive ${edition.id}`, () =>
            archive({ ...input, rendered }, session),
          )),
        );
      }
      outputs.push(...rendered);
    }
    await closeAll();
    // Nothing is written unless every edition rendered without errors.
    if (hasErrors(project.files)) return { files: project.files, outputs, written: false, outDir };
    timer.timeSync('write', () => {
      writeOutputs(outDir, outputs);
      writeManifest(outDir, outputs, 'Folio');
    });
    return { files: project.files, outputs, written: true, outDir };
  } finally {
    await closeAll();
    unregister();
    unlock();
  }
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
