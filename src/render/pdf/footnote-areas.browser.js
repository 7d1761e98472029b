// @ts-check
// Runs inside the print page. footnotes.ts reads this file as text and evaluates it; it
// defines `globalThis.folioFootnotes.arrange(papers)`, given the paper sizes of
// paper-sizes.ts. `npm run typecheck` checks it (tsconfig: allowJs).
//
// Arranges the footnote pairs that the assembly put into the page (assemble/footnotes.ts),
// chapter by chapter and page by page, as TeX's page builder does. Laid out at the page
// area's width, the pairs tile the page in page areas (each strut starts where the area
// before it ends, and a line that would reach into an area goes below it, as the print
// sends it to the next page), so the loaded page shows where each reference will stand.
// Each page takes the notes whose references stand above its area; a note too long for the
// room under its reference's line is cut there and runs on at the top of the next page's
// area (a pair is added when needed); a note whose first line and rule find no room under
// its line sends the line on with it: the area is held up to that line's top (blank above
// the rule), so the page ends short and the paragraph stays one element. Where print
// breaks a paragraph differently (orphans, widows, a heading kept with what follows), the
// page is held where print will end it.
/** @typedef {Record<string, import('./paper-sizes.ts').PaperSize | undefined>} Papers */
(() => {
  const pt = 4 / 3;

  /** The first text position (node, offset) in `area` whose line ends below `bottom`. */
  const firstBelow = (/** @type {Element} */ area, /** @type {number} */ bottom) => {
    const range = document.createRange();
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = /** @type {Text} */ (node);
      const words = text.data.matchAll(/\S+/g);
      for (const word of words) {
        const at = word.index ?? 0;
        // A line's first character is reported on the line before: measure the second.
        const probe = word[0].length > 1 ? at + 1 : at;
        range.setStart(text, probe);
        range.setEnd(text, probe + 1);
        const rect = range.getBoundingClientRect();
        if (rect.height > 0 && rect.bottom > bottom) return { text, at };
      }
    }
    return undefined;
  };

  /** Cuts `area` at (text, at): returns what follows, without the ids that stay. */
  const cutAt = (/** @type {Element} */ area, /** @type {{ text: Text, at: number }} */ place) => {
    const range = document.createRange();
    range.setStart(place.text, place.at);
    range.setEnd(area, area.childNodes.length);
    const rest = range.extractContents();
    // Empty husks the cut left at the end of the area go; a note cut at its first word
    // goes whole, and its id with it.
    for (const element of Array.from(area.querySelectorAll('p, aside, div')).reverse())
      if (element.textContent?.trim() === '' && !element.querySelector('img')) element.remove();
    for (const element of Array.from(rest.querySelectorAll('[id]')))
      if (document.getElementById(element.id)) element.removeAttribute('id');
    // What runs on is the continuation of a note: no number, no new role.
    for (const element of Array.from(rest.querySelectorAll('.footnote'))) {
      if (element.id) continue;
      element.classList.add('footnote-continued');
      element.removeAttribute('role');
      element.removeAttribute('epub:type');
    }
    return rest;
  };

  const newPair = (/** @type {HTMLElement} */ after, /** @type {number} */ page) => {
    const pair = document.createElement('div');
    pair.className = 'footnote-page';
    pair.dataset.page = String(page);
    const strut = document.createElement('div');
    strut.className = 'footnote-strut';
    strut.setAttribute('aria-hidden', 'true');
    const area = document.createElement('div');
    area.className = 'footnote-area';
    pair.append(strut, area);
    after.after(pair);
    return pair;
  };

  /** The note's first reference (`doc--fn-3` → `doc--fnref-3`). */
  const referenceOf = (/** @type {Element} */ note) =>
    document.getElementById(note.id.replace(/--fn-(\d+)$/, '--fnref-$1'));

  /** The line box that holds `reference` (top and bottom in CSS px), from its block's line height. */
  const lineOf = (/** @type {Element} */ reference) => {
    const block =
      reference.parentElement?.closest('p, li, dd, dt, td, th, div, h1, h2, h3, h4, h5, h6') ??
      reference;
    const box = reference.getBoundingClientRect();
    const height = Number.parseFloat(getComputedStyle(block).lineHeight) || box.height;
    // The reference is raised: its line's middle is a little below its own.
    const middle = (box.top + box.bottom) / 2 + box.height * 0.25;
    return { top: middle - height / 2, bottom: middle + height / 2, box };
  };

  /** The line boxes of `block` (top and bottom), from its text's boxes. */
  const linesOf = (/** @type {Element} */ block) => {
    const range = document.createRange();
    range.selectNodeContents(block);
    /** @type {Array<{ top: number, bottom: number }>} */
    const lines = [];
    const rects = Array.from(range.getClientRects())
      .filter((r) => r.height > 0 && r.width > 0)
      .sort((a, b) => a.top - b.top);
    for (const rect of rects) {
      const middle = (rect.top + rect.bottom) / 2;
      const line = lines.find((l) => middle >= l.top && middle <= l.bottom);
      if (line) {
        line.top = Math.min(line.top, rect.top);
        line.bottom = Math.max(line.bottom, rect.bottom);
      } else lines.push({ top: rect.top, bottom: rect.bottom });
    }
    return lines;
  };

  /** The block after or before `element` in the flow, past the footnote pairs. */
  const sibling = (/** @type {Element} */ element, /** @type {boolean} */ after) => {
    let next = after ? element.nextElementSibling : element.previousElementSibling;
    while (next?.classList.contains('footnote-page'))
      next = after ? next.nextElementSibling : next.previousElementSibling;
    return next;
  };

  /** @type {Element[]} */
  let headings = [];
  /** The same headings, to look up (print keeps each with what follows). */
  let keptWithNext = new Set(/** @type {Element[]} */ ([]));

  /**
   * The last of `elements` (in reading order, top to bottom) whose top is above `end`, or
   * the first of them when none is: the caller checks the box it gets.
   */
  const lastStartingAbove = (/** @type {Element[]} */ elements, /** @type {number} */ end) => {
    let low = 0;
    let high = elements.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (/** @type {Element} */ (elements[mid]).getBoundingClientRect().top < end) low = mid;
      else high = mid - 1;
    }
    return elements[low];
  };

  /**
   * A heading that would end the page at `end` (print keeps it with what follows): print
   * sends it on with the headings kept with it right before it (a run such as an h2 and
   * its h3, each `break-after: avoid`) and with the last lines of the paragraph before the
   * run (as many as that paragraph's `widows`, or all of it). Returns where the page then
   * ends; undefined when nothing is stranded, or the run reaches up to the page's top
   * (`pageTop`), where print breaks it all the same.
   */
  const strandedHeading = (/** @type {number} */ end, /** @type {number} */ pageTop) => {
    const last = lastStartingAbove(headings, end);
    if (!last) return undefined;
    const box = last.getBoundingClientRect();
    // A held page's end is the estimated top of a line box: allow half a line's slack.
    const slack = (Number.parseFloat(getComputedStyle(last).lineHeight) || 16) / 2;
    if (box.top >= end || box.bottom > end + slack) return undefined;
    const next = sibling(last, true);
    const nextLine = next ? linesOf(next)[0] : undefined;
    if (nextLine?.bottom !== undefined && nextLine.bottom <= end + 0.5) return undefined;
    let heading = last;
    let before = sibling(heading, false);
    while (before && keptWithNext.has(before)) {
      heading = before;
      before = sibling(heading, false);
    }
    const top = heading.getBoundingClientRect().top;
    if (top <= pageTop + 0.5) return undefined;
    if (before?.tagName !== 'P') return top - 0.5;
    const lines = linesOf(before);
    const style = getComputedStyle(before);
    const stay = lines.length - (Number(style.widows) || 2);
    const line = stay < (Number(style.orphans) || 2) ? lines[0] : lines[stay];
    return line && line.top > pageTop + 0.5 ? line.top - 0.5 : top - 0.5;
  };

  /**
   * The outermost block around `block` (itself included) that print keeps whole
   * (`break-inside: avoid`: a list item, a figure) and that fits on a page once the area
   * it is set around (from `end` to `foot`) is taken out: print sends it on whole.
   */
  const keptWhole = (
    /** @type {Element} */ block,
    /** @type {number} */ end,
    /** @type {number} */ foot,
    /** @type {number} */ pageHeight,
  ) => {
    /** @type {DOMRect | undefined} */
    let kept;
    for (
      let e = /** @type {Element | null} */ (block);
      e && e !== document.body;
      e = e.parentElement
    ) {
      if (!/^avoid/.test(getComputedStyle(e).breakInside)) continue;
      const box = e.getBoundingClientRect();
      if (box.top < end && box.bottom > foot && box.height - (foot - end) <= pageHeight) kept = box;
    }
    return kept;
  };

  /**
   * Where print will end a page whose text would end at `end` (its area from there to
   * `foot`, the page's text from `pageTop`): at the top of a block print keeps whole (a
   * list item), or of a paragraph that would leave fewer than its `orphans` lines above
   * the break, or higher, so that at least its `widows` lines go on. Undefined when no
   * block is broken there, or the break keeps both.
   */
  const keptLines = (
    /** @type {number} */ end,
    /** @type {number} */ foot,
    /** @type {Element[]} */ blocks,
    /** @type {number} */ pageTop,
  ) => {
    const heading = strandedHeading(end, pageTop);
    if (heading) return heading;
    const block = lastStartingAbove(blocks, end);
    if (!block) return undefined;
    const whole = keptWhole(block, end, foot, foot - pageTop);
    // A block that opens its page is broken all the same.
    if (whole && whole.top > pageTop + 0.5) return whole.top - 0.5;
    const box = block.getBoundingClientRect();
    if (box.top >= end || box.bottom <= foot) return undefined;
    const lines = linesOf(block);
    const above = lines.filter((l) => l.bottom <= end + 0.5);
    // A line under the area: its text box can start a pixel above its line box, at the foot.
    const below = lines.filter((l) => l.bottom > foot + 0.5);
    if (above.length === 0 || below.length === 0) return undefined;
    const style = getComputedStyle(block);
    const orphans = Number(style.orphans) || 2;
    const widows = Number(style.widows) || 2;
    const short = Math.max(0, widows - below.length);
    const stay = above.length - short;
    if (stay < orphans) return /** @type {{ top: number }} */ (above[0]).top - 0.5;
    if (short > 0) return /** @type {{ top: number }} */ (above[stay]).top - 0.5;
    return undefined;
  };

  /** Where the text of a chapter's chain ends: the bottom of its last block before the next chapter. */
  const textEnd = (/** @type {HTMLElement[]} */ chain) => {
    let last = /** @type {Element | null} */ (chain[chain.length - 1] ?? null);
    let end = Number.NEGATIVE_INFINITY;
    for (let next = last?.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.classList.contains('chapter')) break;
      if (!next.classList.contains('footnote-page')) last = next;
    }
    if (last && !last.classList.contains('footnote-page'))
      end = last.getBoundingClientRect().bottom;
    return end;
  };

  /**
   * Arranges one chapter's chain of pairs, page by page, as TeX's page builder does. The
   * pairs tile the laid-out page in page areas (each strut starts where the area before it
   * ends), and a line that would reach into an area goes below it, as the print sends it to
   * the next page: so the loaded page shows which page each reference will stand on. Each
   * page takes, in order, the notes whose references stand above its area; a note too long
   * for the room under its reference's line is cut there and runs on to the next page; a
   * note whose first line and rule find no room under its line sends the line on to the
   * next page with it (the area is held up to the line's top: the page ends short), unless
   * the line already opens its page.
   */
  const arrangeChain = (
    /** @type {HTMLElement[]} */ chain,
    /** @type {number} */ pageHeight,
    /** @type {Element[]} */ blocks,
  ) => {
    const areaOf = (/** @type {HTMLElement} */ pair) =>
      /** @type {HTMLElement} */ (pair.querySelector(':scope > .footnote-area'));
    const strutOf = (/** @type {HTMLElement} */ pair) =>
      /** @type {HTMLElement} */ (pair.querySelector(':scope > .footnote-strut'));
    /** @type {Element[]} */
    const queue = chain.flatMap((pair) => Array.from(areaOf(pair)?.children ?? []));
    for (const note of queue) note.remove();
    const lastPage = Math.max(...chain.map((p) => Number(p.dataset.last ?? p.dataset.page)));
    // Notes the last print set a page before their references: print ended the page above
    // the line the loaded page kept on it, so their lines keep a line's room below them.
    const sendOn = new Set(chain.flatMap((p) => (p.dataset.sendOn ?? '').split(' ')));
    /** @type {DocumentFragment | undefined} */
    let carry;
    const bound = chain.length + 2 * queue.length + 8;
    let i = 0;
    for (; (queue.length > 0 || carry) && i < bound; i++) {
      const previous = /** @type {HTMLElement} */ (chain[i - 1]);
      if (i >= chain.length) {
        const page = Number(previous.dataset.page) + 1;
        const added = newPair(previous, page);
        chain.push(added);
      }
      const pair = /** @type {HTMLElement} */ (chain[i]);
      const strut = strutOf(pair);
      const notes = areaOf(pair);
      const first = i === 0;
      const room = pageHeight - (first ? Number(pair.dataset.first ?? 0) * pt : 0);
      const top = strut.getBoundingClientRect().top;
      // Every area ends 1px above the foot, where the next page's strut starts.
      const foot = top + room - (first ? 1 : 0);
      /** The highest the text may end on this page (a line sent on holds it). */
      let cap = Number.POSITIVE_INFINITY;
      /** Sets the area at the foot, held up to `cap` and to where print breaks a paragraph. */
      const size = () => {
        notes.style.paddingTop = '';
        notes.classList.remove('footnote-held');
        const height = notes.getBoundingClientRect().height;
        const hold = (/** @type {number} */ end) => {
          const padding = Math.max(0, foot - end - height);
          if (padding > 0) {
            notes.classList.add('footnote-held');
            notes.style.paddingTop = `${padding}px`;
          }
          strut.style.height = `${Math.max(0, foot - top - height - padding)}px`;
        };
        let end = Math.min(foot - height, cap);
        hold(end);
        // A hold moves lines on, and the page it leaves can end badly in its turn (a heading
        // now last on it, a paragraph left a single line): checked again until it stays.
        for (let round = 0; round < 8; round++) {
          const kept = keptLines(end, foot, blocks, top);
          if (kept === undefined || kept >= end) break;
          end = kept;
          hold(end);
        }
      };
      if (carry) notes.append(carry);
      carry = undefined;
      size();
      const areaTop = () => strut.getBoundingClientRect().bottom;
      const page = Number(pair.dataset.page);
      // A note runs on to a page the chapter's pairs reach, or one its text reaches (the
      // last print may have ended the chapter a page sooner: its reference's line sent on).
      const canRunOn = i + 1 < chain.length || page < lastPage || textEnd(chain) > foot;
      while (queue.length > 0) {
        const note = /** @type {Element} */ (queue[0]);
        const reference = referenceOf(note);
        if (!reference) {
          notes.append(/** @type {Element} */ (queue.shift()));
          continue;
        }
        const line = lineOf(reference);
        // A reference below the area (or on a later page) waits for its page.
        if (line.box.top >= areaTop()) break;
        const whole = note.cloneNode(true);
        queue.shift();
        notes.append(note);
        size();
        // A note the last print set a page before its reference keeps a line's room under its
        // line: print ends that page about a line higher than the loaded page shows.
        const margin = sendOn.has(note.id) ? line.bottom - line.top : 0;
        const limit = foot - line.bottom - margin;
        /** @type {DocumentFragment | undefined} */
        let rest;
        if (notes.getBoundingClientRect().height > limit && canRunOn) {
          // Cut in this note only: the notes before it stay whole on their references' page.
          const place = firstBelow(note, notes.getBoundingClientRect().top + limit);
          if (place) rest = cutAt(notes, place);
          size();
        }
        const opensPage = notes.children.length <= 1 && line.top - top < line.bottom - line.top;
        const stays = lineOf(reference).box.bottom + margin <= areaTop() && note.isConnected;
        if (stays || opensPage) {
          carry = rest;
          if (rest) break;
          continue;
        }
        // No room under its line for the note's first line: the line goes on with it.
        note.remove();
        queue.unshift(/** @type {Element} */ (whole));
        cap = line.top - 0.5;
        size();
        break;
      }
      // A hold that sent a block on whole (a list item) took with it the references of
      // notes already set here: those notes go on with their lines, the page held as it is.
      const set = Array.from(notes.children);
      const gone = carry
        ? -1
        : set.findIndex((n) => {
            const reference = n.id ? referenceOf(n) : null;
            return reference !== null && lineOf(reference).box.top >= areaTop();
          });
      if (gone >= 0) {
        cap = Math.min(cap, areaTop());
        const back = set.slice(gone);
        for (const n of back) n.remove();
        queue.unshift(...back);
        size();
      }
    }
    // Never lose a note: any left (a reference the pages did not reach) goes to the last page.
    const lastPair = chain[Math.min(i, chain.length) - 1];
    if (lastPair && queue.length > 0) areaOf(lastPair).append(...queue.splice(0));
  };

  globalThis.folioFootnotes = {
    async arrange(papers) {
      const area = globalThis.folioPageArea(papers);
      // Laid out at the page area's width (as line-end-hyphens.browser.js does), in the
      // faces the print uses: wait for them after a first layout.
      const restore = globalThis.folioLayOutAt(area.width);
      document.body.getBoundingClientRect();
      await document.fonts.ready;
      /** @type {HTMLElement[][]} */
      const chains = [];
      for (const pair of /** @type {HTMLElement[]} */ (
        Array.from(document.querySelectorAll('.footnote-page[data-page]'))
      )) {
        if (pair.querySelector(':scope > .footnote-chain') || chains.length === 0) chains.push([]);
        chains[chains.length - 1]?.push(pair);
      }
      // The paragraphs print may break across pages, in reading order.
      const blocks = Array.from(document.querySelectorAll('p, li')).filter(
        (block) => !block.closest('.footnote-page') && !block.querySelector('p, li'),
      );
      headings = Array.from(document.querySelectorAll('h1, h2, h3, h4')).filter(
        (h) => !h.closest('.footnote-page') && getComputedStyle(h).breakAfter === 'avoid',
      );
      keptWithNext = new Set(headings);
      for (const chain of chains) {
        // A chapter starts a page: laid out as one column, it goes below the float pairs of
        // the chapter before, as in print (where it clears nothing).
        const pair = /** @type {HTMLElement} */ (chain[0]);
        const before = pair.previousElementSibling;
        /** @type {Element | null} */
        let start = before?.classList.contains('chapter') ? before : pair;
        while (
          start &&
          start !== document.body &&
          !/^(page|left|right|recto|verso)$/.test(getComputedStyle(start).breakBefore)
        )
          start = start.parentElement;
        if (start && start !== document.body)
          /** @type {HTMLElement} */ (start).style.clear = 'left';
        arrangeChain(chain, area.height, blocks);
      }
      restore();
    },
  };
})();
