/**
 * remark plugin: a table row with more or fewer cells than the header row is reported at
 * the row (GFM silently drops extra cells and pads missing ones, so text could vanish).
 */
import type { Root, Table } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { warn } from '../diagnostics/messages.ts';

export function remarkTableCheck() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'table', (table: Table) => {
      const columns = table.children[0]?.children.length ?? 0;
      const source = String(file.value);
      for (const row of table.children.slice(1)) {
        const start = row.position?.start.offset;
        const end = row.position?.end.offset;
        if (start === undefined || end === undefined) continue;
        // Count the cells as written: GFM has already dropped the extra ones from the tree.
        const written = source
          .slice(start, end)
          .trim()
          .replace(/^\|/, '')
          .replace(/\|$/, '')
          .split(/(?<!\\)\|/).length;
        if (written !== columns) {
          warn(
            file,
            `Table row has ${written} cell(s) but the header has ${columns}: extra cells are dropped, missing ones left empty`,
            { place: row.position, ruleId: 'table:ragged-row' },
          );
        }
      }
    });
  };
}
