// @ts-check
// Runs inside the print page, after page-area.browser.js and overflow.browser.js
// (in-page-scripts.ts loads them together); defines `globalThis.folioPageColumns(papers,
// findWide)`, given the paper sizes of paper-sizes.ts. `npm run typecheck` checks it (tsconfig: allowJs).
//
// Lays the loaded page out in columns of its page area, one column a page, and tells the
// page each anchor starts on: the measurement a print would make, without printing.
// Chromium fragments a multi-column container with the same engine as printed pages
// (breaks, orphans and widows, what avoids a break, floats, table headers), so where
// nothing changes from page to page but the page number, column n holds what page n
// prints. A forced page break becomes a column break; the cover, laid out at the full
// page's height on a page without margins, takes one column. Columns stand a page area
// apart (the gap as wide as a column), so an element that reaches a little into the
// margin, as a side note does, still counts for its own column. Only the targets of the
// page's `#` links are told, as only they get a named destination in the PDF. Whatever
// this gets wrong, the read-back of the next, tagged print corrects (page-loop.ts).
/** @typedef {Record<string, import('./paper-sizes.ts').PaperSize | undefined>} Papers */
(() => {
  const forced = new Set(['page', 'left', 'right', 'recto', 'verso']);
  const pt = 3 / 4;

  /**
   * The page of every target of the page's `#` links, by its destination's name (the
   * URL-serialised fragment, as Chromium names it), with its top in pt from the top of
   * the page area (as the read-back of a print measures it); and, asked to, the elements
   * wider than the page area in the same layout.
   * @param {Papers} papers
   * @param {boolean} findWide also the elements wider than the page area (overflow.browser.js)
   */
  const pageColumns = (papers, findWide) => {
    const area = globalThis.folioPageArea(papers);
    const width = area.width;
    const pitch = 2 * width;
    const body = document.body;
    // Forced page breaks, read before anything moves, become column breaks.
    /** @type {Array<[HTMLElement, string]>} */
    const breaks = [];
    for (const element of Array.from(body.querySelectorAll('*'))) {
      if (!(element instanceof HTMLElement)) continue;
      const style = getComputedStyle(element);
      if (forced.has(style.breakBefore)) breaks.push([element, 'break-before']);
      if (forced.has(style.breakAfter)) breaks.push([element, 'break-after']);
    }
    globalThis.folioHeld?.release();
    // The body itself is laid out in columns: its content moved into a container of its
    // own would be detached and laid out from nothing (its text shaped anew), where in
    // place the layouts before (the hyphen settle's) are kept; and the page's `body >`
    // rules still apply, as in the print.
    const columns = body;
    const layout = {
      'column-width': `${width}px`,
      'column-gap': `${width}px`,
      'column-fill': 'auto',
      'box-sizing': 'content-box',
      width: `${width}px`,
      'max-width': 'none',
      height: `${area.height}px`,
      margin: '0',
      padding: '0',
      border: '0',
    };
    for (const [property, value] of Object.entries(layout))
      body.style.setProperty(property, value, 'important');
    for (const [element, property] of breaks)
      element.style.setProperty(property, 'column', 'important');
    for (const cover of Array.from(columns.querySelectorAll('.cover')))
      if (cover instanceof HTMLElement)
        cover.style.setProperty('height', `${area.height}px`, 'important');
    const origin = columns.getBoundingClientRect();
    /** @type {Array<[string, number, number]>} */
    const pages = [];
    const seen = new Set();
    for (const link of Array.from(document.querySelectorAll('a[href^="#"]'))) {
      const fragment = link instanceof HTMLAnchorElement ? link.hash.slice(1) : '';
      let id = fragment;
      try {
        id = decodeURIComponent(fragment);
      } catch {}
      const element = id ? document.getElementById(id) : null;
      if (!element || seen.has(element)) continue;
      seen.add(element);
      const box = element.getClientRects()[0];
      if (!box) continue;
      // Named as Chromium names the element's destination: its id, URL-serialised.
      const name = new URL(`#${element.id}`, 'http://x/').hash.slice(1);
      const column = Math.floor((box.left - origin.left + width / 2) / pitch);
      pages.push([name, column + 1, (box.top - origin.top) * pt]);
    }
    const pageCount = Math.max(1, Math.floor((columns.scrollWidth + width) / pitch));
    // In the layout made for the pages, not one of its own (a full layout of the part).
    const wide = findWide ? globalThis.folioOverflowInColumns(origin, width, pitch) : undefined;
    return { pages, pageCount, wide, area: width };
  };

  globalThis.folioPageColumns = pageColumns;
})();
