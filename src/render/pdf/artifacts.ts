/**
 * Marks what Chromium draws outside the structure tree as Artifacts. Chromium tags the
 * page content it prints from the HTML (each run in a `BDC … EMC` with an MCID), but draws
 * the page's margin boxes (the folio, handling markings) as plain text outside any marked
 * content; a reader of the tags then meets content that is neither tagged nor declared
 * furniture. Each text object or painted path at marked-content depth 0 of a page's
 * content stream is wrapped in `/Artifact BMC … EMC`. Chromium also draws decoration inside
 * the tags of the element it belongs to (a rule beside a quotation, a table's borders, a
 * part title's band, a link's underline): a painted path inside tagged content is wrapped
 * the same way, as an Artifact nested in it, unless it is inside a `Figure` or `Formula`,
 * where drawing is what the element shows. Text and images in tags are left byte for byte.
 */

/** One operator of a content stream: its name and where it starts and ends. */
interface Operator {
  name: string;
  start: number;
  end: number;
}

// Byte classes: 1 whitespace, 2 delimiter, 0 regular.
const byteClass = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) byteClass[c] = 1;
for (const c of '()<>[]{}/%') byteClass[c.charCodeAt(0)] = 2;

/**
 * Calls `visit` with each operator of a content stream in order, skipping operands
 * (numbers, strings, names, arrays, dictionaries). A hot loop: pages hold megabytes.
 */
function eachOperator(data: Uint8Array, visit: (op: Operator) => void): void {
  let i = 0;
  const n = data.length;
  while (i < n) {
    const c = data[i] as number;
    const kind = byteClass[c];
    if (kind === 1) {
      i++;
    } else if (kind === 0) {
      const start = i;
      while (i < n && byteClass[data[i] as number] === 0) i++;
      // Numbers are operands; words of four letters or more are no operator Folio looks for.
      if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) continue;
      if (i - start > 3) continue;
      const code =
        c |
        ((i - start > 1 ? (data[start + 1] as number) : 0) << 8) |
        ((i - start > 2 ? (data[start + 2] as number) : 0) << 16);
      const name = watched.get(code);
      if (name === undefined) continue;
      visit({ name, start, end: i });
      // An inline image's binary data follows BI; Chromium writes none, so stop here.
      if (name === 'BI') return;
    } else if (c === 0x28) {
      // (literal string): balanced parentheses, backslash escapes
      let depth = 0;
      do {
        const d = data[i];
        if (d === 0x5c) i++;
        else if (d === 0x28) depth++;
        else if (d === 0x29) depth--;
        i++;
      } while (i < n && depth > 0);
    } else if (c === 0x3c && data[i + 1] !== 0x3c) {
      // <hex string>
      i = data.indexOf(0x3e, i);
      i = i < 0 ? n : i + 1;
    } else if (c === 0x25) {
      // % comment to the end of the line
      while (i < n && data[i] !== 0x0a && data[i] !== 0x0d) i++;
    } else if (c === 0x2f) {
      // /Name
      i++;
      while (i < n && byteClass[data[i] as number] === 0) i++;
    } else {
      // << >> [ ] { }
      i += (c === 0x3c || c === 0x3e) && data[i + 1] === c ? 2 : 1;
    }
  }
}

const pathStart = new Set(['m', 're']);
/** Tags whose painted paths are content (an SVG figure, a formula's rules), and furniture's own. */
const drawingIsContent = new Set(['Figure', 'Formula', 'Artifact']);
const paints = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
/** The operators that matter here, by their bytes packed into a number. */
const watched = new Map(
  ['BDC', 'BMC', 'EMC', 'BT', 'ET', 'BI', 'n', ...pathStart, ...paints].map((name) => [
    [...name].reduce((code, ch, k) => code | (ch.charCodeAt(0) << (8 * k)), 0),
    name,
  ]),
);

/**
 * The content stream with every text object and painted path that lies outside marked
 * content wrapped as an Artifact; `undefined` when it has none (nothing to rewrite).
 */
export function markUntaggedAsArtifacts(data: Uint8Array): Uint8Array | undefined {
  const spans: Array<[number, number]> = [];
  let depth = 0;
  /** The tags of the open marked content, outermost first. */
  const tags: string[] = [];
  /** Open marked content in which a painted path is what the element shows, or furniture already. */
  let keep = 0;
  /**
   * Paths painted inside tagged content, per open marked content, not yet wrapped: poppler
   * (and readers like it) lose a marked-content sequence's text after a nested Artifact,
   * so a path is wrapped only when no text follows it in the sequences around it.
   */
  const pending: Array<Array<[number, number]>> = [];
  let open: number | undefined;
  let pathFrom: number | undefined;
  let sawInlineImage = false;
  // Operands lie between the previous operator and their own.
  let previousEnd = 0;
  eachOperator(data, (op) => {
    const operandsFrom = previousEnd;
    previousEnd = op.end;
    switch (op.name) {
      case 'BDC':
      case 'BMC': {
        depth++;
        const operands = Buffer.from(data.subarray(operandsFrom, op.start)).toString('latin1');
        const tag = /\/([^\s/<>[\]()]+)/.exec(operands)?.[1] ?? '';
        tags.push(tag);
        pending.push([]);
        if (drawingIsContent.has(tag)) keep++;
        pathFrom = undefined;
        break;
      }
      case 'EMC': {
        depth = Math.max(0, depth - 1);
        const tag = tags.pop();
        spans.push(...(pending.pop() ?? []));
        if (tag !== undefined && drawingIsContent.has(tag)) keep = Math.max(0, keep - 1);
        pathFrom = undefined;
        break;
      }
      case 'BT':
        if (depth === 0) open = op.start;
        // Text follows: the paths before it in the open sequences stay as they are.
        else for (const list of pending) list.length = 0;
        break;
      case 'ET':
        if (open !== undefined) spans.push([open, op.end]);
        open = undefined;
        break;
      case 'BI':
        sawInlineImage = true;
        break;
      default:
        if (keep > 0 || open !== undefined) break;
        if (pathStart.has(op.name)) pathFrom ??= operandsFrom;
        else if (op.name === 'n') pathFrom = undefined;
        else if (paints.has(op.name) && pathFrom !== undefined) {
          const inside = pending[pending.length - 1];
          if (depth > 0 && inside) inside.push([pathFrom, op.end]);
          else spans.push([pathFrom, op.end]);
          pathFrom = undefined;
        }
    }
  });
  for (const list of pending) spans.push(...list);
  spans.sort((a, b) => a[0] - b[0]);
  if (sawInlineImage || spans.length === 0) return undefined;
  const parts: Uint8Array[] = [];
  let at = 0;
  const open1 = new TextEncoder().encode('\n/Artifact BMC\n');
  const close = new TextEncoder().encode('\nEMC');
  for (const [from, to] of spans) {
    parts.push(data.subarray(at, from), open1, data.subarray(from, to), close);
    at = to;
  }
  parts.push(data.subarray(at));
  return Buffer.concat(parts);
}
