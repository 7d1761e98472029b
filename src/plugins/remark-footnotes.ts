/**
 * remark plugin (resolve pass): GFM footnotes (`text[^1]` … `[^1]: note`) as Folio's own
 * notes, instead of remark-rehype's list at the end of each file under a hidden
 * "Footnotes" heading with "↩" links (and ids that repeat from file to file).
 *
 * Each reference becomes `sup.footnote-ref > a` (`role="doc-noteref"`,
 * `epub:type="noteref"`) pointing at its note; each note becomes an `aside.footnote`
 * (`role="doc-footnote"`, `epub:type="footnote"`) placed right after the top-level block
 * that first refers to it, its number a link back to the reference (`role="doc-backlink"`).
 * That is the EPUB's placement (a pop-up near its paragraph); the assembly moves notes on
 * from there for the other formats and for endnotes (assemble/footnotes.ts).
 *
 * Numbers run through a document, over all its files (or start again at each chapter
 * heading, `noteNumbering: chapter`); the counter lives on `file.data.footnotes`, set by
 * the resolve pass per document and edition. Ids are unique in every edition
 * (`doc--fn-3`, `doc--fnref-3`, `doc--fnref-3-2` for a second reference to the same note).
 * A note that nothing refers to is a warning (`footnote:unreferenced`), and is left out.
 */
import type {
  BlockContent,
  Blockquote,
  DefinitionContent,
  Emphasis,
  FootnoteDefinition,
  FootnoteReference,
  Paragraph,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
} from 'mdast';
import type {} from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { warn } from '../diagnostics/messages.ts';
import { wordsFor } from '../locale/locale.ts';
import type { GeneratedWords } from '../locale/words.ts';
import { footnoteId, footnoteRefId } from '../model/ids.ts';
import { documentIdOf } from '../model/vfile-data.ts';

/** The footnote counter of one document in one edition, shared by the document's files. */
export interface FootnoteCounter {
  /** The number the next note prints. */
  next: number;
  /** The sequence number of the next note's id (never restarts within a document). */
  nextId: number;
  /** `chapter`: numbers start again at every heading of `chapterLevel` or above. */
  numbering: 'document' | 'chapter';
  chapterLevel: number;
}

declare module 'vfile' {
  interface DataMap {
    /** Set by the resolve pass before each manuscript file is run. */
    footnotes: FootnoteCounter;
  }
}

interface Note {
  definition: FootnoteDefinition;
  id: string;
  number: number;
  refs: number;
}

export interface FootnoteOptions {
  /** The language of a document, whose words name its notes for assistive technology. */
  languageOf: (documentId: string) => string;
}

export function remarkFootnotes({ languageOf }: FootnoteOptions) {
  return (tree: Root, file: VFile) => {
    const counter = file.data.footnotes;
    const definitions = new Map<string, FootnoteDefinition>();
    // Definitions leave the tree: they come back as notes where they are referred to.
    visit(tree, 'footnoteDefinition', (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
    if (!counter) return;
    const documentId = documentIdOf(file);
    const words = wordsFor(languageOf(documentId));
    const notes = new Map<string, Note>();

    /** Turns the references inside `node` into links; returns the notes they open. */
    const referencesIn = (node: Parent): Note[] => {
      const opened: Note[] = [];
      visit(node, 'footnoteReference', (reference, index, parent) => {
        if (!parent || index === undefined) return;
        const definition = definitions.get(reference.identifier);
        if (!definition) return;
        let note = notes.get(reference.identifier);
        if (!note) {
          note = {
            definition,
            id: footnoteId(documentId, counter.nextId),
            number: counter.next,
            refs: 0,
          };
          counter.nextId += 1;
          counter.next += 1;
          notes.set(reference.identifier, note);
          opened.push(note);
        }
        note.refs += 1;
        parent.children.splice(index, 1, referenceNode(reference, note, words));
        return [SKIP, index + 1];
      });
      return opened;
    };

    const children: RootContent[] = [];
    for (const block of tree.children) {
      if (
        counter.numbering === 'chapter' &&
        block.type === 'heading' &&
        block.depth <= counter.chapterLevel
      )
        counter.next = 1;
      children.push(block);
      if (!('children' in block)) continue;
      // Notes follow their block; a note's own references open notes after it.
      const queue = referencesIn(block);
      while (queue.length > 0) {
        const note = queue.shift();
        if (!note) break;
        const aside = noteNode(note, words);
        queue.push(...referencesIn(aside));
        children.push(aside);
      }
    }
    tree.children = children;
    if (file.data.resolve?.report === false) return;
    for (const [identifier, definition] of definitions) {
      if (notes.has(identifier)) continue;
      warn(
        file,
        `Footnote \`[^${definition.label ?? identifier}]\` is never referred to; it is left out. Refer to it with \`[^${definition.label ?? identifier}]\` in the text, or delete it`,
        { place: definition.position, ruleId: 'footnote:unreferenced' },
      );
    }
  };
}

/** `sup.footnote-ref > a`: the note's number, linked to the note. */
function referenceNode(reference: FootnoteReference, note: Note, words: GeneratedWords): Emphasis {
  const link: Emphasis = {
    type: 'emphasis',
    children: [{ type: 'text', value: String(note.number) }],
    data: {
      hName: 'a',
      hProperties: {
        href: `#${note.id}`,
        id: footnoteRefId(note.id, note.refs),
        role: 'doc-noteref',
        'epub:type': 'noteref',
        ariaLabel: words.noteReference(String(note.number)),
      },
    },
  };
  return {
    type: 'emphasis',
    children: [link],
    data: { hName: 'sup', hProperties: { className: ['footnote-ref'] } },
    ...(reference.position ? { position: reference.position } : {}),
  };
}

/** `aside.footnote`: the note's blocks, the first opening with its number linked back. */
function noteNode(note: Note, words: GeneratedWords): Blockquote {
  const backlink: Emphasis = {
    type: 'emphasis',
    children: [{ type: 'text', value: String(note.number) }],
    data: {
      hName: 'a',
      hProperties: {
        href: `#${footnoteRefId(note.id, 1)}`,
        className: ['footnote-number'],
        role: 'doc-backlink',
        ariaLabel: words.backToReference(String(note.number)),
      },
    },
  };
  const label: PhrasingContent[] = [backlink, { type: 'text', value: ' ' }];
  const blocks = structuredClone(note.definition.children) as Array<
    BlockContent | DefinitionContent
  >;
  const first = blocks[0];
  if (first?.type === 'paragraph') first.children.unshift(...label);
  else blocks.unshift({ type: 'paragraph', children: label } satisfies Paragraph);
  return {
    type: 'blockquote',
    children: blocks,
    data: {
      hName: 'aside',
      hProperties: {
        id: note.id,
        className: ['footnote'],
        role: 'doc-footnote',
        'epub:type': 'footnote',
        dataNoteNumber: String(note.number),
      },
    },
    ...(note.definition.position ? { position: note.definition.position } : {}),
  };
}
