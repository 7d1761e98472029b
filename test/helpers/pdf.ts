/**
 * Reads a built PDF back the way a reader meets it: the text of every page, its page
 * labels, its named destinations, its links (with the printed text under each link), the
 * outline and the structure tree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLink {
  /** The named destination (URL-serialised element id). */
  dest: string;
  /** The text printed inside the link's rectangle. */
  text: string;
}

export interface PdfPage {
  number: number;
  label: string;
  text: string;
  links: PdfLink[];
}

export interface ReadPdf {
  pages: PdfPage[];
  /** Physical page (1-based) of each named destination. */
  destinations: Map<string, number>;
  outline: number;
  tagged: boolean;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const task = getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const labels = ((await document.getPageLabels()) as string[] | null) ?? [];
    const rawDestinations = (await document.getDestinations()) as Record<string, unknown[]>;
    const destinations = new Map<string, number>();
    for (const [name, destination] of Object.entries(rawDestinations)) {
      const ref = destination?.[0];
      if (ref && typeof ref === 'object')
        destinations.set(
          name,
          (await document.getPageIndex(ref as { num: number; gen: number })) + 1,
        );
    }
    const pages: PdfPage[] = [];
    let tagged = false;
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i) => 'str' in i) as unknown as TextItem[];
      const annotations = (await page.getAnnotations()) as Array<{
        subtype: string;
        dest?: unknown;
        rect: number[];
      }>;
      const links = annotations
        .filter((a) => a.subtype === 'Link' && typeof a.dest === 'string')
        .map((a) => ({ dest: String(a.dest), text: textIn(items, a.rect) }));
      tagged ||= Boolean(await page.getStructTree());
      const text = joinItems(items);
      pages.push({ number: n, label: labels[n - 1] ?? String(n), text, links });
    }
    const outline = (await document.getOutline())?.length ?? 0;
    return { pages, destinations, outline, tagged };
  } finally {
    await task.destroy();
  }
}

/** Page text with a space wherever items are on different lines or apart on one line. */
function joinItems(items: TextItem[]): string {
  let text = '';
  let previous: TextItem | undefined;
  for (const item of items) {
    if (previous) {
      const sameLine = Math.abs((item.transform[5] ?? 0) - (previous.transform[5] ?? 0)) < 1;
      const gap = (item.transform[4] ?? 0) - ((previous.transform[4] ?? 0) + previous.width);
      if (previous.hasEOL || !sameLine || Math.abs(gap) > 1) text += ' ';
    }
    text += item.str;
    previous = item;
  }
  return text;
}

function textIn(items: TextItem[], rect: number[]): string {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = rect;
  return items
    .filter((item) => {
      const x = item.transform[4] ?? 0;
      const y = item.transform[5] ?? 0;
      return x >= x1 - 1 && x + item.width <= x2 + 1 && y >= y1 - 2 && y <= y2 + 1;
    })
    .map((item) => item.str)
    .join('')
    .trim();
}

/** The text of each page of the PDF `file`, as pdftotext reads it (top to bottom). */
export function pagesText(file: string): string[] {
  const count = Number(
    /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1],
  );
  return Array.from({ length: count }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], {
      encoding: 'utf8',
    }),
  );
}

/** Words of a text, for comparing what a page says with what an element says. */
export function normalise(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u00ad]/g, '')
      // A hyphen at a line end joins the word again, as PDF readers do.
      .replace(/(?<=\p{Ll})-\s+(?=\p{Ll})/gu, '')
      .replace(/\u02bc/g, '’')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .toLowerCase()
  );
}

export interface Hyphens {
  /** Words split by a hyphen at a line end, as "start-" + the next line's first word. */
  atLineEnd: string[];
  /** Hyphens inside a line that join no compound of the sources, with the text around. */
  insideLine: string[];
  /** The most lines in a row that end with such a hyphen. */
  longestLadder: number;
  /** The text as poppler reads it in content order, line by line. */
  text: string;
}

/**
 * Every text of a project's manuscript folder, templates and config, for what it says
 * itself (the `sources` of `hyphensOf`).
 */
export function sourcesOf(root: string): string {
  const files = [
    'folio.config.yaml',
    ...['manuscript', 'templates'].flatMap((folder) =>
      existsSync(path.join(root, folder))
        ? readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' }).map((f) =>
            path.join(folder, f),
          )
        : [],
    ),
  ];
  return files
    .filter((f) => /\.(md|ya?ml|jsonld|html|ejs)$/.test(f))
    .map((f) => readFileSync(path.join(root, f), 'utf8'))
    .join('\n');
}

/**
 * The hyphens hyphenation left in a PDF's text, read by poppler in content order
 * (`pdftotext -raw`); `sources` is the text the edition came from, whose own hyphenated
 * compounds ("zero-sum") are no hyphenation.
 */
export function hyphensOf(file: string, sources: string): Hyphens {
  const text = execFileSync('pdftotext', ['-raw', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const compounds = new Set(
    [...sources.matchAll(/\p{L}+-\p{L}+/gu)].map((m) => m[0].toLowerCase()),
  );
  const ours = (start: string, end: string) => !compounds.has(`${start}-${end}`.toLowerCase());
  const atLineEnd = [...text.matchAll(/(\p{L}+)-\n(\p{L}+)/gu)]
    .filter((m) => ours(m[1] ?? '', m[2] ?? ''))
    .map((m) => `${m[1]}-${m[2]}`);
  // A compound's parts may themselves be split at a line end ("cy-⏎berspace-related"):
  // the parts are then the whole words, joined again.
  const insideLine = [...text.matchAll(/(?:(\p{L}+)-\n)?(\p{L}+)-(\p{L}+)(?:-\n(\p{L}+))?/gu)]
    .filter((m) => ours((m[1] ?? '') + (m[2] ?? ''), (m[3] ?? '') + (m[4] ?? '')))
    .map((m) => text.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + m[0].length + 20));
  const lines = text.split('\n');
  let run = 0;
  let longestLadder = 0;
  lines.forEach((line, i) => {
    const split = /(\p{L}+)-$/u.exec(line);
    const next = /^\p{L}+/u.exec(lines[i + 1] ?? '');
    run = split && next && ours(split[1] ?? '', next[0]) ? run + 1 : 0;
    longestLadder = Math.max(longestLadder, run);
  });
  return { atLineEnd, insideLine, longestLadder, text };
}

/** The addresses of each page's external (URI) links, page by page. */
export async function pageUris(bytes: Uint8Array): Promise<string[][]> {
  const task = getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const pages: string[][] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const annotations = (await (await document.getPage(n)).getAnnotations()) as Array<{
        subtype: string;
        url?: string;
        unsafeUrl?: string;
      }>;
      pages.push(
        annotations.flatMap((a) =>
          a.subtype === 'Link' && (a.unsafeUrl ?? a.url) ? [String(a.unsafeUrl ?? a.url)] : [],
        ),
      );
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
