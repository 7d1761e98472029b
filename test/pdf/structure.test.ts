/**
 * The PDF's tags reach the text, after every post-processing step, in every print edition
 * of this repository and in a small project with a table: poppler reads headings,
 * paragraphs, list items, table cells and links with their text; no text is drawn outside
 * both the tags and the Artifacts; running heads and folios are Artifacts; Chromium's
 * `Em`/`Strong` are role-mapped; each document states its language; each bookmark is its
 * heading's text once; qpdf finds the file clean.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outlineTitle } from '../../src/render/pdf/tagged-structure.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { buildInTemp, frontMatter, makeProject, singleDocumentConfig } from '../helpers/build.ts';
import {
  type MarkedText,
  markedText,
  type StructTree,
  structElements,
  structTree,
} from '../helpers/pdf-structure.ts';
import { repositoryBuild } from '../helpers/shared-build.ts';

interface Edition {
  file: string;
  tree: StructTree;
  marked: MarkedText;
}

async function buildPdfs(configPath: string, editions: string[]): Promise<Map<string, Edition>> {
  const result = await buildInTemp(configPath, { pdf: pdfRenderer }, editions);
  expect(result.written).toBe(true);
  return readPdfs(result.outDir, editions);
}

/** Each edition's PDF, read from a build's output folder. */
async function readPdfs(outDir: string, editions: string[]): Promise<Map<string, Edition>> {
  const built = new Map<string, Edition>();
  for (const id of editions) {
    const file = path.join(outDir, id, `${id}.pdf`);
    built.set(id, {
      file,
      tree: structTree(file),
      marked: await markedText(new Uint8Array(readFileSync(file))),
    });
  }
  return built;
}

/** Each element of these types holds text; returns how many there are per type. */
function checkTextReached(edition: Edition, types: RegExp): Record<string, number> {
  const counts: Record<string, number> = {};
  const empty: string[] = [];
  for (const element of structElements(edition.tree.root)) {
    if (!types.test(element.type)) continue;
    counts[element.type] = (counts[element.type] ?? 0) + 1;
    if (!element.text.trim()) empty.push(element.type);
  }
  expect(empty, `${edition.file}: elements without text`).toEqual([]);
  expect(edition.tree.warnings, `${edition.file}: poppler on the structure tree`).toEqual([]);
  return counts;
}

function checkNoUntaggedText(edition: Edition): void {
  const untagged = edition.marked.untagged
    .map((text, i) => (text ? `page ${i + 1}: ${text}` : ''))
    .filter(Boolean);
  expect(untagged, `${edition.file}: text outside tags and Artifacts`).toEqual([]);
}

function outlineTitles(file: string): string[] {
  const { outlines } = JSON.parse(
    execFileSync('qpdf', ['--json=2', '--json-key=outlines', file], { encoding: 'utf8' }),
  ) as { outlines: Outline[] };
  interface Outline {
    title: string;
    kids: Outline[];
  }
  const titles: string[] = [];
  const walk = (items: Outline[]) => {
    for (const item of items) {
      titles.push(item.title);
      walk(item.kids ?? []);
    }
  };
  walk(outlines);
  return titles;
}

function qpdfCheck(file: string): number | null {
  return spawnSync('qpdf', ['--check', file]).status;
}

describe('tags of the print editions of this repository', () => {
  const ids = ['cae-2016', 'mfa-2017', 'briefing-pack', 'annotated'];
  let built: Map<string, Edition>;
  beforeAll(async () => {
    // The editions as `folio build` makes them, shared with the other files that read them.
    const shared = await repositoryBuild();
    expect(shared.written).toBe(true);
    built = await readPdfs(shared.outDir, ids);
  }, 1_200_000);

  it('reach the text: every heading, paragraph, list item and link holds its text', () => {
    for (const edition of built.values()) {
      const counts = checkTextReached(edition, /^(H[1-6]|P|LI|Link|TD|TH|Span)$/);
      expect(counts.P ?? 0, edition.file).toBeGreaterThan(50);
      expect(counts.H1 ?? 0, edition.file).toBeGreaterThan(2);
      expect(counts.LI ?? 0, edition.file).toBeGreaterThan(50);
      expect(counts.Link ?? 0, edition.file).toBeGreaterThan(50);
    }
  });

  it('draw no text outside the tags except as Artifacts: running heads, folios, markings', () => {
    for (const edition of built.values()) {
      checkNoUntaggedText(edition);
      const artifacts = edition.marked.artifacts.join(' ');
      // Running heads are set in capitals; folios are the page labels.
      expect(artifacts, edition.file).toMatch(/\b(CONTENTS|INDEX|GLOSSARY)\b/);
      const tagged = edition.marked.tagged.join(' ');
      expect(tagged, `${edition.file}: a running head read as content`).not.toMatch(
        /\b(CONTENTS|INDEX|GLOSSARY)\b/,
      );
      const pages = edition.marked.artifacts.length;
      const withFolio = edition.marked.artifacts.filter((text) =>
        /(^|\s)([0-9]+|[ivxlc]+)(\s|$)/.test(text),
      );
      expect(withFolio.length, `${edition.file}: pages whose folio is an Artifact`).toBeGreaterThan(
        pages / 2,
      );
    }
    expect(built.get('briefing-pack')?.marked.artifacts.join(' ')).toContain('OFFICIAL');
  });

  it('map Chromium’s Em and Strong to standard types and give each document its language', () => {
    for (const edition of built.values()) {
      const { qpdf } = JSON.parse(
        execFileSync(
          'qpdf',
          ['--json=2', '--json-stream-data=none', '--json-key=qpdf', edition.file],
          { encoding: 'utf8', maxBuffer: 1 << 28 },
        ),
      ) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
      const values = Object.values(qpdf[1]).map((o) => o.value ?? {});
      const root = values.find((v) => v['/Type'] === '/StructTreeRoot');
      expect(root?.['/RoleMap'], edition.file).toEqual({ '/Em': '/Span', '/Strong': '/Span' });
      const articles = values.filter((v) => v['/S'] === '/Art');
      expect(articles.length, edition.file).toBeGreaterThan(0);
      for (const article of articles) expect(article['/Lang'], edition.file).toBe('u:en');
    }
  });

  it('give each bookmark its heading’s text once', () => {
    for (const edition of built.values()) {
      const titles = outlineTitles(edition.file);
      expect(titles.length, edition.file).toBeGreaterThan(10);
      expect(
        titles.filter((t) => outlineTitle(t) !== undefined),
        edition.file,
      ).toEqual([]);
      for (const heading of ['Index', 'Glossary']) expect(titles).toContain(heading);
    }
  });

  it('leave a file qpdf finds clean', () => {
    for (const edition of built.values()) expect(qpdfCheck(edition.file), edition.file).toBe(0);
  });
});

describe('tags of a project with a table', () => {
  let edition: Edition;
  beforeAll(async () => {
    const paragraph =
      'A paragraph with *emphasis*, **strength** and a [link](https://example.org/) that runs on long enough to fill the lines of a page with words. ';
    const body = Array.from({ length: 6 }, (_, i) =>
      [
        `## Section ${i + 1}`,
        paragraph.repeat(8),
        '- an item\n- another item',
        '| Term | Meaning |\n| --- | --- |\n| alpha | the first |\n| beta | the second |',
      ].join('\n\n'),
    ).join('\n\n');
    const root = makeProject({
      'folio.config.yaml': singleDocumentConfig({ formats: ['pdf'] }),
      'doc.md': `${frontMatter('doc', 'language: de\n').replace('language: en\n', '')}# Tabellen\n\n${body}\n`,
    });
    edition = (await buildPdfs(path.join(root, 'folio.config.yaml'), ['doc'])).get(
      'doc',
    ) as Edition;
  }, 300_000);

  it('reach the text of table cells, list items, links, emphasis', () => {
    const counts = checkTextReached(edition, /^(H[1-6]|P|LI|Link|TD|TH|Span)$/);
    expect(counts.TD ?? 0).toBeGreaterThanOrEqual(24);
    expect(counts.TH ?? 0).toBeGreaterThanOrEqual(12);
    expect(counts.LI ?? 0).toBeGreaterThanOrEqual(12);
    checkNoUntaggedText(edition);
    expect(edition.marked.artifacts.join(' ')).toMatch(/TEST DOCUMENT|SECTION \d/);
    expect(qpdfCheck(edition.file)).toBe(0);
  });
});
