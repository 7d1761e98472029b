/**
 * A run of headings kept with what follows (an h2, its h3 and its h4, each `break-after:
 * avoid`) at the foot of a chapter's first page, on 6 × 9 in: print sends the whole run on
 * to the next page, with the last lines of the paragraph before it. The loaded page that
 * places the notes must hold its page above the run's first heading, not above its last
 * one only (the h2 and h3 then stayed on the loaded page, and the next page began some
 * three lines lower in print than there: a reference on the next page's last lines went on
 * in print while its note stayed). Each chapter sets its one note a line lower on that
 * next page than the chapter before. Failed before the fix: 2 of the 6 notes a page before
 * their references (chapters 29 and 30), each reported `pdf:footnote-off-page`.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderers } from '../../src/render/renderers.ts';
import { buildInTemp, frontMatter, makeProject } from '../helpers/build.ts';
import { pagesText as readPagesText } from '../helpers/pdf.ts';
import { notesApart, sentence } from './footnote-book.ts';

/** The chapters, by the number of one-line paragraphs between the run and the note's. */
const rows = [26, 27, 28, 29, 30, 31];
const blocks: string[] = ['# Opening', `${sentence(1, 30)}.`];
const notes: string[] = [];
for (const n of rows) {
  blocks.push(`# Chapter ${n}`);
  for (let p = 0; p < 4; p++) blocks.push(`${sentence(2 + p, 40)}.`);
  blocks.push(`## Part ${n}`, `### Sub ${n}`, `#### Deep ${n}`);
  for (let r = 0; r < n; r++) blocks.push(`Row ${n} ${r}.`);
  blocks.push(`Mark${n}x[^n${n}] ends here.`);
  notes.push(`[^n${n}]: Note${n}x ${sentence(n, 6)}.`);
  for (let p = 0; p < 4; p++) blocks.push(`${sentence(3 + p, 40)}.`);
}
const config = `title: Heading runs
documents:
  - { id: doc, files: [doc.md] }
editions:
  - { id: book, documents: [doc], formats: [pdf], paper: us-trade, noteNumbering: chapter }
`;

let pagesText: string[] = [];
let messages: Array<{ ruleId: string; reason: string }> = [];

beforeAll(async () => {
  const dir = makeProject({
    'folio.config.yaml': config,
    'doc.md': `${frontMatter('doc')}${[...blocks, ...notes].join('\n\n')}\n`,
  });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), renderers);
  expect(result.written).toBe(true);
  messages = result.files.flatMap((f) =>
    f.messages.map((m) => ({ ruleId: String(m.ruleId), reason: m.reason })),
  );
  const pdf = path.join(result.outDir, 'book/book.pdf');
  pagesText = readPagesText(pdf);
}, 600_000);

/** The pages (1-based) that print `text`. */
const pagesOf = (text: string) =>
  pagesText.flatMap((page, i) => (page.includes(text) ? [i + 1] : []));

describe('a run of headings at the foot of a page, with notes on the next', () => {
  it('prints each run whole on the page after its chapter’s first', () => {
    for (const n of rows) {
      const [chapter] = pagesOf(`Chapter ${n}`).slice(-1);
      const run = [`Part ${n}`, `Sub ${n}`, `Deep ${n}`].map((h) => pagesOf(h).slice(-1)[0]);
      expect(run, `chapter ${n}`).toEqual([0, 0, 0].map(() => (chapter ?? 0) + 1));
    }
  });

  it('starts every note on its reference’s page, and reports none off it', () => {
    const apart = notesApart(
      pagesOf,
      rows.map((n) => ({ n, reference: `Mark${n}x`, note: `Note${n}x` })),
    );
    expect(apart).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'pdf:footnote-off-page')).toEqual([]);
  });
});
