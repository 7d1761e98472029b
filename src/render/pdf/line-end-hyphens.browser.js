// @ts-check
// Runs inside the print page. hyphenation.ts reads this file as text and evaluates it, so
// that no build step rewrites it; it defines `globalThis.folioHyphens.settle(papers)`, given
// the paper sizes of paper-sizes.ts. `npm run typecheck` checks it (tsconfig: allowJs).
//
// For every paragraph marked `data-folio-hyphens` it lays the page out at the width of its
// page area, turns the soft hyphens that end a line into hyphens, drops the others, and
// checks the result in the layout the print will have. It returns, per paragraph mark, the
// new text of each of the paragraph's text nodes that had soft hyphens. Everything but the
// marked paragraphs and their ancestors is hidden while measuring, so that measuring a few
// paragraphs does not lay out the book.
/** @typedef {Record<string, import('./paper-sizes.ts').PaperSize | undefined>} Papers */
(() => {
  const shy = '\u00AD';
  // The bundled faces have no U+2010: a hyphen-minus, as Chromium draws a soft hyphen with.
  const hyphen = '-';
  // Words as the patterns saw them: letters and the soft hyphens between them.
  const wordPattern = /[\p{L}\p{M}\u00AD]+/gu;
  const letter = /[\p{L}\p{M}]/u;
  const maxRounds = 6;
  // At most this many lines in a row end with a hyphen (a "ladder" is a typesetting fault).
  const maxLadder = 2;
  // From how many text nodes changed in a round its garbage is collected before the next.
  const collectFrom = 1000;
  const mark = 'data-folio-hyphens';
  const path = 'data-folio-hyphens-path';
  const later = 'data-folio-hyphens-later';

  const range = document.createRange();
  /** The box of one character. Chromium reports a line's first character on the line
   * before, so callers measure from a word's second character, and two after a break. */
  const box = (/** @type {Text} */ node, /** @type {number} */ offset) => {
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return range.getBoundingClientRect();
  };
  const lower = (/** @type {DOMRect} */ a, /** @type {DOMRect} */ b) =>
    a.top > b.top + b.height / 2;

  /**
   * The new text of `node`: in each word that still has soft hyphens, the one that ends a
   * line becomes a hyphen and the others go. Measures only; the caller changes the text.
   */
  const decide = (/** @type {Text} */ node) => {
    const text = node.data;
    /** @type {[number, number][]} */
    const words = [];
    for (const match of text.matchAll(wordPattern))
      if (match[0].includes(shy))
        words.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
    // A word can end a line only where the next word starts on a lower line than it does
    // (or it is the last). Line starts only go down, so bisecting finds those words with
    // a few measurements per line instead of one per word.
    /** @type {Map<number, DOMRect>} */
    const starts = new Map();
    const startOf = (/** @type {number} */ k) => {
      let rect = starts.get(k);
      if (!rect) {
        rect = box(node, (words[k]?.[0] ?? 0) + 1);
        starts.set(k, rect);
      }
      return rect;
    };
    /** @type {number[]} */
    const lastOnLine = [];
    const bisect = (/** @type {number} */ lo, /** @type {number} */ hi) => {
      if (!lower(startOf(hi), startOf(lo))) return;
      if (hi - lo === 1) {
        lastOnLine.push(lo);
        return;
      }
      const mid = (lo + hi) >> 1;
      bisect(lo, mid);
      bisect(mid, hi);
    };
    if (words.length > 1) bisect(0, words.length - 1);
    if (words.length > 0) lastOnLine.push(words.length - 1);

    /** @type {Set<number>} */
    const used = new Set();
    for (const k of lastOnLine) {
      const [start, end] = words[k] ?? [0, 0];
      const first = startOf(k);
      if (!lower(box(node, end - 1), first)) continue;
      for (let i = text.indexOf(shy, start); i !== -1 && i < end; i = text.indexOf(shy, i + 1)) {
        if (i + 2 < end && lower(box(node, i + 2), first)) {
          used.add(i);
          break;
        }
      }
    }
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i] ?? '';
      if (c !== shy) out += c;
      else if (used.has(i)) out += hyphen;
    }
    return out;
  };

  /**
   * The hyphens Folio put into `text`, which came from `original` by dropping soft hyphens
   * and turning some into hyphens (an author's hyphen never follows a soft hyphen): where
   * each is, and where its word starts and ends, in `text` and in `original`.
   */
  const insertedHyphens = (/** @type {string} */ original, /** @type {string} */ text) => {
    /** @type {{ at: number; start: number; end: number; source: string; sourceEnd: number }[]} */
    const found = [];
    let o = 0;
    for (let c = 0; c < text.length && o < original.length; ) {
      if (original[o] === text[c]) {
        o++;
        c++;
      } else if (original[o] === shy && text[c] === hyphen) {
        let start = c;
        while (start > 0 && letter.test(text[start - 1] ?? '')) start--;
        let end = c + 1;
        while (end < text.length && letter.test(text[end] ?? '')) end++;
        let from = o;
        while (from > 0 && /[\p{L}\p{M}\u00AD]/u.test(original[from - 1] ?? '')) from--;
        let to = o + 1;
        while (to < original.length && /[\p{L}\p{M}\u00AD]/u.test(original[to] ?? '')) to++;
        found.push({ at: c, start, end, source: original.slice(from, to), sourceEnd: to });
        o++;
        c++;
      } else if (original[o] === shy) {
        o++;
      } else {
        break; // not derived from `original`: nothing more to find
      }
    }
    return found;
  };

  /**
   * The new text of `node` after checking its hyphens in the current layout: a word whose
   * hyphen does not end a line gets back its soft hyphens from `original` (or, when
   * `whole`, is set without any). `undefined` when every hyphen ends a line.
   */
  const check = (
    /** @type {Text} */ node,
    /** @type {string} */ original,
    /** @type {boolean} */ whole,
  ) => {
    let text = node.data;
    let changed = false;
    // From the end, so that the offsets before a change stay right.
    for (const { at, start, end, source } of insertedHyphens(original, text).reverse()) {
      if (at + 2 < end && lower(box(node, at + 2), box(node, start + 1))) continue;
      text = text.slice(0, start) + (whole ? source.replaceAll(shy, '') : source) + text.slice(end);
      changed = true;
    }
    return changed ? text : undefined;
  };

  /**
   * Lays the changed page out and collects what the layout before left, where the browser
   * lets scripts ask (`--expose-gc`, browser.ts; a browser Folio connects to may not):
   * otherwise a settle of thousands of paragraphs holds every layout it replaced until it
   * ends (two parts settled at once held about 460 MB each at the end, about 400 MB at
   * most with this, traced on the 447-page pack).
   */
  const collectAfterLayout = () => {
    const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc;
    if (!gc) return;
    document.body.getBoundingClientRect();
    gc();
  };

  /** @type {Map<Element, Element>} */
  const blocks = new Map();
  /** @type {Map<Element, number>} */
  const lineHeights = new Map();
  /** The distance between the lines of `block`, in CSS pixels. */
  const lineHeight = (/** @type {Element} */ block) => {
    let height = lineHeights.get(block);
    if (height === undefined) {
      const style = getComputedStyle(block);
      const value = Number.parseFloat(style.lineHeight);
      height = Number.isFinite(value) ? value : 1.2 * Number.parseFloat(style.fontSize);
      lineHeights.set(block, height);
    }
    return height;
  };
  /** The block a text node is set in (its paragraph, or a side note floated inside it). */
  const blockOf = (/** @type {Text} */ node) => {
    const parent = node.parentElement ?? document.body;
    let block = blocks.get(parent);
    if (!block) {
      block = document.body;
      for (let e = /** @type {Element | null} */ (parent); e; e = e.parentElement)
        if (getComputedStyle(e).display !== 'inline') {
          block = e;
          break;
        }
      blocks.set(parent, block);
    }
    return block;
  };

  /**
   * Finds, per paragraph, the first hyphen that ends a third line in a row of one block,
   * sets its word whole and gives the words after it their soft hyphens back. Returns the
   * paragraphs changed and their text nodes to settle again. Every paragraph is measured
   * before any is changed: a paragraph's lines depend on its own text only, and a change
   * between two measurements would lay the page out again (1.1 s at 447 pages).
   * @param {Map<Element, Text[]>} paragraphs the text nodes with soft hyphens of each
   * @param {Map<Text, string>} original
   */
  const breakLadders = (paragraphs, original) => {
    /** @type {{ p: Element; nodes: Text[]; i: number; hyphen: ReturnType<typeof insertedHyphens>[number] }[]} */
    const ladders = [];
    for (const [p, nodes] of paragraphs) {
      /** @type {Map<Element, { top: number; run: number }>} */
      const runs = new Map();
      ladder: for (const [i, node] of nodes.entries()) {
        for (const hyphen of insertedHyphens(original.get(node) ?? '', node.data)) {
          const block = blockOf(node);
          const top = box(node, hyphen.at).top;
          const last = runs.get(block);
          const next = last && top > last.top && top - last.top < 1.5 * lineHeight(block);
          const run = next && last ? last.run + 1 : 1;
          runs.set(block, { top, run });
          if (run <= maxLadder) continue;
          ladders.push({ p, nodes, i, hyphen });
          break ladder;
        }
      }
    }
    /** @type {Text[]} */
    const again = [];
    /** @type {Map<Element, Text[]>} */
    const changed = new Map();
    for (const { p, nodes, i, hyphen } of ladders) {
      const node = /** @type {Text} */ (nodes[i]);
      const source = original.get(node) ?? '';
      node.data =
        node.data.slice(0, hyphen.start) +
        hyphen.source.replaceAll(shy, '') +
        source.slice(hyphen.sourceEnd);
      again.push(node);
      for (const later of nodes.slice(i + 1)) {
        later.data = original.get(later) ?? later.data;
        again.push(later);
      }
      changed.set(p, nodes);
    }
    return { again, changed };
  };

  const hide = document.createElement('style');
  const others = `:not([${path}], [${mark}])`;
  hide.textContent = `body > ${others}, [${path}] > ${others} { display: none !important; }`;
  /** Hides everything but the marked paragraphs and their ancestors, until `show`. */
  const showOnly = (/** @type {Element[]} */ paragraphs) => {
    for (const p of paragraphs)
      for (let e = p.parentElement; e && e !== document.body; e = e.parentElement)
        e.setAttribute(path, '');
    document.head.append(hide);
  };
  const show = () => {
    hide.remove();
    for (const e of Array.from(document.querySelectorAll(`[${path}]`))) e.removeAttribute(path);
  };

  /** The text nodes with soft hyphens of `p`, in document order (as settle returns them). */
  const softNodes = (/** @type {Element} */ p) => {
    /** @type {Text[]} */
    const nodes = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (node instanceof Text && node.data.includes(shy)) nodes.push(node);
    return nodes;
  };

  /**
   * Settles the marked paragraphs, or of them those whose marks are in `only` (another
   * page settles the others, and `apply` sets them here after: until then they are
   * marked `later`, and neither measured nor laid out while measuring).
   */
  const settle = async (/** @type {Papers} */ papers, /** @type {string[] | undefined} */ only) => {
    const mine = only && new Set(only);
    const paragraphs = [];
    for (const p of Array.from(document.querySelectorAll(`[${mark}]`))) {
      if (!mine || mine.has(p.getAttribute(mark) ?? '')) {
        paragraphs.push(p);
        continue;
      }
      p.setAttribute(later, p.getAttribute(mark) ?? '');
      p.removeAttribute(mark);
    }
    // Before hiding anything: the lengths are measured with probes in the body.
    const width = globalThis.folioPageArea(papers).width;
    // Only the paragraphs being measured are laid out: everything else is hidden while
    // measuring (a paragraph's lines depend on its own content and measure only). They
    // stay shown to the end: a paragraph hidden and shown again is laid out anew.
    showOnly(paragraphs);
    const restore = globalThis.folioLayOutAt(width);
    // Measured in a fallback face, lines break elsewhere: lay out (which starts loading
    // the faces the text needs), then wait for them.
    document.body.getBoundingClientRect();
    await document.fonts.ready;

    // Decide with the soft hyphens in place, then check in the text the print will lay
    // out: without them a line can hold a little more (kerning across a soft hyphen is
    // lost), so a hyphen may land inside a line. Such words get their soft hyphens back
    // and are decided again; after a few rounds they are set whole. Every round measures
    // first and changes the text after, so that the page is laid out twice per round.
    /** @type {Map<Text, string>} */
    const original = new Map();
    /** @type {Map<Element, Text[]>} the text nodes with soft hyphens of each paragraph */
    const nodesOf = new Map();
    for (const p of paragraphs) {
      const nodes = softNodes(p);
      for (const node of nodes) original.set(node, node.data);
      nodesOf.set(p, nodes);
    }
    const settleNodes = (/** @type {Text[]} */ start) => {
      let nodes = start;
      for (let round = 1; nodes.length > 0; round++) {
        const decided = nodes.map((node) => decide(node));
        nodes.forEach((node, i) => {
          node.data = decided[i] ?? node.data;
        });
        if (nodes.length >= collectFrom) collectAfterLayout();
        const checked = nodes.map((node) =>
          check(node, original.get(node) ?? '', round >= maxRounds),
        );
        /** @type {Text[]} */
        const again = [];
        nodes.forEach((node, i) => {
          const text = checked[i];
          if (text === undefined) return;
          node.data = text;
          if (text.includes(shy)) again.push(node);
        });
        nodes = again;
      }
    };
    settleNodes(Array.from(original.keys()));
    // Break up ladders: the word on the third hyphenated line in a row is set whole (it
    // moves to the next line), and the words after it in its paragraph get their soft
    // hyphens back and are settled again. Each round removes a break for good, so it ends.
    let laddered = nodesOf;
    while (laddered.size > 0) {
      const { again, changed } = breakLadders(laddered, original);
      settleNodes(again);
      laddered = changed;
    }

    restore();
    show();

    /** @type {Record<string, string[]>} */
    const settled = {};
    for (const [p, nodes] of nodesOf) {
      settled[p.getAttribute(mark) ?? ''] = nodes.map((node) => node.data);
      p.removeAttribute(mark);
    }
    return settled;
  };

  /** Sets the paragraphs `settle` left to another page as that page settled them. */
  const apply = (/** @type {Record<string, string[]>} */ settled) => {
    for (const p of Array.from(document.querySelectorAll(`[${later}]`))) {
      const texts = settled[p.getAttribute(later) ?? ''];
      p.removeAttribute(later);
      if (!texts) continue;
      softNodes(p).forEach((node, i) => {
        node.data = texts[i] ?? node.data;
      });
    }
  };

  globalThis.folioHyphens = { settle, apply };
})();
