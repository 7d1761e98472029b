/**
 * Test helpers: build a project's HTML editions in memory, build editions into a temporary
 * folder, make throwaway projects (of one document: `documentProject`) in a temporary
 * folder, and run the CLI as a user would.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { assembleEdition, type EditionParts } from '../../src/assemble/edition.ts';
import { sectionLocators } from '../../src/assemble/locators.ts';
import {
  type BuildResult,
  buildEditions,
  type CheckedProject,
  checkProject,
  type Renderers,
} from '../../src/pipeline/pipeline.ts';
import { renderHtml } from '../../src/render/html.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuiltEdition {
  parts: EditionParts;
  html: string;
  tree: Root;
  articles: Element[];
}

/** Checks a project and assembles the HTML of one of its editions (no files written). */
export function buildHtmlEdition(
  configPath: string,
  editionId: string,
): { checked: CheckedProject; edition: BuiltEdition } {
  const checked = checkProject(configPath);
  const edition = checked.editions.find((e) => e.id === editionId);
  if (!edition) throw new Error(`no edition ${editionId}`);
  const parts = assembleEdition({
    registry: checked.collected.registry,
    edition,
    documents: checked.resolved.get(editionId) ?? [],
    projectTitle: checked.project.config.title,
    projectLanguage: checked.project.config.language,
    projectRoot: checked.project.root,
    style: sectionLocators(checked.collected.registry),
  });
  const html = renderHtml(parts, checked.project.root);
  const tree = fromHtml(html);
  return { checked, edition: { parts, html, tree, articles: selectAll('article.document', tree) } };
}

/**
 * Builds a project's editions (all when `editions` is empty) with the given renderers into a
 * new temporary folder: the result's `outDir`.
 */
export function buildInTemp(
  configPath: string,
  renderers: Renderers,
  editions?: string[],
): Promise<BuildResult> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'folio-out-'));
  return buildEditions({ configPath, outDir, renderers, editions });
}

/** A new temporary folder holding the given files (path → text). */
export function makeProject(files: Record<string, string | Buffer>, copyFrom?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'folio-test-'));
  if (copyFrom)
    cpSync(copyFrom, dir, {
      recursive: true,
      filter: (src) => !/node_modules|[/\\]dist[/\\]?|\.git$/.test(src),
    });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * A one-document project: `doc.md` and, when given, a glossary; `edition` lines (indented
 * as edition keys, e.g. `    paper: letter`) follow the edition's formats.
 */
export function singleDocumentConfig(
  options: { glossary?: boolean; formats?: string[]; edition?: string[] } = {},
): string {
  return [
    'title: Test project',
    'documents:',
    '  - id: doc',
    '    files: [doc.md]',
    ...(options.glossary ? ['glossary: glossary.yaml'] : []),
    'editions:',
    '  - id: doc',
    '    documents: [doc]',
    `    formats: [${(options.formats ?? ['html']).join(', ')}]`,
    ...(options.edition ?? []),
    '',
  ].join('\n');
}

export const frontMatter = (id = 'doc', extra = '') =>
  `---\nid: ${id}\ntitle: Test document\ndate: '2020-01-01'\nlanguage: en\nsource: test fixture\n${extra}---\n\n`;

/**
 * A new one-document project in a temporary folder: `doc.md` is the front matter, then
 * `body`; the config is `singleDocumentConfig(config)`; `files` stand beside them.
 */
export function documentProject(
  body: string,
  config: Parameters<typeof singleDocumentConfig>[0] = {},
  files: Record<string, string | Buffer> = {},
): string {
  return makeProject({
    'folio.config.yaml': singleDocumentConfig(config),
    'doc.md': `${frontMatter()}${body}`,
    ...files,
  });
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The arguments that run the CLI in one Node process (tsx as a loader, not its CLI
 * wrapper, so signals reach Folio directly): `spawn(process.execPath, folioArgs(...))`.
 */
export function folioArgs(...args: string[]): string[] {
  return [
    '--import',
    pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href,
    path.join(repoRoot, 'src/cli.ts'),
    ...args,
  ];
}

/** Runs `folio` as a user would, in `cwd`. */
export function runCli(args: string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, folioArgs(...args), {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
