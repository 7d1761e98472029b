// @ts-check
// Runs inside the print page, after page-area.browser.js (in-page-scripts.ts loads them
// together); it defines `globalThis.folioOverflow(papers)`: the outermost elements wider
// than the page area, when the document laid out at the page area's width has any; and
// `globalThis.folioOverflowInColumns`, the same in the page laid out in columns of its
// page area (page-columns.browser.js), which a measuring pass makes anyway.
// Chromium's print cuts off such text, or (an image, a box) lays the whole document out
// wider and shrinks every page to fit, so the type of the whole book prints smaller.
// `npm run typecheck` checks it (tsconfig: allowJs).
/** @typedef {Record<string, import('./paper-sizes.ts').PaperSize | undefined>} Papers */
(() => {
  /** The id of the nearest element at or before `element` in document order that has one. */
  const placeOf = (/** @type {Element} */ element) => {
    let id = '';
    for (const candidate of Array.from(document.body.querySelectorAll('[id]'))) {
      const before =
        candidate === element ||
        (candidate.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      if (!before) break;
      id = candidate.id;
    }
    return id;
  };

  /**
   * The outermost elements (at most 5), in document order, that `widthOf` says reach past
   * the page area, each with the width it tells (from the area's left edge).
   * @param {(element: Element) => number | undefined} widthOf
   */
  const wideAmong = (widthOf) => {
    /** @type {{ id: string; tag: string; text: string; width: number }[]} */
    const wide = [];
    /** @type {Element | undefined} */
    let reported;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node && wide.length < 5; node = walker.nextNode()) {
      const element = /** @type {Element} */ (node);
      if (reported?.contains(element)) continue;
      const width = widthOf(element);
      if (width === undefined) continue;
      reported = element;
      wide.push({
        id: placeOf(element),
        tag: element.tagName.toLowerCase(),
        text: (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60),
        width: Math.round(width),
      });
    }
    return wide;
  };

  const overflow = (/** @type {Papers} */ papers) => {
    const area = globalThis.folioPageArea(papers);
    const restore = globalThis.folioLayOutAt(area.width);
    try {
      const root = document.documentElement;
      if (root.scrollWidth <= area.width + 1) return { area: area.width, wide: [] };
      const style = getComputedStyle(root);
      const left = root.getBoundingClientRect().left - (Number.parseFloat(style.marginLeft) || 0);
      const limit = left + area.width + 1;
      const wide = wideAmong((element) => {
        const box = element.getBoundingClientRect();
        return box.width === 0 || box.right <= limit ? undefined : box.right - left;
      });
      return { area: area.width, wide };
    } finally {
      restore();
    }
  };

  /**
   * The same in the page laid out in columns of its page area, `pitch` apart, from
   * `origin` (page-columns.browser.js): each piece of an element (one a column it runs
   * through) measured against its own column, whose width is the page area's.
   */
  const overflowInColumns = (
    /** @type {{ left: number }} */ origin,
    /** @type {number} */ width,
    /** @type {number} */ pitch,
  ) =>
    wideAmong((element) => {
      /** @type {number | undefined} */
      let widest;
      for (const box of Array.from(element.getClientRects())) {
        if (box.width === 0) continue;
        const left = origin.left + Math.floor((box.left - origin.left + width / 2) / pitch) * pitch;
        if (box.right > left + width + 1) widest = Math.max(widest ?? 0, box.right - left);
      }
      return widest;
    });

  globalThis.folioOverflow = overflow;
  globalThis.folioOverflowInColumns = overflowInColumns;
})();
