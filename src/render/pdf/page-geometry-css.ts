/**
 * The print page rules of an edition's geometry and type (paper-sizes.ts): its `@page`
 * size and mirrored margins, and what print.css measures for an A4 page (the cover, the
 * space above chapter openings, the tallest image, the side-note column of annotated
 * editions) scaled to the paper; the base font size and line height when the edition sets
 * them. A4 and Letter with their default margins keep print.css as it is.
 */
import type { EditionConfig } from '../../config/schema.ts';
import { editionGeometry, mm, textBlock } from './paper-sizes.ts';

type LookOptions = Pick<
  EditionConfig,
  'paper' | 'margins' | 'fontSize' | 'lineHeight' | 'annotated'
>;

export function pageGeometryCss(edition: LookOptions): string {
  const page = editionGeometry(edition);
  const rules = [`@page { size: ${page.size}; }`, `.cover { height: ${mm(page.height)}; }`];
  if (!page.isDefault) {
    const { top, bottom, inner, outer } = page.margins;
    const block = textBlock(page);
    const across = page.width / 210;
    const down = page.height / 297;
    const least = Math.min(across, down);
    rules.push(
      `@page { margin: ${mm(top)} ${mm(outer)} ${mm(bottom)} ${mm(outer)}; }`,
      `@page :left { margin-left: ${mm(outer)}; margin-right: ${mm(inner)}; }`,
      `@page :right { margin-left: ${mm(inner)}; margin-right: ${mm(outer)}; }`,
      `@page cover { margin: 0; }`,
      `.cover { padding: ${mm(38 * down)} ${mm(28 * across)} ${mm(30 * down)}; }`,
      `.cover-titles { margin-top: ${mm(40 * down)}; padding-top: ${mm(8 * down)}; }`,
      `.cover-title { font-size: ${Number((30 * least).toFixed(1))}pt; }`,
      `.cover-details { grid-template-columns: ${mm(32 * across)} 1fr; }`,
      `.chapter-break { padding-top: ${mm(16 * down)}; }`,
      `.document-header { margin-top: ${mm(18 * down)}; }`,
      // print.css's 190 mm is about three quarters of A4's text block.
      `img { max-height: ${mm(block.height * 0.77)}; }`,
    );
    if (edition.annotated) {
      // A4 gives the notes a third of its 162 mm text block: 54 mm, 48 of them the note.
      const column = block.width / 3;
      rules.push(
        `.print .document-body { margin-right: ${mm(column)}; }`,
        `.print .side-note { width: ${mm(column - 6 * across)}; margin-right: -${mm(column)}; }`,
      );
    }
  }
  if (edition.fontSize || edition.lineHeight)
    rules.push(
      `html { ${edition.fontSize ? `font-size: ${edition.fontSize};` : ''}${edition.lineHeight ? ` line-height: ${edition.lineHeight};` : ''} }`,
    );
  return rules.join('\n');
}
