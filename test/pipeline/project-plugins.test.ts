/**
 * A project's own remark and rehype plugins (issue 15), resolved from the fixture project's
 * node_modules: two published ones (remark-lint-no-duplicate-headings reports through
 * `file.message`, rehype-external-links changes the HTML with the options the config gives)
 * and two small local ones that fail (one throws, one works asynchronously). A plugin that
 * cannot be found from the project folder is a located config error, even when Folio's own
 * dependencies have it.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { DiagnosedFailure } from '../../src/failures.ts';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import { renderers } from '../../src/render/renderers.ts';
import { openEpub, runEpubcheck } from '../epub/epub-helpers.ts';
import {
  buildHtmlEdition,
  buildInTemp,
  frontMatter,
  makeProject,
  repoRoot,
} from '../helpers/build.ts';

const doc = `${frontMatter()}## Scope {#scope}

See the [project site](https://example.org/folio) and [](#scope).

## Scope

The same heading again.
`;

/** A project whose node_modules holds the published plugins (linked) and two local ones. */
function pluginProject(plugins: string[], editions = 1): string {
  const dir = makeProject({
    'folio.config.yaml': [
      'title: Plugins',
      'documents:',
      '  - id: doc',
      '    files: [doc.md]',
      ...plugins,
      'editions:',
      ...Array.from({ length: editions }, (_, i) => [
        `  - id: doc${i ? `-${i}` : ''}`,
        '    documents: [doc]',
        '    formats: [html, epub]',
      ]).flat(),
      '',
    ].join('\n'),
    'doc.md': doc,
    'node_modules/throwing-plugin/package.json':
      '{ "name": "throwing-plugin", "main": "index.js" }',
    'node_modules/throwing-plugin/index.js':
      'module.exports = () => () => { throw new Error("the tree has no widgets"); };\n',
    'node_modules/async-plugin/package.json':
      '{ "name": "async-plugin", "type": "module", "exports": "./index.js" }',
    'node_modules/async-plugin/index.js':
      'export default function asyncPlugin() { return async () => {}; }\n',
  });
  for (const name of ['remark-lint-no-duplicate-headings', 'rehype-external-links']) {
    mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(dir, 'node_modules', name));
  }
  return path.join(dir, 'folio.config.yaml');
}

const published = [
  'plugins:',
  '  remark: [remark-lint-no-duplicate-headings]',
  '  rehype:',
  '    - name: rehype-external-links',
  '      options: { rel: [nofollow, noopener], properties: { className: [external] } }',
];

describe('plugins from the config', () => {
  it('reports a remark plugin’s messages at their Markdown place, once for all editions', () => {
    const configPath = pluginProject(published, 2);
    const checked = checkProject(configPath);
    const lint = checked.project.files
      .flatMap((f) => f.messages)
      .filter((m) => m.source === 'remark-lint');
    expect(lint).toHaveLength(1);
    expect(lint[0]?.ruleId).toBe('no-duplicate-headings');
    // Line 13 of the file (front matter included): the second `## Scope`.
    expect(lint[0]?.line).toBe(13);
    expect(lint[0]?.file).toMatch(/doc\.md$/);
    expect(lint[0]?.fatal).toBe(false);
  });

  it('runs a rehype plugin with its options on the HTML of every format', async () => {
    const configPath = pluginProject(published);
    const { edition } = buildHtmlEdition(configPath, 'doc');
    expect(edition.html).toContain(
      '<a href="https://example.org/folio" class="external" rel="nofollow noopener">project site</a>',
    );
    // Folio's own cross-reference, an internal link, is left alone.
    expect(edition.html).toMatch(/<a href="#doc--scope" class="xref"[^>]*>/);
    expect(edition.html).not.toMatch(/<a href="#doc--scope"[^>]*nofollow/);
    const result = await buildInTemp(configPath, { epub: renderers.epub });
    expect(result.written).toBe(true);
    const bytes = new Uint8Array(readFileSync(path.join(result.outDir, 'doc', 'doc.epub')));
    const epub = await openEpub(bytes);
    const chapters = await Promise.all(epub.xhtmlFiles().map((n) => epub.text(`OEBPS/${n}`)));
    expect(chapters.join('')).toMatch(/rel="nofollow noopener"/);
    expect(runEpubcheck(bytes, 'plugins.epub').messages).toEqual([]);
  }, 120_000);

  it('reports a plugin that throws or works asynchronously at the file, by name', () => {
    const configPath = pluginProject([
      'plugins:',
      '  remark: [throwing-plugin]',
      '  rehype: [async-plugin]',
    ]);
    const checked = checkProject(configPath);
    const failures = checked.project.files
      .flatMap((f) => f.messages)
      .filter((m) => m.ruleId === 'plugin:failed')
      .map((m) => `${m.fatal} ${m.reason}`);
    expect(failures).toEqual([
      'true The remark plugin `throwing-plugin` failed on this file: the tree has no widgets',
    ]);
    // Errors stop before resolving, where the rehype plugin would run: without the remark one it runs.
    const rehypeOnly = checkProject(pluginProject(['plugins:', '  rehype: [async-plugin]']));
    expect(
      rehypeOnly.project.files
        .flatMap((f) => f.messages)
        .filter((m) => m.ruleId === 'plugin:failed')
        .map((m) => m.reason),
    ).toEqual([
      'The rehype plugin `async-plugin` works asynchronously, which Folio’s pipeline does not: use a synchronous plugin',
    ]);
  });

  it('names a plugin the project folder does not have at its key, even one Folio uses', () => {
    const configPath = pluginProject([
      'plugins:',
      '  remark:',
      '    - remark-gfm',
      '    - { name: remark-not-installed, options: { strict: true } }',
    ]);
    let messages: string[] = [];
    try {
      loadConfig(configPath);
    } catch (error) {
      if (!(error instanceof DiagnosedFailure)) throw error;
      expect(error.exitCode).toBe(2);
      messages = error.files.flatMap((f) =>
        f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`),
      );
    }
    expect(messages).toEqual([
      '7:7 config:missing-plugin Cannot find the remark plugin `remark-gfm` from the project folder: install it there (`npm install remark-gfm`)',
      '8:15 config:missing-plugin Cannot find the remark plugin `remark-not-installed` from the project folder: install it there (`npm install remark-not-installed`)',
    ]);
  });

  it('takes package names only, never a path', () => {
    for (const name of ['./local.js', '/tmp/plugin.js', '../x', 'node:fs', 'remark-x/../../y']) {
      const configPath = pluginProject(['plugins:', `  remark: ['${name}']`]);
      let messages: string[] = [];
      try {
        loadConfig(configPath);
      } catch (error) {
        if (!(error instanceof DiagnosedFailure)) throw error;
        messages = error.files.flatMap((f) => f.messages.map((m) => `${m.line} ${m.ruleId}`));
      }
      expect(messages, name).toEqual(['6 config:invalid-value']);
    }
  });

  it('refuses a package that exports no plugin', () => {
    const configPath = pluginProject(['plugins:', '  rehype: [not-a-plugin]']);
    const dir = path.dirname(configPath);
    mkdirSync(path.join(dir, 'node_modules/not-a-plugin'), { recursive: true });
    writeFileSync(
      path.join(dir, 'node_modules/not-a-plugin/package.json'),
      '{ "name": "not-a-plugin", "main": "index.js" }',
    );
    writeFileSync(
      path.join(dir, 'node_modules/not-a-plugin/index.js'),
      'module.exports = { x: 1 };\n',
    );
    expect(() => loadConfig(configPath)).toThrow(DiagnosedFailure);
  });
});
