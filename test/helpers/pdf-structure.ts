/**
 * Reads a PDF's tags back as assistive technology meets them: the structure tree with the
 * text each element reaches (poppler's `pdfinfo -struct-text`), and per page the text
 * drawn outside any tag, and inside Artifacts (pdf.js marked content).
 */
import { spawnSync } from 'node:child_process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructElement {
  type: string;
  /** The text of the element and its descendants, in order. */
  text: string;
  children: StructElement[];
}

export interface StructTree {
  root: StructElement;
  /** poppler's complaints while reading the tree ("StructElem object is wrong type"). */
  warnings: string[];
}

/** The structure tree of `file`, with the text every element reaches. */
export function structTree(file: string): StructTree {
  const result = spawnSync('pdfinfo', ['-struct-text', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const root: StructElement = { type: '(root)', text: '', children: [] };
  const stack: Array<{ indent: number; element: StructElement }> = [{ indent: -1, element: root }];
  for (const line of result.stdout.split('\n')) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    while ((stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    const content = line.trim();
    if (content.startsWith('"')) {
      const text = content.slice(1, -1);
      for (const { element } of stack) element.text += text;
      continue;
    }
    // Attribute lines (`/Scope /Column`) belong to the element above; a type may end in ':'.
    if (content.startsWith('/')) continue;
    const type = (content.split(' ')[0] ?? '').replace(/:$/, '');
    const element: StructElement = { type, text: '', children: [] };
    stack.at(-1)?.element.children.push(element);
    stack.push({ indent, element });
  }
  return { root, warnings: result.stderr.split('\n').filter(Boolean) };
}

/** Every element of the tree, depth first. */
export function* structElements(element: StructElement): Generator<StructElement> {
  yield element;
  for (const child of element.children) yield* structElements(child);
}

export interface MarkedText {
  /** Text inside a tagged (MCID) sequence, per page. */
  tagged: string[];
  /** Text inside `/Artifact` sequences, per page. */
  artifacts: string[];
  /** Text outside any marked content, per page: neither content nor furniture. */
  untagged: string[];
}

/** The text of each page (joined by spaces), by what marks it. */
export async function markedText(bytes: Uint8Array): Promise<MarkedText> {
  const task = getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 });
  const document = await task.promise;
  const marked: MarkedText = { tagged: [], artifacts: [], untagged: [] };
  try {
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: string[] = [];
      const texts = { tagged: [] as string[], artifacts: [] as string[], untagged: [] as string[] };
      for (const item of content.items as Array<Record<string, unknown>>) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps')
          open.push(String(item.tag ?? ''));
        else if (item.type === 'endMarkedContent') open.pop();
        else if (typeof item.str === 'string' && item.str.trim()) {
          const where = open.includes('Artifact')
            ? texts.artifacts
            : open.length > 0
              ? texts.tagged
              : texts.untagged;
          where.push(item.str);
        }
      }
      marked.tagged.push(texts.tagged.join(' '));
      marked.artifacts.push(texts.artifacts.join(' '));
      marked.untagged.push(texts.untagged.join(' '));
    }
    return marked;
  } finally {
    await task.destroy();
  }
}
