/**
 * Property test of issue 17: random mutations of the repository's manuscripts, glossary,
 * annotations and config, with the hostile forms that used to crash Folio or hold it for a
 * minute spliced in, never crash `check` (no exception but a config failure, every message
 * with a file, a line and a rule id) and never hang (each run within a bound); a handful go
 * through `folio build` in a temporary project (exit 0, 1 or 2, never 70). bad-input.test.ts
 * has the other property test: random directive and reference fragments through the HTML.
 *
 * The seed is fixed and the runs few, to keep the suite fast. For more:
 *   FOLIO_PROPERTY_RUNS=500 FOLIO_PROPERTY_SEED=$RANDOM npx vitest run test/security/property.test.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { assembleEdition } from '../../src/assemble/edition.ts';
import { sectionLocators } from '../../src/assemble/locators.ts';
import { hasErrors } from '../../src/diagnostics/diagnostics.ts';
import { DiagnosedFailure } from '../../src/failures.ts';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import { renderHtml } from '../../src/render/html.ts';
import { documentProject, makeProject, repoRoot, runCli } from '../helpers/build.ts';

const runs = Number(process.env.FOLIO_PROPERTY_RUNS ?? 40);
const seed = Number(process.env.FOLIO_PROPERTY_SEED ?? 20261201);
/** One check of a mutated project, on a busy machine; a run takes a fraction of this. */
const runBoundMs = 15_000;

const source = (name: string) => readFileSync(path.join(repoRoot, 'manuscript', name), 'utf8');
const originals: Record<string, string> = {
  'cae-2016.md': source('cae-2016.md'),
  'mfa-2017.md': source('mfa-2017.md'),
  'glossary.yaml': source('glossary.yaml'),
  'annotations.yaml': source('annotations.yaml'),
  'annotations.jsonld': source('annotations.jsonld'),
  'folio.config.yaml': [
    'title: Property test',
    'language: en',
    'documents:',
    '  - id: cae-2016',
    '    files: [cae-2016.md]',
    '  - id: mfa-2017',
    '    files: [mfa-2017.md]',
    'glossary: glossary.yaml',
    'annotations: [annotations.yaml, annotations.jsonld]',
    'editions:',
    '  - id: both',
    '    documents: [cae-2016, mfa-2017]',
    '    formats: [html]',
    '  - id: annotated',
    '    documents: [cae-2016, mfa-2017]',
    '    formats: [html]',
    '    annotated: true',
    '',
  ].join('\n'),
};
const names = Object.keys(originals);

/** Twelve anchors, each used ten times by the next: 10^12 values once expanded. */
const aliasBomb = [
  'bomb0: &a0 [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from(
    { length: 11 },
    (_, i) => `bomb${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`,
  ),
].join('\n');

/** The forms issue 17 found crashing or hanging, and neighbours just inside the limits. */
const hostileForms: Record<string, string> = {
  'alias bomb': aliasBomb,
  'alias bomb in a list': `- ${aliasBomb.replaceAll('\n', '\n  ')}`,
  'alias without anchor': '*nowhere',
  'alias inside its anchor': '&self [*self]',
  '5,000 brackets': '['.repeat(5000),
  '10,000 blockquotes': `${'>'.repeat(10_000)} deep`,
  '100 blockquotes': `${'> '.repeat(100)}just inside`,
  '10,000 list items': `${'- '.repeat(10_000)}item`,
  '300 indented list items': Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item`).join(
    '\n',
  ),
  '20,000 nested links': `${'['.repeat(20_000)}x${'](#a)'.repeat(20_000)}`,
  '20,000 nested emphasis': `${'*'.repeat(20_000)}x${'*'.repeat(20_000)}`,
  '20,000 mixed emphasis': `${'*_'.repeat(10_000)}x${'_*'.repeat(10_000)}`,
  '998 emphasis markers': `${'*'.repeat(499)}x${'*'.repeat(499)}`,
  '100 nested links': `${'['.repeat(100)}x${'](#a)'.repeat(100)}`,
  '1.2 MB paragraph': `${'word '.repeat(250_000)}`,
  'malformed link escapes': '[](#%) and [x](#a%zz) and [](mfa-2017#%E0%A4%A)',
  'malformed image escapes': '![](%zz%.png) and ![x](%E0%A4%A.png)',
  'percent signs in marks': ':term[%] :index[%]{term="%"} ## Title {#%}',
  'a definition 10,000 deep': `- term: deep\n  definition: "${'>'.repeat(10_000)} x"`,
  'markers in fenced code': `\`\`\`\n${'*'.repeat(3000)}\n\`\`\``,
};
const hostile = fc.constantFrom(...Object.keys(hostileForms));
const special = fc.constantFrom(
  '[',
  ']',
  '*',
  '_',
  '>',
  '#',
  '%',
  ':',
  '{',
  '}',
  '|',
  '`',
  '\n',
  '\\',
  '<',
  '&',
  '-',
  '"',
  "'",
  '\t',
  '\u0000',
  '\ud800',
);

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'hostile'; at: number; form: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('hostile' as const),
      at: fc.nat(),
      form: hostile,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(special, fc.string({ maxLength: 12 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.nat(400),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('duplicate' as const),
      at: fc.nat(),
      length: fc.nat(2000),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
);

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'hostile':
      return `${text.slice(0, at)}\n${hostileForms[m.form]}\n${text.slice(at)}`;
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
  }
}

/**
 * Changes to the originals: one to four files mutated one to four times each (kept as
 * changes, not texts, so that a counterexample reads short).
 */
const changes = fc.array(
  fc.record({
    file: fc.constantFrom(...names),
    edits: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  }),
  { minLength: 1, maxLength: 4 },
);
type Changes = Array<{ file: string; edits: Mutation[] }>;

function applied(list: Changes): Record<string, string> {
  const files = { ...originals };
  for (const { file, edits } of list) files[file] = edits.reduce(mutate, files[file] ?? '');
  return files;
}

/** What is wrong with a check of the project in `dir`: a crash, or unplaced messages. */
function checkOnce(dir: string): string[] {
  const problems: string[] = [];
  let files: VFile[];
  try {
    const checked = checkProject(path.join(dir, 'folio.config.yaml'));
    files = checked.project.files;
    // As a build: editions are assembled and rendered only when the check found no errors.
    const editions = hasErrors(files) ? [] : checked.editions;
    for (const edition of editions) {
      const documents = checked.resolved.get(edition.id) ?? [];
      const parts = assembleEdition({
        registry: checked.collected.registry,
        edition,
        documents,
        projectTitle: 'Property test',
        projectLanguage: 'en',
        projectRoot: checked.project.root,
        style: sectionLocators(checked.collected.registry),
      });
      renderHtml(parts, checked.project.root);
    }
  } catch (error) {
    if (!(error instanceof DiagnosedFailure))
      return [`crash: ${error instanceof Error ? error.stack : String(error)}`];
    files = error.files;
  }
  for (const file of files) {
    for (const message of file.messages) {
      if (!file.path || !(message.line && message.line >= 1) || !message.ruleId)
        problems.push(
          `unplaced: ${file.path}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`,
        );
    }
  }
  return problems;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
}

describe('mutated manuscripts and hostile forms (property-based)', () => {
  it(`check never crashes or hangs (${runs} runs, seed ${seed})`, () => {
    const dir = makeProject(originals);
    expect(checkOnce(dir)).toEqual([]);
    let slowest = 0;
    fc.assert(
      fc.property(changes, (list) => {
        write(dir, applied(list));
        const started = Date.now();
        const problems = checkOnce(dir);
        const ms = Date.now() - started;
        slowest = Math.max(slowest, ms);
        expect(problems).toEqual([]);
        expect(ms).toBeLessThan(runBoundMs);
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    expect(slowest).toBeLessThan(runBoundMs);
  }, 240_000);

  // A handful, each through the CLI with every format: the first, the forms' neighbours
  // just inside the limits, in a document of their own (the repository's manuscripts build
  // in their own suites), builds; the others, one edition of the shorter document sampled
  // from the property's own projects, end in errors, never a crash.
  const inside = `${'> '.repeat(100)}Inside the limits.\n\n${'*a* '.repeat(250)}\n`;
  const oneEdition = (config: string) =>
    config.replace(
      /\neditions:\n[\s\S]*$/,
      '\neditions:\n  - id: mfa-2017\n    documents: [mfa-2017]\n    formats: [html, epub, pdf]\n',
    );
  const builds: Array<() => string> = [
    () => documentProject(inside, { formats: ['html', 'epub', 'pdf'] }),
    ...fc
      .sample(changes, { seed, numRuns: 2 })
      .map(applied)
      .map(
        (files) => () =>
          makeProject({
            ...files,
            'folio.config.yaml': oneEdition(files['folio.config.yaml'] ?? ''),
          }),
      ),
  ];
  builds.forEach((project, i) => {
    it(`folio build ${i + 1} of ${builds.length}: exit 0, 1 or 2 within the bound, never a crash`, () => {
      const dir = project();
      const started = Date.now();
      const result = runCli(['build'], dir);
      expect(result.stderr).not.toMatch(/internal error/);
      expect([0, 1, 2]).toContain(result.status);
      if (i === 0) {
        expect(result.status, result.stderr).toBe(0);
        expect(readdirSync(path.join(dir, 'dist/doc')).sort()).toEqual([
          'doc.epub',
          'doc.html',
          'doc.pdf',
        ]);
      }
      expect(Date.now() - started).toBeLessThan(240_000);
    }, 300_000);
  });
});
