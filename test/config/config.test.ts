/**
 * The config is checked against its schema and the project's files; every problem is
 * reported at its key's line and column with a rule id.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config/load.ts';
import { DiagnosedFailure } from '../../src/failures.ts';
import { validateYaml } from '../../src/yaml/validate-yaml.ts';
import { frontMatter, makeProject, singleDocumentConfig } from '../helpers/build.ts';

function problems(
  config: string,
  files: Record<string, string> = { 'doc.md': `${frontMatter()}Text.\n` },
): string[] {
  const dir = makeProject({ ...files, 'folio.config.yaml': config });
  try {
    loadConfig(path.join(dir, 'folio.config.yaml'));
  } catch (error) {
    if (!(error instanceof DiagnosedFailure)) throw error;
    expect(error.exitCode).toBe(2);
    return error.files.flatMap((f) =>
      f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`),
    );
  }
  return [];
}

describe('config', () => {
  it('accepts a valid config and fills defaults', () => {
    // Only the required keys: every other one takes its default.
    const dir = makeProject({
      'folio.config.yaml':
        'title: Test project\ndocuments:\n  - id: doc\n    files: [doc.md]\neditions:\n  - id: doc\n    documents: [doc]\n',
      'doc.md': `${frontMatter()}Text.\n`,
    });
    const { config } = loadConfig(path.join(dir, 'folio.config.yaml'));
    expect(config).toEqual({
      title: 'Test project',
      language: 'en',
      documents: [{ id: 'doc', files: ['doc.md'] }],
      annotations: [],
      glossaryLinks: 'first-in-document',
      crossrefFormat: '{label}, {title}',
      rawHtml: 'sanitize',
      renderTimeout: 120,
      maxPrintPasses: 6,
      printParts: 'auto',
      printPartsFrom: 300,
      partsAtOnce: 'auto',
      stylesheets: [],
      editions: [
        {
          id: 'doc',
          documents: ['doc'],
          formats: ['html', 'pdf', 'epub'],
          paper: 'a4',
          rectoParts: true,
          rectoChapters: false,
          printLinks: 'after',
          notes: 'footnotes',
          noteNumbering: 'document',
          figureNumbering: 'document',
          listOfFigures: false,
          listOfTables: false,
          hyphenate: true,
          annotated: false,
          pdfa: false,
          archive: false,
          stylesheets: [],
        },
      ],
    });
  });

  it('names an unknown key where it stands, with the keys allowed there', () => {
    const config = singleDocumentConfig({ edition: ['    papersize: a5'] });
    expect(problems(config)).toEqual([
      expect.stringMatching(
        /^9:5 config:unknown-key Unknown key `editions.0.papersize`: expected one of `id`, `title`, `documents`, `formats`, `paper`/,
      ),
    ]);
  });

  it('suggests the key meant for a mistyped one', () => {
    const config = singleDocumentConfig().replace(
      '    files: [doc.md]',
      '    files: [doc.md]\n    shortTitel: Doc',
    );
    expect(problems(config)).toEqual([
      expect.stringMatching(
        /^5:5 config:unknown-key Unknown key `documents.0.shortTitel` \(did you mean `shortTitle`\?\): expected one of `id`, `files`/,
      ),
    ]);
  });

  it('accepts a document title and language in the config', () => {
    const config = singleDocumentConfig().replace(
      '    files: [doc.md]',
      '    files: [doc.md]\n    title: A title\n    language: fr',
    );
    expect(problems(config)).toEqual([]);
  });

  it('calls a missing key missing, also where its value may take several types', () => {
    const file = new VFile({ path: 'x.yaml', value: 'title: x\n' });
    const schema = z.strictObject({
      title: z.string(),
      date: z.union([z.string(), z.date()]),
    });
    expect(validateYaml(file, schema, 'x')).toBeUndefined();
    expect(file.messages.map((m) => `${m.ruleId} ${m.reason}`)).toEqual([
      'x:missing-key Missing required key `date`',
    ]);
  });

  it('names a bad value and what is allowed', () => {
    const config = singleDocumentConfig({ formats: ['html', 'docx'] });
    expect(problems(config)).toEqual([
      expect.stringMatching(
        /^8:21 config:invalid-value Invalid value for `editions.0.formats.1`: .*"html"\|"pdf"\|"epub"/,
      ),
    ]);
  });

  it('reports a missing required key', () => {
    expect(
      problems(
        'documents:\n  - id: doc\n    files: [doc.md]\neditions:\n  - id: doc\n    documents: [doc]\n',
      ),
    ).toEqual(['1:1 config:missing-key Missing required key `title`']);
  });

  it('reports YAML syntax errors with their place', () => {
    expect(problems('title: x\ndocuments: [\n')).toEqual([
      expect.stringMatching(/^3:1 config:yaml-syntax Invalid YAML/),
    ]);
  });

  it('reports missing manuscript files and unknown documents in editions', () => {
    const config = singleDocumentConfig()
      .replace('files: [doc.md]', 'files: [missing.md]')
      .replace('documents: [doc]', 'documents: [doc, other]');
    expect(problems(config)).toEqual([
      '4:13 config:missing-file Cannot find manuscript file `missing.md`',
      '7:22 config:unknown-document Unknown document `other` in edition `doc`: expected one of `doc`',
    ]);
  });

  it('expands globs and folders in natural order, each file once, and reports one that names nothing', () => {
    const files = {
      'doc.md': `${frontMatter()}Text.\n`,
      'chapters/10.md': '# Ten\n',
      'chapters/2.md': '# Two\n',
      'chapters/notes.txt': 'not a manuscript\n',
      'part/b.md': '# B\n',
      'part/a.md': '# A\n',
    };
    const dir = makeProject({
      ...files,
      'folio.config.yaml': singleDocumentConfig().replace(
        'files: [doc.md]',
        'files: [doc.md, chapters/*.md, part, doc.md]',
      ),
    });
    expect(loadConfig(path.join(dir, 'folio.config.yaml')).config.documents[0]?.files).toEqual([
      'doc.md',
      'chapters/2.md',
      'chapters/10.md',
      'part/a.md',
      'part/b.md',
    ]);
    const config = singleDocumentConfig().replace('files: [doc.md]', 'files: [doc.md, gone/*.md]');
    expect(problems(config, files)).toEqual([
      '4:21 config:missing-file Cannot find manuscript file `gone/*.md` (the pattern matches no file)',
    ]);
  });

  it('reads rawHtml: sanitize or refuse', () => {
    expect(problems(`${singleDocumentConfig()}rawHtml: strip\n`)).toEqual([
      expect.stringMatching(
        /^9:10 config:invalid-value Invalid value for `rawHtml`: .*"sanitize"\|"refuse"/,
      ),
    ]);
  });

  it('reads partsAtOnce: auto or a count of 1 to 16', () => {
    expect(problems(`${singleDocumentConfig()}partsAtOnce: 3\n`)).toEqual([]);
    for (const value of ['0', '2.5', 'two'])
      expect(problems(`${singleDocumentConfig()}partsAtOnce: ${value}\n`)).toEqual([
        expect.stringMatching(/^9:14 config:invalid-value Invalid value for `partsAtOnce`/),
      ]);
  });

  it('reports duplicate ids', () => {
    const config = `${singleDocumentConfig()}  - id: doc\n    documents: [doc]\n`;
    expect(problems(config)).toEqual(['9:9 config:duplicate-id Duplicate edition id `doc`']);
  });
});
