/**
 * Math and code in every edition, read back from the real outputs of the fixture book in
 * `test/fixtures/math-code/` (inline, display and numbered equations, references to them
 * from the same and another document, code in five languages, an unknown one and a line
 * too long for the page):
 *
 * - PDF: equation numbers and references ("Equation 3, in Physics, on page 1") in the text,
 *   every code line there, no word outside the page's text block (`pdftotext -bbox`), the
 *   bundled faces only (`pdffonts`), code set in bold and italic as well as colour;
 * - EPUB: EPUBCheck passes, MathML (with `alttext`) is declared in the manifest of the
 *   chapter that has it and only there, Ace finds no violation;
 * - HTML: MathML and highlight classes, the math face carried along, no script anywhere;
 * - math in a chapter heading typeset in the heading, the contents and a reference to it,
 *   its plain text (no TeX, its letters' case kept) in the running head, the PDF bookmark
 *   and the EPUB navigation;
 *   math in a glossary definition typeset.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/pipeline/pipeline.ts';
import { epubRenderer } from '../../src/render/epub/epub-renderer.ts';
import { htmlRenderer } from '../../src/render/html-renderer.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { elements, navHrefs, openEpub, runAce, runEpubcheck } from '../epub/epub-helpers.ts';
import { buildInTemp, makeProject, repoRoot } from '../helpers/build.ts';
import { type ReadPdf, readPdf } from '../helpers/pdf.ts';

const fixture = path.join(repoRoot, 'test/fixtures/math-code');

let result: BuildResult;
let pdfFile: string;
let pdf: ReadPdf;
const output = (name: string) => {
  const found = result.outputs.find((o) => o.path.endsWith(name));
  if (!found) throw new Error(`no output ${name}`);
  return found;
};

beforeAll(async () => {
  const root = makeProject({}, fixture);
  result = await buildInTemp(path.join(root, 'folio.config.yaml'), {
    html: htmlRenderer,
    pdf: pdfRenderer,
    epub: epubRenderer,
  });
  pdfFile = path.join(result.outDir, 'book', 'book.pdf');
  pdf = await readPdf(output('book.pdf').bytes);
}, 300_000);

/** The page (1-based) a named destination is on. */
const pageOf = (id: string) => pdf.destinations.get(id) ?? 0;
const textOf = (page: number) => pdf.pages[page - 1]?.text.replace(/\s+/g, ' ') ?? '';

describe('the build', () => {
  it('reports only the unknown code language, at its fence', () => {
    const messages = result.files.flatMap((f) =>
      f.messages.map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.ruleId}`),
    );
    expect(messages).toEqual(['listings.md:53:1 code:unknown-language']);
  });
});

describe('equations in the PDF', () => {
  it('are numbered (1) to (4) on their page, the unlabelled ones not', () => {
    const page = pageOf('physics--eq-work');
    expect(page).toBeGreaterThan(0);
    const text = textOf(page);
    for (const n of [1, 2, 3, 4]) expect(text).toContain(`(${n})`);
    expect(text).not.toContain('(5)');
    // Every numbered equation's anchor is on that page (a short document).
    for (const id of ['physics--eq-energy', 'physics--eq-roots', 'physics--eq-matrix'])
      expect(pageOf(id), id).toBe(page);
  });

  it('are named by references, with the page when it is another one', () => {
    const physics = textOf(pageOf('physics--eq-work'));
    expect(physics).toContain('follows from Equation 2 and the work done in Equation 1.');
    const listings = pageOf('listings--listings');
    const label = pdf.pages[pageOf('physics--eq-roots') - 1]?.label;
    expect(textOf(listings)).toContain(`as in Equation 3, in Physics, on page ${label}:`);
  });

  it('keep their text: letters, signs and the radical are extractable', () => {
    const text = textOf(pageOf('physics--eq-work'));
    // MathML in Noto Sans Math: mathematical italic letters and real signs, not drawings.
    for (const sign of ['𝐸', '𝑚𝑐', '∫', '±', '√', '∑', '𝛼', '𝛿']) expect(text).toContain(sign);
  });
});

describe('code in the PDF', () => {
  it('has every line of the listings, highlighted or not', () => {
    const text = textOf(pageOf('listings--listings'));
    for (const line of [
      'def roots(a: float, b: float, c: float) -> tuple[float, float]:',
      "d = math.sqrt(b * b - 4 * a * c) # the discriminant's root",
      'return mass * speed ** 2;',
      'npm install --no-audit && npx folio build --strict "$PROJECT"',
      "Qapla'! batlh bIHeghjaj.",
      'No colours here.',
    ])
      expect(text).toContain(line);
    // The unbreakable string wraps inside its box: all of its digits are there.
    expect(text.replace(/\s+/g, '')).toContain('0123456789'.repeat(13));
  });

  it('never runs off the page: every word inside the margins', () => {
    const bbox = execFileSync('pdftotext', ['-bbox', pdfFile, '-'], { encoding: 'utf8' });
    let width = 0;
    let checked = 0;
    const outside: string[] = [];
    for (const line of bbox.split('\n')) {
      const page = /<page width="([\d.]+)"/.exec(line);
      if (page) width = Number(page[1]);
      const word = /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</.exec(line);
      if (!word) continue;
      checked += 1;
      const [xMin, xMax] = [Number(word[1]), Number(word[2])];
      // The narrowest margin is 20 mm (56.7 pt); allow a point for rounding.
      if (xMin < 55 || xMax > width - 55) outside.push(`${word[3]} ${xMin}–${xMax} of ${width}`);
    }
    expect(checked).toBeGreaterThan(200);
    expect(outside).toEqual([]);
  });

  it('is set in the bundled faces only, code in bold and italic as well as colour', () => {
    const fonts = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => (line.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''));
    for (const font of fonts)
      expect(font).toMatch(/^(SourceSerif4|SourceSans3|SourceCodePro|NotoSansMath)/);
    expect(fonts.some((f) => f.startsWith('NotoSansMath'))).toBe(true);
    // Keywords bold, comments italic: the kinds stay apart on a greyscale printer.
    expect(fonts.some((f) => /^SourceCodePro.*-Bold$/.test(f))).toBe(true);
    expect(fonts.some((f) => /^SourceCodePro.*-Italic$/.test(f))).toBe(true);
  });
});

describe('the EPUB', () => {
  it('passes EPUBCheck', { timeout: 300_000 }, () => {
    const report = runEpubcheck(output('book.epub').bytes);
    expect(report.messages).toEqual([]);
    expect(report.errors + report.fatals + report.warnings).toBe(0);
  });

  it('declares MathML on the chapter that has it, and only there', async () => {
    const epub = await openEpub(output('book.epub').bytes);
    const opf = (await epub.zip.file('OEBPS/content.opf')?.async('string')) ?? '';
    expect(opf).toMatch(/href="physics\.xhtml"[^>]*properties="mathml"/);
    expect(opf).not.toMatch(/href="listings\.xhtml"[^>]*properties="[^"]*mathml/);
    expect(opf).toContain('<meta property="schema:accessibilityFeature">MathML</meta>');
    const physics = (await epub.zip.file('OEBPS/physics.xhtml')?.async('string')) ?? '';
    expect(physics).toContain(
      '<math xmlns="http://www.w3.org/1998/Math/MathML" alttext="E = mc^2" display="inline">',
    );
    expect(physics).toMatch(/<div class="equation numbered" id="physics--eq-roots">/);
    const listings = (await epub.zip.file('OEBPS/listings.xhtml')?.async('string')) ?? '';
    expect(listings).toContain('<span class="hljs-keyword">def</span>');
    expect(`${physics}${listings}`).not.toMatch(/<script/i);
  });

  it('passes Ace', () => {
    const report = runAce(output('book.epub').bytes);
    expect(report.violations).toEqual([]);
    expect(report.exitCode).toBe(0);
  }, 300_000);
});

describe('the HTML edition', () => {
  it('has MathML, highlight classes, the math face and no script', () => {
    const html = new TextDecoder().decode(output('book.html').bytes);
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"');
    expect(html).toContain('<span class="equation-number">(3)</span>');
    expect(html).toMatch(/<code class="hljs language-python">/);
    expect(html).toContain('<span class="hljs-comment">');
    expect(html).toContain("font-family: 'Folio Math'");
    expect(html).not.toMatch(/<script/i);
    // The unknown language stays plain, as written.
    expect(html).toContain('<code class="language-klingon">Qapla\'! batlh bIHeghjaj.');
  });
});

describe('math in a heading and in a glossary definition', () => {
  /** The plain text of the heading `# Mass and energy, $E = mc^2$`: no TeX, no dollars. */
  const plain = 'Mass and energy, E=mc²';

  it('typesets the heading, its contents entry and a reference to it (HTML)', () => {
    const tree = fromHtml(new TextDecoder().decode(output('book.html').bytes));
    const heading = select('h1#physics--relation', tree);
    expect(heading && select('math[alttext="E = mc^2"]', heading)).toBeTruthy();
    const entry = select('a.toc-link[href="#physics--relation"] .toc-text', tree);
    expect(entry && select('math[alttext="E = mc^2"]', entry)).toBeTruthy();
    expect(entry && hastToString(entry)).not.toMatch(/[$^\\]/);
    const reference = select('a.xref[href="#physics--relation"]', tree);
    expect(reference && select('math[alttext="E = mc^2"]', reference)).toBeTruthy();
    expect(reference && hastToString(reference).startsWith('Mass and energy, ')).toBe(true);
  });

  it('typesets math in a glossary definition', () => {
    const tree = fromHtml(new TextDecoder().decode(output('book.html').bytes));
    const glossary = select('#glossary', tree);
    expect(glossary).toBeTruthy();
    const maths = glossary ? selectAll('math', glossary) : [];
    expect(maths.map((m) => m.properties.alttext)).toEqual(['E_0 = mc^2', 'm', 'E_0']);
    // Prices stay text, by the manuscripts' rule for single dollars.
    const text = glossary ? hastToString(glossary) : '';
    expect(text).toContain('costs between $5 and $10 a sample');
    expect(text).not.toMatch(/\$[A-Za-z]/);
  });

  it('names the chapter in plain text in the EPUB navigation, MathML in its file', async () => {
    const epub = await openEpub(output('book.epub').bytes);
    const link = (await navHrefs(epub, 'toc')).find((a) =>
      String(a.attributes.href).endsWith('#physics--relation'),
    );
    expect(link).toBeDefined();
    expect(elements(link as NonNullable<typeof link>, (e) => e.name === 'math')).toEqual([]);
    const words = link?.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
    expect(words).toBe(plain);
  });

  it('prints the heading typeset, its contents entry too, and plain text in the bookmark', () => {
    const page = pageOf('physics--relation');
    expect(page).toBeGreaterThan(0);
    // Typeset: mathematical italic letters, as in the running text's equations.
    expect(textOf(page)).toContain('Mass and energy, 𝐸 = 𝑚𝑐');
    expect(textOf(1)).toContain('Mass and energy, 𝐸 = 𝑚𝑐');
    expect(textOf(1)).not.toContain('mc^2');
    const json = JSON.parse(
      execFileSync('qpdf', ['--json', '--json-key=outlines', pdfFile], { encoding: 'utf8' }),
    ) as { outlines: Array<{ title: string; kids: unknown[] }> };
    const titles: string[] = [];
    const walk = (items: Array<{ title: string; kids: unknown[] }>) => {
      for (const item of items) {
        titles.push(item.title);
        walk(item.kids as Array<{ title: string; kids: unknown[] }>);
      }
    };
    walk(json.outlines);
    expect(titles, titles.join(' / ')).toContain(plain);
  });

  it('heads the chapter’s next page with its plain title, the math’s letters not in capitals', () => {
    const page = pageOf('physics--relation') + 1;
    expect(textOf(page)).toContain('MASS AND ENERGY, E=mc²');
  });
});
