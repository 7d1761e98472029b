// @ts-check
// Runs inside the print page. footnotes.ts reads this file as text and evaluates it; it
// defines `globalThis.folioFootnotes.arrange(papers)`, given the paper sizes of
// paper-sizes.ts. `npm run typecheck` checks it (tsconfig: allowJs).
//
// Sizes the footnote pairs that the assembly put into the page (assemble/footnotes.ts): for
// each page, in order, the note area is measured at the page area's width; when it would
// reach up over the page's last reference line (`data-limit`, from the last print), its
// text is cut at the last line that fits and the rest runs on at the top of the next
// page's area (a new pair is added after the last when needed, up to `data-last`); then the
// strut gets the page area's height less the area's (and less the chain's own top on its
// first page), so that the area stands at the foot. Returns the ids of the notes that
// could not start on their page.
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

  globalThis.folioFootnotes = {
    async arrange(papers) {
      const area = globalThis.folioPageArea(papers);
      // Laid out at the page area's width (as line-end-hyphens.browser.js does), in the
      // faces the print uses: wait for them after a first layout.
      const restore = globalThis.folioLayOutAt(area.width);
      document.body.getBoundingClientRect();
      await document.fonts.ready;
      /** @type {string[]} */
      const late = [];
      /** @type {DocumentFragment | undefined} */
      let carry;
      const pairs = /** @type {HTMLElement[]} */ (
        Array.from(document.querySelectorAll('.footnote-page[data-page]'))
      );
      for (let i = 0; i < pairs.length; i++) {
        const pair = /** @type {HTMLElement} */ (pairs[i]);
        const strut = /** @type {HTMLElement} */ (pair.querySelector(':scope > .footnote-strut'));
        const notes = /** @type {HTMLElement} */ (pair.querySelector(':scope > .footnote-area'));
        if (!strut || !notes) continue;
        if (carry) {
          notes.prepend(carry);
          carry = undefined;
        }
        const page = Number(pair.dataset.page);
        const first = pair.dataset.first !== undefined;
        const top = first ? Number(pair.dataset.first) * pt : 0;
        const room = area.height - top;
        // The area keeps below the page's last reference line (with its descent and leading).
        const lineHeight = Number.parseFloat(getComputedStyle(document.body).lineHeight) || 20;
        const limit =
          pair.dataset.limit !== undefined
            ? area.height - Number(pair.dataset.limit) * pt - 0.9 * lineHeight
            : room * 0.9;
        let height = notes.getBoundingClientRect().height;
        const last = Number(pair.dataset.last ?? page);
        const next = pairs[i + 1];
        // Notes run on within their chapter only: the next chapter's chain starts anew.
        const nextInChain =
          next !== undefined &&
          Number(next.dataset.page) === page + 1 &&
          next.dataset.first === undefined;
        const canRunOn = nextInChain || page < last;
        if (height > limit && canRunOn && notes.textContent?.trim()) {
          const place = firstBelow(notes, notes.getBoundingClientRect().top + limit);
          if (place) {
            carry = cutAt(notes, place);
            height = notes.getBoundingClientRect().height;
            if (!nextInChain) {
              const added = newPair(pair, page + 1);
              added.dataset.last = String(last);
              pairs.splice(i + 1, 0, added);
            }
          }
        }
        for (const note of Array.from(carry?.querySelectorAll('.footnote[id]') ?? []))
          late.push(note.id);
        // Every area ends 1px above the foot, where the next page's strut starts (and
        // breaks): so the first strut of a chain is 1px shorter than its room.
        strut.style.height = `${Math.max(0, room - height - (first ? 1 : 0))}px`;
      }
      restore();
      return late;
    },
  };
})();
