/**
 * Test helpers for EPUB editions: build a project's EPUBs (through the pipeline, or one
 * edition straight through the renderer with a session the test controls), read a book
 * back as parsed XML, and run the validators (EPUBCheck: helpers/epubcheck/; Ace by DAISY:
 * helpers/ace/) as users would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { visit } from 'unist-util-visit';
import type { Element, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { editionOf } from '../../src/pipeline/edition.ts';
import {
  type BuildResult,
  buildEditions,
  checkProject,
  type RenderSession,
} from '../../src/pipeline/pipeline.ts';
import { epubRenderer } from '../../src/render/epub/epub-renderer.ts';
import type { Pagination } from '../../src/render/pagination.ts';
import { sha256 } from '../../src/write/manifest.ts';
import type { Output } from '../../src/write/write.ts';
import { repoRoot } from '../helpers/build.ts';

export { type AceReport, runAce } from '../helpers/ace/ace.ts';
export { type EpubcheckReport, runEpubcheck } from '../helpers/epubcheck/epubcheck.ts';

export const repoConfig = path.join(repoRoot, 'folio.config.yaml');

export function temporaryFolder(prefix = 'folio-epub-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Builds every edition's EPUB (no other format) as `folio build` would, into a temporary
 * folder removed afterwards: the books stay in memory, in the result's outputs.
 */
export async function buildEpubs(configPath: string): Promise<BuildResult> {
  const outDir = temporaryFolder();
  try {
    return await buildEditions({ configPath, outDir, renderers: { epub: epubRenderer } });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * One edition's EPUB straight from the renderer, with a session of our own: a test can
 * give it the pagination a print would have made.
 */
export async function renderEpub(
  configPath: string,
  editionId: string,
  pagination?: Pagination,
): Promise<Uint8Array> {
  const checked = checkProject(configPath, [editionId]);
  const config = checked.editions[0];
  if (!config) throw new Error(`no edition ${editionId}`);
  const documents = checked.resolved.get(editionId) ?? [];
  const releases: Array<() => Promise<void>> = [];
  const session: RenderSession = {
    progress: () => {},
    onClose: (release) => releases.push(release),
    browser: { kept: false },
  };
  try {
    const {
      outputs: [output],
    } = await epubRenderer(
      {
        project: checked.project,
        collected: checked.collected,
        edition: editionOf(config, documents, {
          registry: checked.collected.registry,
          title: checked.project.config.title,
          language: checked.project.config.language,
        }),
        documents,
        products: { outputs: [], ...(pagination ? { pagination } : {}) },
      },
      session,
    );
    if (!output) throw new Error('the EPUB renderer returned nothing');
    return output.bytes;
  } finally {
    for (const release of releases.reverse()) await release();
  }
}

export interface OpenedEpub {
  zip: JSZip;
  /** Entry names in zip order. */
  names: string[];
  text(name: string): Promise<string>;
  /** An XML entry, parsed. */
  xml(name: string): Promise<Root>;
  /** The XHTML files of the package (paths inside OEBPS/). */
  xhtmlFiles(): string[];
}

export async function openEpub(bytes: Uint8Array): Promise<OpenedEpub> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string) => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`no ${name} in the EPUB`);
    return entry.async('string');
  };
  return {
    zip,
    names: Object.keys(zip.files),
    text,
    xml: async (name) => fromXml(await text(name)),
    xhtmlFiles: () =>
      Object.keys(zip.files)
        .filter((n) => n.startsWith('OEBPS/') && n.endsWith('.xhtml'))
        .map((n) => n.slice('OEBPS/'.length)),
  };
}

/** The first local file header: its name, compression method and data. */
export function firstZipEntry(bytes: Uint8Array): { name: string; method: number; data: string } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip local file header');
  const method = view.readUInt16LE(8);
  const size = view.readUInt32LE(18);
  const nameLength = view.readUInt16LE(26);
  const extraLength = view.readUInt16LE(28);
  const name = view.toString('latin1', 30, 30 + nameLength);
  const start = 30 + nameLength + extraLength;
  return { name, method, data: view.toString('latin1', start, start + size) };
}

export function elements(tree: Root | Element, test?: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (element: Element) => {
    if (!test || test(element)) found.push(element);
  });
  return found;
}

export const epubType = (e: Element) => String(e.attributes['epub:type'] ?? '').split(/\s+/);

/** Every fragment link of every XHTML file whose target file or id does not exist. */
export async function brokenFragmentLinks(epub: OpenedEpub): Promise<string[]> {
  const files = epub.xhtmlFiles();
  const ids = new Map<string, Set<string>>();
  const trees = new Map<string, Root>();
  for (const file of files) {
    const tree = await epub.xml(`OEBPS/${file}`);
    trees.set(file, tree);
    ids.set(
      file,
      new Set(elements(tree, (e) => 'id' in e.attributes).map((e) => String(e.attributes.id))),
    );
  }
  const broken: string[] = [];
  for (const [file, tree] of trees) {
    for (const link of elements(tree, (e) => typeof e.attributes.href === 'string')) {
      const href = String(link.attributes.href);
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || !href.includes('#')) continue;
      const [target = '', fragment = ''] = href.split('#');
      const targetFile = target === '' ? file : target;
      if (!ids.get(targetFile)?.has(decodeURIComponent(fragment))) broken.push(`${file}: ${href}`);
    }
  }
  return broken;
}

/** The hrefs of one `nav` of the navigation document, by its epub:type. */
export async function navHrefs(epub: OpenedEpub, type: string): Promise<Element[]> {
  const nav = elements(
    await epub.xml('OEBPS/toc.xhtml'),
    (e) => e.name === 'nav' && epubType(e).includes(type),
  )[0];
  return nav ? elements(nav, (e) => e.name === 'a') : [];
}

/** sha256 of each book and of each entry in it (`book.epub`, `book.epub!OEBPS/x.xhtml`). */
export async function fingerprints(outputs: readonly Output[]): Promise<Record<string, string>> {
  const prints: Record<string, string> = {};
  for (const output of outputs) {
    prints[output.path] = sha256(output.bytes);
    const zip = await JSZip.loadAsync(output.bytes);
    for (const [name, entry] of Object.entries(zip.files)) {
      prints[`${output.path}!${name}`] = sha256(await entry.async('uint8array'));
    }
  }
  return prints;
}
