/**
 * The annotated edition of this repository, built as `npm run build` builds it (HTML, PDF,
 * EPUB and the archive), read back: every note's first line is on the PDF page of its
 * passage; the EPUB marks passages and links notes as footnotes both ways; notes count in
 * the index and glossary; the source text is untouched; the PDF is PDF/A-2b with its
 * structure tree; the archive holds outputs, sources and a manifest whose hashes match,
 * and a second build gives the same EPUB bytes and the same PDF page map. Editions that
 * are not annotated are exactly what they are without annotations.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Element as XmlElement } from 'xast';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import type { ArchiveManifest } from '../../src/render/archive/archive-renderer.ts';
import { destinationName } from '../../src/render/pdf/page-map.ts';
import { renderers } from '../../src/render/renderers.ts';
import { type Output, sha256 } from '../../src/write/manifest.ts';
import { buildEpubs, elements, epubType, openEpub } from '../epub/epub-helpers.ts';
import { buildHtmlEdition, buildInTemp, makeProject, repoRoot, runCli } from '../helpers/build.ts';
import { bodyWords, firstDifference, sourceWords } from '../helpers/fidelity.ts';
import { hyphensOf, normalise, type ReadPdf, readPdf, sourcesOf } from '../helpers/pdf.ts';
import { repositoryBuild, repositoryEpubs } from '../helpers/shared-build.ts';
import { sources } from '../manuscripts/artifacts.ts';

const configPath = path.join(repoRoot, 'folio.config.yaml');
const edition = 'annotated';

interface Built {
  file: (name: string) => Uint8Array;
  /** Where the PDF was written. */
  pdfFile: string;
  pdf: ReadPdf;
}

/** The annotated edition, read from a build's output folder. */
async function readBuilt(build: { written: boolean; outDir: string }): Promise<Built> {
  expect(build.written).toBe(true);
  const where = (name: string) => path.join(build.outDir, edition, name);
  const file = (name: string) => new Uint8Array(readFileSync(where(name)));
  return {
    file,
    pdfFile: where(`${edition}.pdf`),
    pdf: await readPdf(file(`${edition}.pdf`)),
  };
}

let first: Built;
let second: Built;
let html: Root;
const { collected } = checkProject(configPath, [edition]);
const annotations = collected.registry.annotations;

beforeAll(async () => {
  // The first build is the repository's, as `folio build` makes every edition (shared with
  // the other files that read it); the second builds this edition alone, fresh. The fresh
  // one goes first: the shared build is named by the commit too (the archive records it),
  // so one made before a commit in the middle of the run is made again, not compared.
  second = await readBuilt(await buildInTemp(configPath, renderers, [edition]));
  first = await readBuilt(await repositoryBuild());
  html = fromHtml(new TextDecoder().decode(first.file(`${edition}.html`)));
}, 600_000);

describe('the annotations of this repository', () => {
  it('are at least 25 in the YAML file and a few more imported from W3C JSON-LD', () => {
    const from = (name: string) => annotations.filter((a) => a.file.path.endsWith(name)).length;
    expect(from('annotations.yaml')).toBeGreaterThanOrEqual(25);
    expect(from('annotations.jsonld')).toBeGreaterThanOrEqual(3);
    expect(new Set(annotations.map((a) => a.documentId))).toEqual(
      new Set(['cae-2016', 'mfa-2017']),
    );
    expect(new Set(annotations.map((a) => a.kind)).size).toBeGreaterThanOrEqual(4);
  });

  it('leave the manuscripts as transcribed: the annotated text is its source, word for word', () => {
    const { edition: built } = buildHtmlEdition(configPath, edition);
    expect(built.articles).toHaveLength(2);
    for (const article of built.articles) {
      const source = sources[String(article.properties.dataDocument)];
      if (!source) throw new Error('no source');
      const expected = sourceWords(
        readFileSync(path.join(repoRoot, source.seed), 'utf8'),
        source.artifacts,
      );
      expect(firstDifference(expected, bodyWords(article))).toBeUndefined();
    }
  });

  it('change nothing in the HTML and EPUB of the editions that are not annotated', async () => {
    const plain = makeProject({}, repoRoot);
    const plainConfig = path.join(plain, 'folio.config.yaml');
    const config = readFileSync(plainConfig, 'utf8');
    const stripped = config
      .replace(/^annotations: .*\n/m, '')
      .replace(/ {2}- id: annotated\n(?: {4}.*\n)*/, '');
    // Both edits took: no annotation files, no annotated edition.
    expect(stripped).not.toBe(config);
    expect(stripped).not.toMatch(/^annotations:/m);
    expect(stripped).not.toMatch(/annotated: true|id: annotated/);
    writeFileSync(plainConfig, stripped);
    const ids = ['cae-2016', 'mfa-2017', 'briefing-pack'];
    for (const id of ids) {
      const withAnnotations = buildHtmlEdition(configPath, id).edition.html;
      const without = buildHtmlEdition(plainConfig, id).edition.html;
      expect(withAnnotations === without, id).toBe(true);
    }
    // The EPUBs too, byte for byte (built without their PDFs, so without a print page list:
    // the PDFs take minutes to build and are not compared here).
    const epubs = (outputs: Output[]) => new Map(outputs.map((o) => [o.edition, sha256(o.bytes)]));
    const withAnnotations = epubs((await repositoryEpubs()).outputs);
    const without = epubs((await buildEpubs(plainConfig)).outputs);
    expect([...without.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(withAnnotations.get(id), id).toBeDefined();
      expect(without.get(id), id).toBe(withAnnotations.get(id));
    }
    rmSync(plain, { recursive: true, force: true });
  }, 180_000);
});

describe('the annotated print edition', () => {
  it('hyphenates running text, with every hyphen at a line end', () => {
    const hyphens = hyphensOf(first.pdfFile, sourcesOf(repoRoot));
    expect(hyphens.atLineEnd.length).toBeGreaterThan(20);
    expect(hyphens.insideLine).toEqual([]);
    expect(hyphens.longestLadder).toBeLessThanOrEqual(2);
  });

  it('prints every note with its first line on the page of its passage', () => {
    const pageOf = (id: string) => first.pdf.destinations.get(destinationName(id));
    expect(annotations.length).toBeGreaterThanOrEqual(28);
    for (const annotation of annotations) {
      const passage = pageOf(annotation.passageAnchor);
      const note = pageOf(annotation.anchor);
      expect(passage, `page of ${annotation.passageAnchor}`).toBeDefined();
      expect(note, `page of note ${annotation.anchor} (passage on ${passage})`).toBe(passage);
      // What the note says is on that page (its first words, read from the HTML edition).
      const aside = select(`aside#${annotation.anchor}`, html);
      const body = aside && selectAll('p', aside)[1];
      const words = normalise(body ? hastToString(body) : '')
        .split(' ')
        .slice(0, 4)
        .join(' ');
      expect(words.length).toBeGreaterThan(0);
      expect(normalise(first.pdf.pages[(note ?? 1) - 1]?.text ?? ''), annotation.anchor).toContain(
        words,
      );
    }
  });

  it('is PDF/A-2b: XMP with part and conformance, title and dates of the Info dictionary, an sRGB output intent', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'folio-pdfa-')), 'annotated.pdf');
    writeFileSync(file, first.file(`${edition}.pdf`));
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(info)?.[1];
    expect(field('Metadata Stream')).toBe('yes');
    expect(field('Tagged')).toBe('yes');
    expect(field('Encrypted')).toBe('no');
    const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
    const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp)?.[1];
    expect(tag('pdfaid:part')).toBe('2');
    expect(tag('pdfaid:conformance')).toBe('B');
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${field('Title')}</rdf:li>`);
    expect(tag('pdf:Producer')).toBe(field('Producer'));
    expect(tag('xmp:CreatorTool')).toBe(field('Creator'));
    const created = new Date(tag('xmp:CreateDate') ?? '');
    expect(created.getTime()).toBe(Date.parse(`${field('CreationDate')}`));
    expect(new Date(tag('xmp:ModifyDate') ?? '').getTime()).toBe(Date.parse(`${field('ModDate')}`));

    const json = JSON.parse(
      execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      }),
    ) as {
      qpdf: [
        unknown,
        Record<
          string,
          { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }
        >,
      ];
    };
    const objects = json.qpdf[1];
    const ref = (r: unknown) => objects[`obj:${String(r)}`];
    const catalog = ref(objects.trailer?.value?.['/Root'])?.value ?? {};
    expect(catalog['/StructTreeRoot'], 'structure tree kept').toBeDefined();
    expect(ref(catalog['/Metadata'])?.stream?.dict).toMatchObject({
      '/Type': '/Metadata',
      '/Subtype': '/XML',
    });
    expect(ref(catalog['/Metadata'])?.stream?.dict['/Filter']).toBeUndefined();
    const intents = catalog['/OutputIntents'] as Array<Record<string, unknown>>;
    expect(intents).toHaveLength(1);
    expect(intents[0]?.['/S']).toBe('/GTS_PDFA1');
    const profileRef = String(intents[0]?.['/DestOutputProfile']).replace(' 0 R', '');
    expect(ref(intents[0]?.['/DestOutputProfile'])?.stream?.dict['/N']).toBe(3);
    const profile = execFileSync('qpdf', [
      `--show-object=${profileRef}`,
      '--filtered-stream-data',
      file,
    ]);
    expect(profile.toString('latin1', 36, 40)).toBe('acsp');
    expect(profile.toString('latin1', 16, 20)).toBe('RGB ');

    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2);
    for (const line of fonts.filter(Boolean)) {
      expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
      // Only the bundled typefaces, never a fallback the machine happens to have.
      expect(line).toMatch(/^[A-Z]{6}\+(SourceSerif4|SourceSans3)/);
    }
    expect(first.pdf.tagged).toBe(true);
  });
});

describe('the annotated EPUB', () => {
  it('marks each passage and links it to its note, a footnote that links back', async () => {
    const epub = await openEpub(first.file(`${edition}.epub`));
    let notes = 0;
    for (const name of ['cae-2016.xhtml', 'mfa-2017.xhtml']) {
      const tree = await epub.xml(`OEBPS/${name}`);
      const byId = new Map(
        elements(tree, (e) => typeof e.attributes.id === 'string').map((e) => [
          String(e.attributes.id),
          e,
        ]),
      );
      const refs = elements(tree, (e) => epubType(e).includes('noteref'));
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref.name).toBe('a');
        expect(ref.attributes.role).toBe('doc-noteref');
        // Links name the chapter file: the note is in the same file as its passage.
        const [file, target = ''] = String(ref.attributes.href).split('#');
        expect(file).toBe(name);
        const aside = byId.get(target) as XmlElement;
        expect(aside?.name, target).toBe('aside');
        expect(epubType(aside)).toContain('footnote');
        expect(aside.attributes.role).toBe('doc-footnote');
        const back = elements(aside, (e) => e.attributes.role === 'doc-backlink')[0];
        expect(back?.attributes.href).toBe(`${name}#${String(ref.attributes.id)}`);
        const passage = byId.get(`${target}-passage`);
        expect(passage?.name).toBe('mark');
        notes++;
      }
    }
    expect(notes).toBe(annotations.length);
  });

  it('is the same to the byte when built again, and the PDF paginates the same', () => {
    expect(sha256(second.file(`${edition}.epub`))).toBe(sha256(first.file(`${edition}.epub`)));
    expect([...second.pdf.destinations].sort()).toEqual([...first.pdf.destinations].sort());
  });
});

describe('the index and glossary of the annotated edition', () => {
  it('count the marks and terms in the notes, which the other editions do not show', () => {
    const noteIds = new Set(
      selectAll('aside.annotation-note [id]', html).map((e) => String(e.properties.id)),
    );
    const locators = (selector: string) =>
      selectAll(`${selector} a.locator`, html).map((a) => String(a.properties.href).slice(1));
    expect(locators('#index').filter((id) => noteIds.has(id)).length).toBeGreaterThan(0);
    expect(locators('#glossary').filter((id) => noteIds.has(id)).length).toBeGreaterThan(0);
    // The briefing pack holds the same documents without notes: none of its locators point into one.
    const pack = buildHtmlEdition(configPath, 'briefing-pack').edition.tree;
    const ids = new Set(selectAll('[id]', pack).map((e) => String(e.properties.id)));
    for (const a of selectAll('a.locator', pack))
      expect(ids.has(String(a.properties.href).slice(1))).toBe(true);
  });
});

describe('the archive of the annotated edition', () => {
  it('holds the outputs, the sources and a manifest whose hashes match, in a fixed order and date', async () => {
    const bytes = first.file(`${edition}-archive.zip`);
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    expect(names[0]).toBe('manifest.json');
    expect(names.slice(1, 4)).toEqual([
      'outputs/annotated.html',
      'outputs/annotated.pdf',
      'outputs/annotated.epub',
    ]);
    for (const source of [
      'sources/folio.config.yaml',
      'sources/manuscript/cae-2016.md',
      'sources/manuscript/mfa-2017.md',
      'sources/manuscript/glossary.yaml',
      'sources/manuscript/annotations.yaml',
      'sources/manuscript/annotations.jsonld',
    ])
      expect(names).toContain(source);
    const manifest = JSON.parse(
      (await zip.file('manifest.json')?.async('string')) ?? '{}',
    ) as ArchiveManifest;
    expect(manifest.files.map((f) => f.path)).toEqual(names.slice(1));
    for (const entry of manifest.files) {
      const content = await zip.file(entry.path)?.async('uint8array');
      expect(content && sha256(content), entry.path).toBe(entry.sha256);
      expect(content?.byteLength).toBe(entry.size);
    }
    expect(
      sha256((await zip.file('outputs/annotated.epub')?.async('uint8array')) ?? new Uint8Array()),
    ).toBe(sha256(first.file(`${edition}.epub`)));
    const built = process.env.SOURCE_DATE_EPOCH
      ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000)
      : new Date('2017-03-01T00:00:00Z');
    expect(manifest.built).toBe(built.toISOString());
    expect(manifest.folio.version).toBe(
      (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string })
        .version,
    );
    expect(manifest.folio.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(manifest.tools.node).toBe(process.version);
    expect(manifest.tools.chromium).toMatch(/^(Headless)?Chrome\/\d+\./);
    expect(manifest.pdfa).toBe('PDF/A-2b');
    const zipTime = Math.floor(Math.max(built.getTime(), Date.UTC(1980, 0, 1)) / 2000) * 2000;
    for (const entry of Object.values(zip.files)) expect(entry.date.getTime()).toBe(zipTime);
  });

  it('is the same to the byte when built again from the same sources', () => {
    expect(sha256(second.file(`${edition}-archive.zip`))).toBe(
      sha256(first.file(`${edition}-archive.zip`)),
    );
  });
});

describe('an annotation whose quote matches nothing', () => {
  it('stops the build with the annotation file, line and column, the quote and the rule id', () => {
    const dir = makeProject({}, repoRoot);
    const file = path.join(dir, 'manuscript/annotations.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'quote: with the exception of China',
        'quote: with the exception of Chnia',
      ),
    );
    const line = readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('exception of Chnia'));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `manuscript/annotations\\.yaml\\n\\s*${line + 1}:10\\s+error\\s+Quote “with the exception of Chnia” matches nothing in \`cae-2016\`.*annotation:no-match`,
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
