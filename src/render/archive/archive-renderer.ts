/**
 * The archive of an edition (`archive: true`): one zip holding the edition's outputs, every
 * source that produced them (the config, the manuscripts, glossary and annotation files,
 * the project's own styles and templates) and `manifest.json` with the size and sha256 of
 * each file, the Folio version and git commit, the Node and Chromium versions and
 * the build date (SOURCE_DATE_EPOCH or the documents' latest date, never the clock). Entry
 * order and dates are fixed, so the same sources give the same archive.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { folioRoot } from '../../assemble/template.ts';
import { fail } from '../../diagnostics/messages.ts';
import type { EditionInput, Renderer } from '../../pipeline/pipeline.ts';
import { sha256 } from '../../write/manifest.ts';
import { within } from '../../write/output-folder.ts';
import { sessionBrowser } from '../browser.ts';
import { pdfaConformance, pdfaPart } from '../pdf/pdfa.ts';
import { entryNameStays, reproducibleZip, type ZipEntry } from '../reproducible-zip.ts';
import { folioVersion, gitState } from './provenance.ts';

export interface ArchiveManifest {
  edition: string;
  title?: string;
  /** The build date the outputs carry (ISO). */
  built: string;
  folio: { version: string; commit?: string; modified?: boolean };
  project: { commit?: string; modified?: boolean };
  tools: { node: string; chromium?: string };
  pdfa?: string;
  files: Array<{
    path: string;
    role: 'output' | 'source';
    size: number;
    sha256: string;
    format?: string;
    pages?: number;
  }>;
}

export const archiveManifestName = 'manifest.json';

export const archiveRenderer: Renderer = async (input, session) => {
  const { project, edition } = input;
  const rendered = input.products.outputs.filter((o) => o.edition === edition.id);
  const outputs: ZipEntry[] = rendered.map((o) => ({
    path: `outputs/${path.posix.basename(o.path)}`,
    bytes: o.bytes,
  }));
  const sourcePaths = sourceFiles(input);
  const sources: ZipEntry[] = sourcePaths.map((relative) => ({
    path: `sources/${relative}`,
    bytes: new Uint8Array(readFileSync(path.join(project.root, relative))),
  }));
  const usesBrowser = rendered.some((o) => o.format === 'pdf' || o.format === 'epub');
  const chromium = usesBrowser
    ? await (await sessionBrowser(session, project.config.renderTimeout * 1000)).version()
    : undefined;
  const folio = gitState(folioRoot);
  const projectGit = gitState(project.root, sourcePaths);
  const manifest: ArchiveManifest = {
    edition: edition.id,
    title: edition.config.title,
    built: edition.built.toISOString(),
    folio: { version: folioVersion(), ...folio },
    project: { ...projectGit },
    tools: { node: process.version, chromium },
    ...(edition.config.pdfa && rendered.some((o) => o.format === 'pdf')
      ? { pdfa: `PDF/A-${pdfaPart}${pdfaConformance.toLowerCase()}` }
      : {}),
    files: [
      ...rendered.map((o, i) => ({
        path: outputs[i]?.path ?? o.path,
        role: 'output' as const,
        format: o.format,
        size: o.bytes.byteLength,
        sha256: sha256(o.bytes),
        ...(o.pages !== undefined ? { pages: o.pages } : {}),
      })),
      ...sources.map((s) => ({
        path: s.path,
        role: 'source' as const,
        size: s.bytes.byteLength,
        sha256: sha256(s.bytes),
      })),
    ],
  };
  const bytes = reproducibleZip(
    [
      {
        path: archiveManifestName,
        bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
      },
      ...outputs,
      ...sources,
    ],
    edition.built,
  );
  return {
    outputs: [
      {
        path: `${edition.id}/${edition.id}-archive.zip`,
        bytes,
        edition: edition.id,
        format: 'archive',
      },
    ],
  };
};

/**
 * The project's files that went into the edition, relative to the project, sorted. A file
 * outside the project (a parent path, an absolute path, or a symlink leading out), a
 * symlink loop or an unreadable folder is left out with a located error, so the archive
 * never holds an outside file and no entry name can leave the archive's `sources/`.
 */
function sourceFiles(input: EditionInput): string[] {
  const { project } = input;
  const edition = input.edition.config;
  const realRoot = realpathSync(project.root);
  const refuse = (shown: string, why: string) => {
    fail(
      project.file,
      `Cannot archive \`${shown}\` for edition \`${edition.id}\`: ${why}; the archive holds only files inside the project`,
      { ruleId: 'archive:outside-project' },
    );
  };
  const files = new Set<string>();
  const add = (file: string) => {
    const absolute = path.resolve(project.root, file);
    const relative = path.relative(project.root, absolute).split(path.sep).join('/');
    if (!entryNameStays(`sources/${relative}`)) return refuse(file, 'it is outside the project');
    let real: string;
    try {
      real = realpathSync(absolute);
    } catch (error) {
      return refuse(relative, readFailure(error));
    }
    if (!within(realRoot, real)) return refuse(relative, `it leads out of the project, to ${real}`);
    files.add(relative);
  };
  add(project.path);
  for (const document of project.config.documents) {
    if (edition.documents.includes(document.id)) for (const f of document.files) add(f);
  }
  if (project.config.glossary) add(project.config.glossary);
  if (edition.annotated) for (const f of project.config.annotations) add(f);
  for (const sheet of edition.stylesheets ?? [])
    add(typeof sheet === 'string' ? sheet : sheet.file);
  for (const folder of ['styles', 'templates']) {
    const walked = walk(path.join(project.root, folder), realRoot, new Set());
    for (const file of walked.files) add(file);
    for (const problem of walked.problems)
      refuse(path.relative(project.root, problem.path).split(path.sep).join('/'), problem.why);
  }
  return [...files].sort();
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'it is a symlink loop';
  if (code === 'ENOENT') return 'it is a broken symlink';
  return `it cannot be read (${code ?? (error as Error).message})`;
}

interface Walked {
  files: string[];
  problems: Array<{ path: string; why: string }>;
}

/**
 * The files under `folder`, in name order. Symlinked folders are followed only while they
 * stay inside the project; one that leads back to a folder it is inside is a loop.
 */
function walk(folder: string, realRoot: string, ancestors: Set<string>): Walked {
  const walked: Walked = { files: [], problems: [] };
  try {
    lstatSync(folder);
  } catch {
    return walked; // The project has no such folder.
  }
  let real: string;
  try {
    real = realpathSync(folder);
  } catch (error) {
    walked.problems.push({ path: folder, why: readFailure(error) });
    return walked;
  }
  if (!within(realRoot, real)) {
    walked.problems.push({ path: folder, why: `it leads out of the project, to ${real}` });
    return walked;
  }
  if (ancestors.has(real)) {
    walked.problems.push({ path: folder, why: 'it is a symlink loop' });
    return walked;
  }
  ancestors.add(real);
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    let directory: boolean;
    try {
      directory = statSync(full).isDirectory();
    } catch (error) {
      walked.problems.push({ path: full, why: readFailure(error) });
      continue;
    }
    if (directory) {
      const inner = walk(full, realRoot, ancestors);
      walked.files.push(...inner.files);
      walked.problems.push(...inner.problems);
    } else walked.files.push(full);
  }
  ancestors.delete(real);
  return walked;
}
