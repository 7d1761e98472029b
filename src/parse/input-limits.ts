/**
 * Limits on Markdown that the parser or the tree walkers after it cannot take: a scan of
 * the text, line by line and linear in its length, run before a manuscript file or an
 * annotation's note is parsed. micromark and the mdast utilities recurse once per level of
 * nesting (10,000 nested blockquotes or lists overflow the stack) and resolve deeply nested
 * links and runs of emphasis markers in quadratic time (20,000 on one line take a minute),
 * so text past a limit is refused with a located error and never parsed.
 *
 * The scan over-counts rather than under-counts: nesting is read from the markers at the
 * start of a line (and two columns of indentation per level), brackets and emphasis markers
 * are counted per paragraph, table row or list item, outside fenced code. Text that passes
 * a limit is far beyond any book's (markdown-it stops nesting at 100 levels, too).
 */
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';

/** The limits, as the README documents them. */
export const inputLimits = {
  /** Characters in one file (or one note); the 10 MB manuscripts of the tests pass. */
  fileCharacters: 16 * 1024 * 1024,
  /** Characters in one paragraph, table or list item. */
  blockCharacters: 1024 * 1024,
  /** Blockquotes and list items inside each other. */
  containerDepth: 100,
  /** `[` (links, images, footnotes) open inside each other in one paragraph. */
  bracketDepth: 100,
  /** `*` and `_` that may open or close emphasis in one paragraph, table row or list item. */
  emphasisMarkers: 1000,
} as const;

export interface LimitProblem {
  reason: string;
  ruleId: 'limit:file-size' | 'limit:block-size' | 'limit:nesting' | 'limit:emphasis';
  /** Line and column in the scanned text (1-based). */
  place: { line: number; column: number };
}

/** Where Markdown held in a YAML file starts (a note, a definition), as `bodyStartOf` gives it. */
export interface EmbeddedStart {
  line: number;
  column: number;
  /** A literal block (`|`) maps line for line; any other scalar maps to its start. */
  literal: boolean;
}

/**
 * Whether a manuscript file, or Markdown held in a YAML file, may be parsed: if not, the
 * limit it passes is an error on the file at its place (for embedded text, moved to the
 * file's line as the positions of a parsed note are).
 */
export function withinInputLimits(
  file: VFile,
  text = String(file.value),
  start?: EmbeddedStart,
): boolean {
  const problem = inputLimitProblem(text);
  if (!problem) return true;
  const { line, column } = problem.place;
  const place = !start
    ? problem.place
    : start.literal
      ? { line: line + start.line - 1, column: column + start.column - 1 }
      : { line: start.line, column: start.column };
  fail(file, problem.reason, { place, ruleId: problem.ruleId });
  return false;
}

const fenceOpening = /^(`{3,}|~{3,})/;
const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const tableDelimiterRow = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const atxHeading = /^#{1,6}(?:[ \t]|$)/;
const alphanumeric = /[\p{L}\p{N}]/u;

/** The first limit the text passes, or undefined when it may be parsed. */
export function inputLimitProblem(text: string): LimitProblem | undefined {
  if (text.length > inputLimits.fileCharacters) {
    return {
      reason: `The file has ${megabytes(text.length)} million characters; Folio reads at most ${megabytes(inputLimits.fileCharacters)} million in one file: split it into several (a document's \`files\` lists them in order)`,
      ruleId: 'limit:file-size',
      place: { line: 1, column: 1 },
    };
  }
  let fence: { marker: string; length: number } | undefined;
  let block = { line: 1, characters: 0, brackets: 0, emphasis: 0 };
  const newBlock = (line: number) => {
    block = { line, characters: 0, brackets: 0, emphasis: 0 };
  };
  let lineNumber = 0;
  for (let start = 0; start <= text.length; ) {
    lineNumber++;
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    start = end + 1;

    const prefix = containerPrefix(line);
    const depth = prefix.markers > 0 ? Math.floor(prefix.indent / 2) + prefix.markers : 0;
    if (depth > inputLimits.containerDepth) {
      // At the marker that opens the level past the limit.
      const marker = prefix.markerAt[inputLimits.containerDepth - Math.floor(prefix.indent / 2)];
      return {
        reason: `Blockquotes and lists are nested ${depth} deep on this line; Folio takes at most ${inputLimits.containerDepth} levels: flatten the structure`,
        ruleId: 'limit:nesting',
        place: { line: lineNumber, column: (marker ?? prefix.markerAt[0] ?? 0) + 1 },
      };
    }
    const rest = line.slice(prefix.end).replace(/^[ \t]{0,3}/, '');
    const fenceMatch = fenceOpening.exec(rest);
    if (fence) {
      if (fenceMatch?.[1]?.[0] === fence.marker && fenceMatch[1].length >= fence.length)
        fence = undefined;
      continue;
    }
    if (fenceMatch?.[1] && !(fenceMatch[1][0] === '`' && rest.slice(3).includes('`'))) {
      fence = { marker: fenceMatch[1][0] ?? '`', length: fenceMatch[1].length };
      newBlock(lineNumber + 1);
      continue;
    }
    if (rest.trim() === '' || thematicBreak.test(rest.trim()) || atxHeading.test(rest)) {
      newBlock(lineNumber + 1);
      if (!atxHeading.test(rest)) continue;
    } else if (prefix.listItem || tableDelimiterRow.test(rest.trim()) || rest.includes('|')) {
      // A list item starts a paragraph; a table's cells are parsed one by one.
      newBlock(lineNumber);
    }
    block.characters += line.length + 1;
    if (block.characters > inputLimits.blockCharacters) {
      return {
        reason: `This paragraph has more than ${megabytes(inputLimits.blockCharacters)} million characters; Folio takes at most that many in one paragraph, table or list item: break it up`,
        ruleId: 'limit:block-size',
        place: { line: block.line, column: 1 },
      };
    }
    const problem = scanInline(line, prefix.end, lineNumber, block);
    if (problem) return problem;
  }
  return undefined;
}

/** Counts brackets and emphasis markers of one line into its block's tally. */
function scanInline(
  line: string,
  from: number,
  lineNumber: number,
  block: { brackets: number; emphasis: number },
): LimitProblem | undefined {
  for (let i = from; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') {
      i++;
    } else if (char === '[') {
      block.brackets++;
      if (block.brackets > inputLimits.bracketDepth) {
        return {
          reason: `Links, images or brackets are nested more than ${inputLimits.bracketDepth} deep here (\`[\` opened and not closed); Folio takes at most ${inputLimits.bracketDepth}: close them or escape a bracket as \`\\[\``,
          ruleId: 'limit:nesting',
          place: { line: lineNumber, column: i + 1 },
        };
      }
    } else if (char === ']') {
      block.brackets = Math.max(0, block.brackets - 1);
    } else if (char === '*' || char === '_') {
      // An underscore inside a word (snake_case) never opens or closes emphasis.
      if (char === '_' && isAlphanumeric(line[i - 1]) && isAlphanumeric(line[i + 1])) continue;
      block.emphasis++;
      if (block.emphasis > inputLimits.emphasisMarkers) {
        return {
          reason: `This paragraph has more than ${inputLimits.emphasisMarkers} emphasis markers (\`*\`, \`_\`); Folio takes at most ${inputLimits.emphasisMarkers} in one paragraph: remove some or escape them as \`\\*\``,
          ruleId: 'limit:emphasis',
          place: { line: lineNumber, column: i + 1 },
        };
      }
    }
  }
  return undefined;
}

interface ContainerPrefix {
  /** Columns of white space before the first marker. */
  indent: number;
  /** `>` and list-item markers at the start of the line. */
  markers: number;
  /** Where each marker stands. */
  markerAt: number[];
  /** The line starts a list item. */
  listItem: boolean;
  /** Index of what follows the markers. */
  end: number;
}

/** The blockquote and list markers a line starts with (a thematic break has none). */
function containerPrefix(line: string): ContainerPrefix {
  let at = 0;
  let indent = 0;
  while (line[at] === ' ' || line[at] === '\t') {
    indent += line[at] === '\t' ? 4 - (indent % 4) : 1;
    at++;
  }
  const prefix: ContainerPrefix = { indent, markers: 0, markerAt: [], listItem: false, end: at };
  if (thematicBreak.test(line.slice(at).trim())) return prefix;
  for (;;) {
    while (line[at] === ' ' || line[at] === '\t') at++;
    const char = line[at];
    const markerStart = at;
    if (char === '>') {
      at++;
    } else if ((char === '-' || char === '+' || char === '*') && isSpaceOrEnd(line[at + 1])) {
      at++;
      prefix.listItem = true;
    } else {
      const ordered = /^\d{1,9}[.)]/.exec(line.slice(at, at + 11));
      if (!ordered || !isSpaceOrEnd(line[at + ordered[0].length])) break;
      at += ordered[0].length;
      prefix.listItem = true;
    }
    prefix.markers++;
    prefix.markerAt.push(markerStart);
    prefix.end = at;
  }
  return prefix;
}

function isSpaceOrEnd(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\t';
}

function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && alphanumeric.test(char);
}

function megabytes(characters: number): string {
  return (characters / (1024 * 1024)).toFixed(characters % (1024 * 1024) === 0 ? 0 : 1);
}
