/**
 * The archive of an edition (`archive: true`): one zip holding the edition's outputs, every
 * source that produced them (the config, the manuscripts, glossary and annotation files,
 * the project's own styles and templates) and `manifest.json` with the size and sha256 of
 * each file, the Folio version and git commit, the Node, Chromium and qpdf versions and
 * the build date (SOURCE_DATE_EPOCH or the documents' latest date, never the clock). Entry
 * order and dates are fixed, so the same sources give the same archive.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { folioRoot } from '../../assemble/template.ts';
import type { EditionInput, Renderer } from '../../pipeline/pipeline.ts';
import { sha256 } from '../../write/manifest.ts';
import { sessionBrowser } from '../browser.ts';
import { pdfaConformance, pdfaPart } from '../pdf/pdfa.ts';
import { folioVersion, gitState, qpdfVersion } from './provenance.ts';
import { reproducibleZip, type ZipEntry } from './reproducible-zip.ts';

export interface ArchiveManifest {
  edition: string;
  title?: string;
  /** The build date the outputs carry (ISO). */
  built: string;
  folio: { version: string; commit?: string; modified?: boolean };
  project: { commit?: string; modified?: boolean };
  tools: { node: string; chromium?: string; qpdf?: string };
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
  const chromium = usesBrowser ? await (await sessionBrowser(session)).version() : undefined;
  const folio = gitState(folioRoot);
  const projectGit = gitState(project.root, sourcePaths);
  const manifest: ArchiveManifest = {
    edition: edition.id,
    title: edition.config.title,
    built: edition.built.toISOString(),
    folio: { version: folioVersion(), ...folio },
    project: { ...projectGit },
    tools: { node: process.version, chromium, qpdf: qpdfVersion() },
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
  const bytes = await reproducibleZip(
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

/** The project's files that went into the edition, relative to the project, sorted. */
function sourceFiles(input: EditionInput): string[] {
  const { project } = input;
  const edition = input.edition.config;
  const relative = (file: string) =>
    path.relative(project.root, path.resolve(project.root, file)).split(path.sep).join('/');
  const files = new Set<string>([relative(project.path)]);
  for (const document of project.config.documents) {
    if (edition.documents.includes(document.id))
      for (const f of document.files) files.add(relative(f));
  }
  if (project.config.glossary) files.add(relative(project.config.glossary));
  if (edition.annotated) for (const f of project.config.annotations) files.add(relative(f));
  for (const folder of ['styles', 'templates']) {
    for (const file of walk(path.join(project.root, folder))) files.add(relative(file));
  }
  return [...files].sort();
}

function walk(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const full = path.join(folder, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}
