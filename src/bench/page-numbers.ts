/**
 * Checks every printed page number of a synthetic project's PDF (synthetic-project.ts)
 * against the pages themselves: each cross-reference ("Section 8.3, Standard and
 * stability, on page 26") and each contents entry must name a heading that stands on the
 * page whose label is that number. Reads the page labels with pdf.js and the text with
 * poppler's `pdftotext -layout`. `npx tsx src/bench/page-numbers.ts dist/pack/pack.pdf`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument } from '../render/pdf/pdfjs.ts';

export interface PageNumberCheck {
  pages: number;
  crossReferences: number;
  contentsEntries: number;
  /** The references and entries whose page does not hold their heading (the first 20). */
  wrong: string[];
  wrongCount: number;
}

const crossReference = /Section (\d+(?:\.\d+)?), ([A-Z][a-z]+ and [a-z]+), on page (\d+)/g;
const contentsEntry = /^((?:\d+(?:\.\d+)? [A-Z][a-z]+ and [a-z]+)|Synthetic document \d+)\s+(\d+)$/;

export async function checkPageNumbers(file: string): Promise<PageNumberCheck> {
  const task = getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 });
  const document = await task.promise;
  const count = document.numPages;
  const labels =
    (await document.getPageLabels()) ?? Array.from({ length: count }, (_, i) => String(i + 1));
  await task.destroy();
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 2 ** 30 })
    .toString('utf8')
    .split('\f');
  const text = pages.map((page) => page.replace(/\s+/g, ' '));
  const indexOf = new Map(labels.map((label, i) => [label, i]));
  const holds = (label: string, heading: string) => {
    const at = indexOf.get(label);
    return at !== undefined && (text[at] ?? '').includes(heading);
  };
  const result: PageNumberCheck = {
    pages: count,
    crossReferences: 0,
    contentsEntries: 0,
    wrong: [],
    wrongCount: 0,
  };
  const wrong = (what: string) => {
    result.wrongCount++;
    if (result.wrong.length < 20) result.wrong.push(what);
  };
  text.forEach((page, i) => {
    for (const [reference, number, title, label] of page.matchAll(crossReference)) {
      result.crossReferences++;
      if (!holds(label as string, `${number} ${title}`)) wrong(`page ${i + 1}: ${reference}`);
    }
  });
  // The contents stand before the body's page 1.
  const bodyStart = labels.indexOf('1');
  for (const page of pages.slice(0, Math.max(0, bodyStart))) {
    for (const line of page.split('\n')) {
      const entry = contentsEntry.exec(line.trim());
      if (!entry) continue;
      result.contentsEntries++;
      if (!holds(entry[2] as string, entry[1] as string)) wrong(`contents: ${line.trim()}`);
    }
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: page-numbers.ts FILE.pdf');
  const check = await checkPageNumbers(file);
  console.log(JSON.stringify(check, null, 2));
  process.exitCode = check.wrongCount > 0 ? 1 : 0;
}
