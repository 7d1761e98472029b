/**
 * Side notes for annotated print editions. Chromium has no `float: footnote`, so each note
 * becomes a float in a column to the right of the text (styles/annotations.css): it is
 * moved from after its passage's block into that block, just before the inline content
 * holding the passage's start, so its first line stands level with the line where the
 * passage begins, on the same page. Floats that meet stack (`clear: right`) and a note too
 * long for the rest of the page runs on at the top of the next, so nothing overlaps or is
 * lost (assemble/side-notes.ts places them). When the notes of a page do not all fit
 * beside their passages (a note is pushed to the next page), the page-number loop moves
 * that page's notes up to the top of the page (`SideNoteHoists`), so they stack from there.
 */
import type { Element } from 'hast';
import type { EditionParts } from '../../assemble/edition.ts';
import { topLevelBlocks } from '../../assemble/side-notes.ts';
import { isNoteId, isPassageId, noteOfPassage, passageId } from '../../model/ids.ts';

/**
 * The notes moved up, decided after each print from where the notes landed. When a note
 * is pushed off its passage's page, the notes of the passages on that page move together to
 * the start of the first block that begins on the page (if it is not after their blocks),
 * so they stack from there. A float cannot stand higher than the line it is anchored in,
 * so the lines of a block running on from the page before stay without notes. Moves are
 * kept from pass to pass, so the layout settles.
 */
export class SideNoteHoists {
  readonly hoists = new Map<string, string>();

  /** Adds the moves a print calls for; true when there are new ones. */
  update(parts: EditionParts, page: (id: string) => number | undefined): boolean {
    const before = this.hoists.size;
    for (const { article } of parts.documents) {
      const blocks = topLevelBlocks(article).map((block, index) => ({
        block,
        id: String(block.properties.id),
        index,
        page: page(String(block.properties.id)),
      }));
      const notes = blocks.flatMap(({ block, index }) =>
        passagesIn(block).flatMap((passage) => {
          const note = noteOfPassage(passage);
          return note ? [{ note, index, page: page(passage), notePage: page(note) }] : [];
        }),
      );
      const crowded = new Set(
        notes.flatMap((n) => (n.page !== undefined && n.notePage !== n.page ? [n.page] : [])),
      );
      for (const pageNumber of crowded) {
        const first = blocks.find((b) => b.page === pageNumber);
        if (!first) continue;
        for (const n of notes) {
          if (n.page === pageNumber && n.index >= first.index && !this.hoists.has(n.note))
            this.hoists.set(n.note, first.id);
        }
      }
    }
    return this.hoists.size > before;
  }
}

/** Notes whose first line is not on their passage's page, by id. */
export function notesOffPage(pageOf: ReadonlyMap<string, number>): string[] {
  return [...pageOf]
    .filter(([id, page]) => isNoteId(id) && pageOf.get(passageId(id)) !== page)
    .map(([id]) => id);
}

/** Ids of the passages a block holds (on their marks, or on the probes printing put there). */
function passagesIn(block: Element): string[] {
  const found: string[] = [];
  const walk = (node: Element) => {
    const id = node.properties.id;
    if (typeof id === 'string' && isPassageId(id)) found.push(id);
    for (const child of node.children) if (child.type === 'element') walk(child);
  };
  walk(block);
  return found;
}
