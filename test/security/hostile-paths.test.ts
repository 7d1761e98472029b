/**
 * A hostile project (issue 17, "Files outside the project, and code that runs"): every
 * path a manuscript, a glossary, an annotation or the config names is decided once, on
 * its real path, and nothing outside the project reaches an edition.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { h } from 'hastscript';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type EditionConfig } from '../../src/config/schema.ts';
import { epubRenderer } from '../../src/render/epub/epub-renderer.ts';
import { packageImages } from '../../src/render/epub/images.ts';
import { htmlRenderer } from '../../src/render/html-renderer.ts';
import { editionCss } from '../../src/render/pdf/print-page.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { sanitiseSvg } from '../../src/trust/svg.ts';
import {
  buildInTemp,
  documentProject,
  frontMatter,
  makeProject,
  repoRoot,
  runCli,
  singleDocumentConfig,
} from '../helpers/build.ts';

function pdfText(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** A one-document config whose document has `files: [files]`, with `extra` lines after it. */
function configNaming(files: string, extra: string[] = []): string {
  return [
    'title: Test project',
    'documents:',
    '  - id: doc',
    `    files: [${files}]`,
    ...extra,
    'editions:',
    '  - id: doc',
    '    documents: [doc]',
    '',
  ].join('\n');
}

function outsideFile(name: string, content: string): string {
  const outside = mkdtempSync(path.join(tmpdir(), 'folio-outside-'));
  const file = path.join(outside, name);
  writeFileSync(file, content);
  return file;
}

describe('images are decided once, on their real path', () => {
  it('refuses a reference-style image that is a symlink out, and an absolute one', () => {
    const secret = outsideFile('secret.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const dir = documentProject(`![f][f]\n\n![g][g]\n\n[f]: fig.svg\n[g]: ${secret}\n`);
    symlinkSync(secret, path.join(dir, 'fig.svg'));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /9:1-9:8\s+error\s+Image `fig.svg` is outside.*image:outside-project/,
    );
    expect(result.stderr).toMatch(/11:1-11:8\s+error\s+Image .* is outside.*image:outside-project/);
  });

  it('packages into an EPUB only the real path decided earlier, never one taken from src', () => {
    const existing = outsideFile('x.png', 'png');
    const file = new VFile({ path: 'doc.md' });
    const img = h('img', { src: existing, alt: '' });
    expect(packageImages([{ file: 'doc.xhtml', content: [img] }], file)).toEqual([]);
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([
      ['epub:image-unreadable', true],
    ]);
  });
});

describe('the config names only files of the project', () => {
  it('refuses manuscripts, a glossary and annotations outside it, at their keys', () => {
    const outsideMd = outsideFile('outside.md', `${frontMatter()}Secret.\n`);
    const outsideYaml = outsideFile('glossary.yaml', '- term: x\n  definition: y\n');
    const dir = makeProject({
      'folio.config.yaml': configNaming(
        `doc.md, ../${path.basename(path.dirname(outsideMd))}/outside.md, ${outsideMd}, link.md`,
        ['glossary: glossary.yaml', `annotations: [${outsideYaml}]`],
      ),
      'doc.md': `${frontMatter()}Text.\n`,
    });
    symlinkSync(outsideMd, path.join(dir, 'link.md'));
    symlinkSync(outsideYaml, path.join(dir, 'glossary.yaml'));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(2);
    const refused = result.stderr.match(/config:outside-project/g) ?? [];
    expect(refused).toHaveLength(5);
    expect(result.stderr).toMatch(
      /4:21\s+error\s+The manuscript file `\.\.\/.*config:outside-project/,
    );
    expect(result.stderr).toMatch(/5:11\s+error\s+The glossary file .*config:outside-project/);
    expect(result.stderr).toMatch(/6:15\s+error\s+The annotation file .*config:outside-project/);
    expect(result.stdout + result.stderr).not.toContain('Secret');
  });
});

describe('the config names only files of the project, also through globs and folders', () => {
  it('refuses a folder or a glob that leads out of the project, at its key', () => {
    const outsideMd = outsideFile('chapter.md', `${frontMatter()}Secret.\n`);
    const dir = makeProject({
      'folio.config.yaml': configNaming('doc.md, linked, "linked/*.md"'),
      'doc.md': `${frontMatter()}Text.\n`,
    });
    symlinkSync(path.dirname(outsideMd), path.join(dir, 'linked'));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /4:21\s+error\s+The manuscript file `linked` is outside.*config:outside-project/,
    );
    expect(result.stderr).toMatch(
      /4:29\s+error\s+The manuscript file `linked\/\*\.md` is outside.*config:outside-project/,
    );
    expect(result.stdout + result.stderr).not.toContain('Secret');
  });
});

describe('the print page reads only real files of the project and opens no connection', () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('blocks symlinks out of styles/ and templates/, a remote iframe and a meta refresh', async () => {
    const secretPng = outsideFile('secret.png', 'secret');
    const secretHtml = outsideFile('secret.html', '<p>Secret page</p>');
    const dir = documentProject(`## 1 One\n\nText.\n`, { formats: ['html', 'pdf'] });
    mkdirSync(path.join(dir, 'styles'));
    mkdirSync(path.join(dir, 'templates'));
    symlinkSync(secretPng, path.join(dir, 'styles/secret.png'));
    symlinkSync(secretHtml, path.join(dir, 'templates/secret.html'));
    writeFileSync(
      path.join(dir, 'styles/print.css'),
      `${readFileSync(path.join(repoRoot, 'styles/print.css'), 'utf8')}
body { background-image: url("${pathToFileURL(path.join(dir, 'styles/secret.png')).href}"); }`,
    );
    const template = readFileSync(path.join(repoRoot, 'templates/edition.html'), 'utf8').replace(
      '<body class="edition">',
      `<body class="edition">
    <meta http-equiv="Refresh" content="0">
    <iframe src="http://127.0.0.1:${port}/frame"></iframe>
    <iframe src="http://example.invalid/frame"></iframe>
    <iframe src="${pathToFileURL(path.join(dir, 'templates/secret.html')).href}"></iframe>
    <a href="javascript:alert(1)">script</a>`,
    );
    writeFileSync(path.join(dir, 'templates/edition.html'), template);
    const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), {
      html: htmlRenderer,
      pdf: pdfRenderer,
    });
    const blocked = result.files
      .flatMap((f) => f.messages.filter((m) => m.ruleId === 'render:blocked-request'))
      .map((m) => m.reason)
      .join('\n');
    expect(connections).toBe(0);
    expect(blocked).toContain('secret.png');
    // The file iframe is blocked or never loaded: its text is not in the PDF.
    expect(pdfText(path.join(result.outDir, 'doc/doc.pdf'))).not.toContain('Secret page');
    const html = readFileSync(path.join(result.outDir, 'doc/doc.html'), 'utf8');
    expect(html).not.toContain('javascript:');
    expect(html).not.toMatch(/http-equiv="?refresh/i);
    const dropped = result.files
      .flatMap((f) => f.messages.filter((m) => m.ruleId === 'link:forbidden-scheme'))
      .map((m) => `${m.line}:${m.column} ${m.reason}`);
    expect(dropped).toEqual([
      expect.stringMatching(/^11:5 `<meta http-equiv="refresh">` taken out/),
      expect.stringMatching(/^14:5 `file:\/\/\/.*\/templates\/secret.html` taken out/),
      expect.stringMatching(/^15:5 `javascript:alert\(1\)` taken out/),
    ]);
  }, 90_000);
});

describe('values from the config and front matter cannot break the markup', () => {
  it('writes the cover marking as a CSS string that `</style>` cannot leave', () => {
    const marking =
      '</style><script>alert(1)</script>"; } body { display: none } .x { content: "\\';
    const css = editionCss(
      configSchema.parse({
        title: 'T',
        documents: [{ id: 'doc', files: ['doc.md'] }],
        editions: [{ id: 'doc', documents: ['doc'], cover: { title: 'T', marking } }],
      }).editions[0] as EditionConfig,
    );
    expect(css).not.toContain('<');
    const quoted = /content: ("(?:[^"\\]|\\.)*")/.exec(css)?.[1] ?? '';
    const decoded = quoted
      .slice(1, -1)
      .replace(/\\([0-9a-f]{1,6}) ?/gi, (_, hex: string) =>
        String.fromCodePoint(Number.parseInt(hex, 16)),
      );
    expect(decoded).toBe(marking);
  });

  it('refuses a language that is not a BCP 47 tag and control characters in titles, at their keys', () => {
    const dir = makeProject({
      'folio.config.yaml': [
        'title: "Project \\x07"',
        'language: en" onload="x',
        'documents:',
        '  - id: doc',
        '    files: [doc.md]',
        'editions:',
        '  - id: doc',
        '    documents: [doc]',
        '    cover: { title: "Cover \\x1b[31m", marking: OFFICIAL }',
        '',
      ].join('\n'),
      'doc.md': `${frontMatter()}Text.\n`,
    });
    const result = runCli(['check'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/1:8\s+error\s+.*control character/);
    expect(result.stderr).toMatch(/2:11\s+error\s+.*BCP 47/);
    expect(result.stderr).toMatch(/9:21\s+error\s+.*control character/);
  });
});

const hostileSvg = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(http://127.0.0.1:9/x.css); rect { fill: red }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>
  <rect width="10" height="10" fill="url(#g)" onclick="alert(3)"/>
  <rect width="5" height="5" style="fill: url(http://127.0.0.1:9/p)"/>
  <image href="file:///etc/passwd" width="1" height="1"/>
  <use xlink:href="http://127.0.0.1:9/sprite.svg#a"/>
  <use href="#g"/>
  <a href="javascript:alert(4)"><text>link</text></a>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
</svg>`;

describe('SVG images are carried in their safe form only', () => {
  it('drops scripts, handlers, foreignObject and every reference out of the file', () => {
    const safe = sanitiseSvg(hostileSvg);
    if (!safe.ok) throw new Error(safe.reason);
    for (const bad of [
      'script',
      'alert',
      'foreignObject',
      '127.0.0.1',
      'file:',
      'javascript:',
      '@import',
    ])
      expect(safe.svg).not.toContain(bad);
    expect(safe.svg).toContain('fill="url(#g)"');
    expect(safe.svg).toContain('<use href="#g" />');
    expect(safe.svg).toContain('<text>link</text>');
    expect(safe.removed.length).toBeGreaterThanOrEqual(8);
    expect(sanitiseSvg('<svg><unclosed></svg>').ok).toBe(false);
    expect(sanitiseSvg('<html xmlns="http://www.w3.org/1999/xhtml"/>').ok).toBe(false);
  });

  it('packages the safe form into the EPUB and warns at the image when checking', () => {
    const dir = documentProject(`![A figure](fig.svg)\n`, {}, { 'fig.svg': hostileSvg });
    const file = new VFile({ path: 'doc.md' });
    const img = h('img', { src: 'fig.svg', alt: '', dataFile: path.join(dir, 'fig.svg') });
    const [packaged] = packageImages([{ file: 'doc.xhtml', content: [img] }], file);
    expect(file.messages).toEqual([]);
    const bytes = Buffer.from(packaged?.bytes ?? []).toString('utf8');
    expect(bytes).toContain('<rect');
    expect(bytes).not.toContain('script');
    const result = runCli(['check'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /9:1-9:21\s+warning\s+SVG image `fig.svg` holds .*image:svg-unsafe/,
    );
  });
});

describe('links leave the book only by http, https or mailto', () => {
  it('keeps javascript:, vbscript:, data: and file: links out of the HTML, the PDF and the EPUB', async () => {
    const dir = documentProject(
      `## 1 One\n\n[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) [d](file:///etc/passwd) [e][r] [kept](https://example.org/kept)\n\n[r]: JavaScript:alert(2)\n`,
      { formats: ['html', 'pdf', 'epub'] },
    );
    const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), {
      html: htmlRenderer,
      pdf: pdfRenderer,
      epub: epubRenderer,
    });
    const warnings = result.files.flatMap((f) =>
      f.messages.filter((m) => m.ruleId === 'link:forbidden-scheme'),
    );
    const out = (name: string) => path.join(result.outDir, 'doc', name);
    const pdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', out('doc.pdf'), '-'], {
      encoding: 'latin1',
      maxBuffer: 64 << 20,
    });
    const epub = execFileSync('unzip', ['-p', out('doc.epub')], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const html = readFileSync(out('doc.html'), 'utf8');
    for (const text of [html, pdf, epub]) {
      expect(text).toContain('https://example.org/kept');
      expect(text).not.toMatch(/javascript:|vbscript:|data:text\/html|file:\/\/\/etc/i);
    }
    expect(warnings).toHaveLength(5);
  }, 120_000);
});

describe('glossary definitions are held to the manuscript rules', () => {
  it('packages a glossary image from its checked real path, with no build path in the EPUB', async () => {
    const dir = makeProject({
      'folio.config.yaml': singleDocumentConfig({ glossary: true, formats: ['epub'] }),
      'doc.md': `${frontMatter()}## 1 One\n\nThe digital divide.\n`,
      'glossary.yaml': '- term: digital divide\n  definition: The gap ![a dot](images/dot.png).\n',
      'images/dot.png': Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { epub: epubRenderer });
    expect(result.files.flatMap((f) => f.messages)).toEqual([]);
    const epub = execFileSync('unzip', ['-p', path.join(result.outDir, 'doc/doc.epub')], {
      encoding: 'latin1',
      maxBuffer: 64 << 20,
    });
    expect(epub).toMatch(
      /<img[^>]*src="images\/[0-9a-f]{16}\.png"[^>]*alt="a dot"|alt="a dot"[^>]*src="images\/[0-9a-f]{16}\.png"/,
    );
    expect(epub).not.toContain(dir);
    expect(epub).not.toContain('data-file');
  }, 90_000);
});
