/**
 * Side notes in print under pressure, on a synthetic annotated project: five notes on one
 * paragraph (more than fit beside it), a note longer than a page, and notes on the pages
 * it runs on to. Every note still starts on its passage's page, the long note runs on to
 * the next page, no text overlaps any other, and every word of every note is printed in
 * the note column, in order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { destinationName } from '../../src/render/pdf/page-map.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { buildInTemp, frontMatter, makeProject } from '../helpers/build.ts';
import { normalise } from '../helpers/pdf.ts';

const vocabulary =
  'policy network order states rules trust security dialogue cooperation governance development openness infrastructure capacity exchange principle'.split(
    ' ',
  );
const noteWords =
  'archive margin gloss reading witness variant edition scholia reference context'.split(' ');

/** Deterministic text of `n` words from a list, starting at `seed`. */
function words(list: string[], n: number, seed: number): string {
  return Array.from(
    { length: n },
    (_, i) => list[(seed * 7 + i * 3 + ((i * i) % 5)) % list.length],
  ).join(' ');
}

interface Note {
  quote: string;
  body: string;
}

const notes: Note[] = [];
const paragraphs: string[] = [];
for (let p = 1; p <= 26; p++) {
  const tokens =
    p === 4
      ? ['Keya', 'Keyb', 'Keyc', 'Keyd', 'Keye', 'Keyf']
      : [9, 14, 20].includes(p)
        ? [`Key${p}`]
        : [];
  const parts = [words(vocabulary, 40, p)];
  for (const token of tokens) parts.push(`${token} ${words(vocabulary, 12, p + token.length)}`);
  parts.push(words(vocabulary, 60, p + 1));
  paragraphs.push(`${p % 6 === 0 ? `## ${p / 6} Part ${p / 6}\n\n` : ''}${parts.join(' ')}.`);
  for (const token of tokens) {
    const long = p === 9;
    notes.push({
      quote: token,
      body: `${words(noteWords, long ? 520 : 34, p + token.charCodeAt(3))}.`,
    });
  }
}

const yaml = notes
  .map(
    (n) =>
      `- document: doc\n  quote: ${n.quote}\n  kind: commentary\n  author: A. Editor\n  date: 2026-01-01\n  body: |\n    ${n.body}\n`,
  )
  .join('');

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

let pages: Item[][] = [];
const destinations = new Map<string, number>();
/** Height on its page of each destination (PDF units, from the bottom). */
const heights = new Map<string, number>();

beforeAll(async () => {
  const dir = makeProject({
    'folio.config.yaml': [
      'title: Side notes',
      'documents:',
      '  - id: doc',
      '    files: [doc.md]',
      'annotations: [annotations.yaml]',
      'editions:',
      '  - id: doc',
      '    documents: [doc]',
      '    formats: [pdf]',
      '    annotated: true',
      '',
    ].join('\n'),
    'doc.md': `${frontMatter()}${paragraphs.join('\n\n')}\n`,
    'annotations.yaml': yaml,
  });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
  expect(result.written).toBe(true);
  const notices = result.files.flatMap((f) => f.messages.map((m) => `${m.ruleId}`));
  expect(notices.filter((id) => id !== 'pdf:unmeasured-anchor')).toEqual([]);
  const bytes = new Uint8Array(readFileSync(path.join(result.outDir, 'doc/doc.pdf')));
  const task = getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const raw = (await document.getDestinations()) as Record<string, unknown[]>;
    for (const [name, destination] of Object.entries(raw)) {
      const ref = destination?.[0] as { num: number; gen: number };
      destinations.set(name, (await document.getPageIndex(ref)) + 1);
      if (typeof destination?.[3] === 'number') heights.set(name, destination[3]);
    }
    pages = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(
        (content.items as Array<{ str?: string; transform: number[]; width: number }>)
          .filter((i) => typeof i.str === 'string' && i.str.trim() !== '')
          .map((i) => ({
            str: i.str ?? '',
            x: i.transform[4] ?? 0,
            y: i.transform[5] ?? 0,
            width: i.width,
            size: Math.abs(i.transform[3] ?? 0),
          })),
      );
    }
  } finally {
    await task.destroy();
  }
}, 120_000);

/** Text in the note column: right of the text column (A4, mirrored margins), inside the page area. */
function noteColumn(page: Item[], number: number): Item[] {
  const threshold = number % 2 === 1 ? 394 : 371;
  return page.filter((i) => i.x > threshold && i.y > 74 && i.y < 774);
}

describe('side notes in print', () => {
  it('start every note on its passage’s page, crowded or after a long note', () => {
    expect(notes.length).toBe(9);
    for (let n = 1; n <= notes.length; n++) {
      const passage = destinations.get(destinationName(`doc--note-${n}-passage`));
      expect(passage).toBeDefined();
      expect(destinations.get(destinationName(`doc--note-${n}`)), `note ${n}`).toBe(passage);
    }
  });

  it('moves the notes of a crowded page up, above their passages, rather than off the page', () => {
    const heightOf = (id: string) => {
      const height = heights.get(destinationName(id));
      expect(height, `height of ${id}`).toBeTypeOf('number');
      return height ?? Number.NaN;
    };
    const raised = notes.filter(
      (_, i) => heightOf(`doc--note-${i + 1}`) > heightOf(`doc--note-${i + 1}-passage`) + 5,
    );
    expect(raised.length).toBeGreaterThan(0);
  });

  it('runs a note longer than the page on to the next page, losing no word', () => {
    const column = pages.flatMap((page, i) => noteColumn(page, i + 1).map((item) => item.str));
    const printed = normalise(column.join(' '));
    for (const note of notes) expect(printed).toContain(normalise(note.body));
    const index = notes.findIndex((n) => n.quote === 'Key9');
    const long = destinations.get(destinationName(`doc--note-${index + 1}`)) ?? 0;
    const tail = normalise(notes[index]?.body ?? '')
      .split(' ')
      .slice(-8)
      .join(' ');
    const next = normalise(
      noteColumn(pages[long] ?? [], long + 1)
        .map((i) => i.str)
        .join(' '),
    );
    expect(next).toContain(tail);
  });

  it('overlaps no text with any other', () => {
    // More than a page of text, and the long note runs on: several pages to compare.
    expect(pages.length).toBeGreaterThan(2);
    let pairs = 0;
    for (const [p, page] of pages.entries()) {
      for (let a = 0; a < page.length; a++) {
        for (let b = a + 1; b < page.length; b++) {
          const i = page[a] as Item;
          const j = page[b] as Item;
          const across = Math.min(i.x + i.width, j.x + j.width) - Math.max(i.x, j.x);
          const down =
            Math.min(i.y + 0.8 * i.size, j.y + 0.8 * j.size) -
            Math.max(i.y - 0.2 * i.size, j.y - 0.2 * j.size);
          const overlaps = across > 3 && down > 0.5 * Math.min(i.size, j.size);
          expect(overlaps, `page ${p + 1}: “${i.str}” and “${j.str}”`).toBe(false);
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(10_000);
  });
});
