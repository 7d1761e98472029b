import GithubSlugger from 'github-slugger';
import type { Heading, PhrasingContent, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { failDuplicateLabel } from '../diagnostics/duplicate-label.ts';
import { wordsFor } from '../locale/locale.ts';
import type { GeneratedWords } from '../locale/words.ts';
import { anchorId } from '../model/ids.ts';
import { inlineMathText } from '../model/math-text.ts';
import type { Registry, SectionRecord } from '../model/registry.ts';
import { documentIdOf } from '../model/vfile-data.ts';
import type {} from './remark-heading-attributes.ts';

export interface CollectSectionsOptions {
  registry: Registry;
}

/** The headings of one manuscript file, as a link from another file names them. */
export interface FileHeadings {
  /** Anchor of the file's first heading: where a link to the file leads. */
  first?: string;
  /** Anchor by the heading's id inside this file alone (its GitHub slug, or its `{#label}`). */
  byLocalId: Map<string, string>;
}

declare module 'vfile' {
  interface DataMap {
    /** Set by the collect pass on every manuscript file. */
    headings: FileHeadings;
  }
}

const chapterNumber = /^(Chapter|Part)\s+([IVXLCDM]+|\d+)\.?\s+(.+)$/;
const decimalNumber = /^(\d+(?:\.\d+)*)\.?\s*(\p{L}.*)$/u;

export function remarkCollectSections(options: CollectSectionsOptions) {
  const { registry } = options;
  /** One slugger per document of this run: automatic labels are unique across its files. */
  const sluggers = new Map<string, GithubSlugger>();
  /**
   * The open section at each depth, per document, to find parents and chapter prefixes: a
   * document's files are one outline (a file may go on under the last one's chapter).
   */
  const outlines = new Map<string, SectionRecord[]>();
  return (tree: Root, file: VFile) => {
    // The document's own numbering, from its front matter (in its first file).
    const documentId = documentIdOf(file);
    const meta = registry.documents.get(documentId)?.meta;
    const numbering = meta?.numbering;
    // How references name a numbered section ("Section 2.1"): in the document's language.
    const words = wordsFor(meta?.language ?? 'en');
    let slugger = sluggers.get(documentId);
    if (!slugger) {
      slugger = new GithubSlugger();
      sluggers.set(documentId, slugger);
    }
    const local = new GithubSlugger();
    const headings: FileHeadings = { byLocalId: new Map() };
    file.data.headings = headings;
    let open = outlines.get(documentId);
    if (!open) {
      open = [];
      outlines.set(documentId, open);
    }
    visit(tree, 'heading', (heading: Heading) => {
      // An icon in a heading is not part of its title (nor of its GitHub id).
      const text = mdastToString(heading, { includeImageAlt: false }).trim();
      // Its title reads math as printed ("E=mc²", not the TeX); its GitHub id is the TeX's.
      const titled = headingTitle(heading, text);
      const given = heading.data?.id;
      const label = given ?? slugger.slug(text);
      if (given) slugger.slug(given); // a later unlabelled heading never takes a given label
      const anchor = anchorId(documentId, label);
      const localId = local.slug(text);
      if (!registry.sections.has(anchor)) {
        headings.first ??= anchor;
        if (!headings.byLocalId.has(localId)) headings.byLocalId.set(localId, anchor);
        if (given) headings.byLocalId.set(given, anchor);
      }
      // An equation, figure or table of an earlier file may hold the label too.
      const existing = registry.labelHolder(anchor);
      if (existing) {
        failDuplicateLabel(file, label, existing, heading.position);
        return;
      }
      while (open.length > 0 && (open[open.length - 1]?.depth ?? 0) >= heading.depth) open.pop();
      const parent = open[open.length - 1];
      const section: SectionRecord = {
        documentId,
        label,
        anchor,
        depth: heading.depth,
        title: titled.text,
        parent: parent?.anchor,
        file,
        position: heading.position,
        ...(numbering === 'source' ? numberOf(titled.text, parent, words) : {}),
      };
      if (titled.math) {
        const math = withoutLeading(titled.math, titled.text.length - section.title.length);
        if (math) section.titleMath = math;
      }
      registry.sections.set(anchor, section);
      open.push(section);
      heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id: anchor } };
    });
  };
}

/**
 * A heading's title: its text with math as printed (src/model/math-text.ts) and, when it
 * holds math, the title as text and typeset math nodes (the contents and references print
 * it so). Images are left out, everything else reads as its text.
 */
function headingTitle(heading: Heading, text: string): { text: string; math?: PhrasingContent[] } {
  const parts: PhrasingContent[] = [];
  let hasMath = false;
  const addText = (value: string) => {
    const last = parts[parts.length - 1];
    if (last?.type === 'text') last.value += value;
    else parts.push({ type: 'text', value });
  };
  const walk = (node: PhrasingContent) => {
    if (node.type === 'inlineMath') {
      hasMath = true;
      parts.push(structuredClone(node));
    } else if (node.type === 'image' || node.type === 'imageReference') {
      // left out, as from its GitHub id
    } else if (node.type === 'break') addText(' ');
    else if ('children' in node) for (const child of node.children) walk(child);
    else if ('value' in node) addText(node.value);
  };
  for (const child of heading.children) walk(child);
  if (!hasMath) return { text };
  trimEnds(parts);
  const plain = parts.map((p) => (p.type === 'inlineMath' ? inlineMathText(p) : mdastToString(p)));
  return { text: plain.join(''), math: parts };
}

function trimEnds(parts: PhrasingContent[]) {
  const first = parts[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = parts[parts.length - 1];
  if (last?.type === 'text') last.value = last.value.trimEnd();
}

/**
 * The title parts without the first `count` characters of their text (the number the
 * document's own numbering took off the title); undefined if that would cut into math.
 */
function withoutLeading(parts: PhrasingContent[], count: number): PhrasingContent[] | undefined {
  const [first, ...rest] = parts;
  if (count <= 0) return parts;
  if (first?.type !== 'text' || first.value.length < count) return undefined;
  const kept = first.value.slice(count).trimStart();
  return kept ? [{ type: 'text', value: kept }, ...rest] : rest;
}

/** Reads the document's own number from the heading text. */
function numberOf(
  text: string,
  parent: SectionRecord | undefined,
  words: GeneratedWords,
): Partial<SectionRecord> {
  const chapter = chapterNumber.exec(text);
  if (chapter) {
    const [, word = 'Chapter', number = '', title = ''] = chapter;
    return { number, kind: 'chapter', refLabel: `${word} ${number}`, title };
  }
  const decimal = decimalNumber.exec(text);
  if (decimal) {
    const [, number = '', title = ''] = decimal;
    // An item numbered "1." under a chapter (or under one of its items): the document
    // numbers it within the chapter.
    const inChapter =
      (parent?.kind === 'chapter' || parent?.kind === 'item') && !number.includes('.');
    return inChapter
      ? {
          number,
          kind: 'item',
          refLabel: words.sectionInChapter(parent.refLabel ?? '', number),
          title,
        }
      : { number, kind: 'section', refLabel: words.section(number), title };
  }
  return {};
}
