/**
 * Before printing: every character of the edition's manuscripts that no bundled face
 * draws (the Source faces, Noto Sans TC and SC, nor the Noto Sans Math fallback) is reported at
 * its Markdown place (`pdf:missing-glyph`), once per character and file; Chromium would
 * otherwise take it silently from whatever font the machine has, or print a blank box.
 * Coverage is read from the fonts' own cmap tables (font-coverage.ts).
 */
import type { Literal, Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { CollectedProject } from '../../collect/collect.ts';
import type { ResolvedDocument } from '../../resolve/resolve.ts';
import { coverage } from '../fonts.ts';

/** Characters that draw nothing: controls and format characters (soft hyphen, joiners). */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export function reportMissingGlyphs(
  documents: readonly ResolvedDocument[],
  trees: CollectedProject['trees'],
): void {
  const { families, fallback } = coverage();
  // A character is drawn if some bundled face has it: the text and heading faces, the
  // CJK faces that follow them in every font stack, or the fallback.
  const faces = [...families.values(), fallback];
  const drawn = (c: number) => faces.some((face) => face.has(c));
  for (const { record } of documents) {
    for (const { file, tree } of trees.get(record.id) ?? []) {
      const reported = new Set<number>();
      visit(tree, (node: Node) => {
        const value = (node as Literal).value;
        if (typeof value !== 'string' || !node.position) return;
        for (const character of value) {
          const c = character.codePointAt(0) ?? 0;
          if (reported.has(c) || drawn(c) || invisible.test(character)) continue;
          reported.add(c);
          const hex = c.toString(16).toUpperCase().padStart(4, '0');
          file.message(
            `No bundled font has the character “${character}” (U+${hex}), so the PDF would take it from a system font or print a box: use another character, or a face of your own in styles/`,
            { place: node.position, ruleId: 'pdf:missing-glyph', source: 'folio' },
          );
        }
      });
    }
  }
}
