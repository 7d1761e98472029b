/**
 * The collect step for annotations, run on each document after its own marks and terms are
 * collected (so that anchoring never changes the text they were found in): every
 * annotation's quote is found in the document's text and its passage wrapped in marks, its
 * note is parsed and collected as the document's text is, and the annotation goes into the
 * registry. A quote that matches nothing, or more than one passage, is an error at the
 * quote in the annotation file: no annotation is silently dropped.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';
import { passageId } from '../model/ids.ts';
import type { Registry } from '../model/registry.ts';
import type { NoteOrigin } from '../model/vfile-data.ts';
import type { Annotation } from './annotation.ts';
import { findPassage, type PassageMatch } from './find-passage.ts';
import { documentText } from './passage-text.ts';
import { wrapPassage } from './wrap-passage.ts';

export interface AnchorAnnotationsOptions {
  registry: Registry;
  documentId: string;
  /** The document's files, in order, already collected. */
  files: ReadonlyArray<{ file: VFile; tree: Root }>;
  /** The annotations of this document. */
  annotations: readonly Annotation[];
  /** Parses an annotation's note and collects its marks and terms as the note's. */
  collectNote(annotation: Annotation, origin: NoteOrigin): Root;
}

export function anchorAnnotations(options: AnchorAnnotationsOptions): void {
  const { registry, documentId, files } = options;
  const trees = files.map((f) => f.tree);
  for (const annotation of options.annotations) {
    const report = (reason: string, ruleId: string) => {
      fail(annotation.file, reason, { place: annotation.place, ruleId });
    };
    const quoted = `“${shorten(annotation.quote.exact)}”`;
    // The text changes as passages are marked (text nodes are cut), so it is read anew.
    const search = findPassage(documentText(trees), annotation.quote);
    if (search.found === 'none') {
      const context = [
        annotation.quote.prefix !== undefined && `after “${shorten(annotation.quote.prefix)}”`,
        annotation.quote.suffix !== undefined && `before “${shorten(annotation.quote.suffix)}”`,
      ]
        .filter(Boolean)
        .join(' and ');
      report(
        search.exactMatches > 0
          ? `Quote ${quoted} occurs ${times(search.exactMatches)} in \`${documentId}\` but never ${context}: correct the prefix or suffix`
          : search.acrossBlocks
            ? `Quote ${quoted} runs across two paragraphs of \`${documentId}\`: a quoted passage must lie within one paragraph, heading or table cell`
            : `Quote ${quoted} matches nothing in \`${documentId}\`: quote the passage exactly as the manuscript has it`,
        'annotation:no-match',
      );
      continue;
    }
    if (search.found === 'many') {
      report(
        `Quote ${quoted} matches ${times(search.matches.length)} in \`${documentId}\` (${where(search.matches, files)}): add a \`prefix\` or \`suffix\` to choose one`,
        'annotation:ambiguous',
      );
      continue;
    }
    const { block, start, end } = search.match;
    const anchor = registry.nextAnchor(documentId, 'note');
    const passageAnchor = passageId(anchor);
    wrapPassage(block, start, end, { passage: passageAnchor, note: anchor });
    registry.annotations.push({
      documentId,
      anchor,
      passageAnchor,
      section: block.section,
      kind: annotation.kind,
      author: annotation.author,
      date: annotation.date,
      quote: annotation.quote.exact,
      body: options.collectNote(annotation, { annotation: anchor, section: block.section }),
      file: annotation.file,
    });
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function where(matches: readonly PassageMatch[], files: AnchorAnnotationsOptions['files']): string {
  const places = matches.map((m) => {
    const place = placeOf(m);
    return files.length > 1 ? `${files[m.block.tree]?.file.path}:${place}` : place;
  });
  return `at ${places.join(', ')}`;
}

/** Line and column of a match in its manuscript (the block's line when the text was cut). */
function placeOf(match: PassageMatch): string {
  const point = match.block.points[match.start];
  const start = point?.leaf.position?.start;
  if (!point || !start || point.leaf.type === 'break') {
    return String(match.block.node.position?.start.line ?? '?');
  }
  const before = point.leaf.value.slice(0, point.offset);
  const lines = before.split('\n');
  const line = start.line + lines.length - 1;
  const column = lines.length > 1 ? (lines.at(-1)?.length ?? 0) + 1 : start.column + before.length;
  return `${line}:${column}`;
}
