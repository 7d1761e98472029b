/**
 * Fixture cases for the pipeline's plugins, one folder per case under
 * `test/fixtures/pipeline/`: manuscripts (`doc.md`, others), optional `glossary.yaml` and
 * `folio.config.yaml`, the expected body HTML of the first document (`output.html`), the
 * expected back matter (`back.html`, optional) and the expected messages (`messages.txt`).
 * Run with UPDATE_FIXTURES=1 to write the expectations, then read them before committing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { select } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import { buildHtmlEdition, makeProject, repoRoot, singleDocumentConfig } from '../helpers/build.ts';

const casesRoot = path.join(repoRoot, 'test/fixtures/pipeline');
const update = process.env.UPDATE_FIXTURES === '1';

function messagesOf(
  files: ReturnType<typeof buildHtmlEdition>['checked']['project']['files'],
  root: string,
): string {
  return files
    .flatMap((file) =>
      file.messages.map(
        (m) =>
          `${path.relative(root, path.resolve(file.path))}:${m.line ?? 1}:${m.column ?? 1} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}`,
      ),
    )
    .join('\n');
}

function compare(file: string, actual: string): void {
  const text = `${actual.trim()}\n`;
  if (update) writeFileSync(file, text);
  expect(text).toBe(existsSync(file) ? readFileSync(file, 'utf8') : '(missing expectation file)');
}

describe('pipeline fixtures', () => {
  for (const name of readdirSync(casesRoot).sort()) {
    it(name, () => {
      const fixture = path.join(casesRoot, name);
      // Files in subfolders too (a document of several folders, links between them).
      const files: Record<string, string | Buffer> = Object.fromEntries(
        readdirSync(fixture, { recursive: true, withFileTypes: true })
          .filter((f) => f.isFile())
          .map((f) => path.relative(fixture, path.join(f.parentPath, f.name)))
          .filter((f) => !/^(output|back)\.html$|^messages\.txt$/.test(f))
          .map((f) => [f, readFileSync(path.join(fixture, f))]),
      );
      files['folio.config.yaml'] ??= singleDocumentConfig({ glossary: 'glossary.yaml' in files });
      const project = makeProject(files);
      let messages: string;
      let output = '';
      let back = '';
      try {
        const { checked, edition } = buildHtmlEdition(
          path.join(project, 'folio.config.yaml'),
          checked0(project),
        );
        messages = messagesOf(checked.project.files, project);
        const body = edition.articles[0] && select('.document-body', edition.articles[0]);
        output = body ? toHtml((body as Element).children) : '';
        back = [edition.parts.glossary, edition.parts.index]
          .filter((e): e is Element => Boolean(e))
          .map((e) => toHtml(e))
          .join('\n');
      } catch (error) {
        const files = (error as { files?: Parameters<typeof messagesOf>[0] }).files;
        if (!files) throw error;
        messages = messagesOf(files, project);
      }
      compare(path.join(fixture, 'messages.txt'), messages);
      if (existsSync(path.join(fixture, 'output.html')) || (update && output))
        compare(path.join(fixture, 'output.html'), output);
      if (existsSync(path.join(fixture, 'back.html')) || (update && back))
        compare(path.join(fixture, 'back.html'), back);
    });
  }
});

describe('front matter of a document with several files', () => {
  it('is not required of the second file when the first cannot be read', () => {
    const project = makeProject({
      'folio.config.yaml': singleDocumentConfig().replace('[doc.md]', '[doc.md, more.md]'),
      'doc.md': Buffer.from('---\nid: doc\ntitle: \xff\n---\n', 'latin1'),
      'more.md': '## More\n\nText.\n',
    });
    const checked = checkProject(path.join(project, 'folio.config.yaml'));
    const messages = checked.project.files.flatMap((file) =>
      file.messages.map((m) => `${path.basename(file.path)} ${m.ruleId}`),
    );
    expect(messages).toEqual(['doc.md encoding:invalid-utf8']);
  });
});

/** The first edition id declared in a fixture's config. */
function checked0(project: string): string {
  const match = /editions:\s*\n\s*-\s*id:\s*([\w-]+)/.exec(
    readFileSync(path.join(project, 'folio.config.yaml'), 'utf8'),
  );
  return match?.[1] ?? 'doc';
}
