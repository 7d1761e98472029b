// @ts-check
// Runs inside the print page, before the scripts that measure at the page's area
// (line-end-hyphens.browser.js, footnote-areas.browser.js: in-page-scripts.ts loads it
// with them; the page is laid out in print styles, emulated from its load); it defines
// `globalThis.folioLayOutAt(width)`
// (the document laid out at the page area's width) and `globalThis.folioPageArea(papers)`: a right-hand page's area in
// CSS pixels, from the @page rules the page really has (unnamed rules first, then :right
// ones, each in source order, @media blocks that match entered), so a project stylesheet
// that changes the size or margins is measured too. `npm run typecheck` checks it.
//
// The print page is loaded unshown (print-driver.ts): a style marked `data-folio-unshown`
// hides every child of the body but this script's probes, so the load lays out nothing;
// `folioHoldAtPageArea` takes it away once the width is held, and the page's first layout
// is then at the page area's width, with its faces loaded.
/** @typedef {Record<string, import('./paper-sizes.ts').PaperSize | undefined>} Papers */
(() => {
  /** A CSS length in CSS pixels, as the page computes it. */
  const length = (/** @type {string} */ css) => {
    const probe = document.createElement('div');
    probe.style.cssText = `position:absolute;visibility:hidden;width:${css}`;
    // Shown in the unshown page too (print-driver.ts): measured, it lays out nothing else.
    probe.setAttribute('data-folio-probe', '');
    document.body.append(probe);
    const px = probe.getBoundingClientRect().width;
    probe.remove();
    return px;
  };

  /**
   * The page area. Its width and height are rounded up to whole CSS pixels, as Chromium's
   * print lays it out (measured here: A4 less 48 mm, 612.28 px, lays out at 613 px; Letter
   * less 2 in, 624 px, at 624 px; a chain of floats each a page area tall keeps its place
   * on every page at 934 px on A4 less 24 and 26 mm, 933.54 px, and at 719 px on 6 × 9 in
   * less 18.5 and 20 mm, 718.49 px: at the unrounded height it rose 0.5 px a page).
   */
  const pageArea = (/** @type {Papers} */ papers) => {
    // Measured while the page was unshown (holdAtPageArea): measured now, the probes would
    // lay the whole book out first (2.0 s at 447 pages) for lengths no step changes.
    if (globalThis.folioHeld) return globalThis.folioHeld.area;
    /** @type {CSSPageRule[]} */
    const rules = [];
    const collect = (/** @type {CSSRuleList} */ list) => {
      for (const rule of Array.from(list)) {
        if (rule instanceof CSSPageRule) rules.push(rule);
        else if (rule instanceof CSSMediaRule && matchMedia(rule.conditionText).matches)
          collect(rule.cssRules);
      }
    };
    for (const sheet of Array.from(document.styleSheets)) collect(sheet.cssRules);
    let size = 'A4';
    const margins = { top: '0px', right: '0px', bottom: '0px', left: '0px' };
    for (const rule of [
      ...rules.filter((r) => r.selectorText === ''),
      ...rules.filter((r) => r.selectorText === ':right'),
    ]) {
      const value = rule.style.getPropertyValue('size').trim();
      if (value && !value.includes('var(')) size = value;
      for (const side of /** @type {const} */ (['top', 'right', 'bottom', 'left']))
        margins[side] = rule.style.getPropertyValue(`margin-${side}`) || margins[side];
    }
    const words = size.toLowerCase().split(/\s+/);
    const paper = words.map((w) => papers[w]).find(Boolean);
    const landscape = words.includes('landscape');
    const dimensions = words.filter((w) => /\d/.test(w));
    const pageWidth = paper
      ? length(`${landscape ? paper.height : paper.width}${paper.unit}`)
      : length(dimensions[0] ?? '210mm');
    const pageHeight = paper
      ? length(`${landscape ? paper.width : paper.height}${paper.unit}`)
      : length(dimensions[1] ?? dimensions[0] ?? '297mm');
    return {
      width: Math.ceil(pageWidth - length(margins.left) - length(margins.right) - 1e-3),
      height: Math.ceil(pageHeight - length(margins.top) - length(margins.bottom) - 1e-3),
      top: length(margins.top),
    };
  };

  /**
   * Lays the document out at `width` CSS px of content, as the print sets its lines (the
   * root's margins, padding and borders counted outside it); returns what puts it back.
   */
  const layOutAt = (/** @type {number} */ width) => {
    // Held there already (holdAtPageArea): left as it is, for the next step too.
    if (globalThis.folioHeld?.width === width) return () => {};
    const html = document.documentElement;
    const style = getComputedStyle(html);
    const outside = [
      style.marginLeft,
      style.marginRight,
      style.paddingLeft,
      style.paddingRight,
      style.borderLeftWidth,
      style.borderRightWidth,
    ].reduce((sum, v) => sum + (Number.parseFloat(v) || 0), 0);
    const previous = html.getAttribute('style');
    html.style.setProperty('box-sizing', 'content-box', 'important');
    html.style.setProperty('width', `${width - outside}px`, 'important');
    html.style.setProperty('max-width', 'none', 'important');
    return () => {
      if (previous === null) html.removeAttribute('style');
      else html.setAttribute('style', previous);
    };
  };

  /**
   * Holds the document at its page area's width from its load until its print
   * (print-driver.ts). Every layout in between is then at the width the measuring steps
   * lay it out at: the page's first, and the one the page makes after each step changed
   * it (set hyphens, arranged footnotes), which would otherwise be at the window's width,
   * wasted, and done again in full by the next step. Each step's own layOutAt leaves it so.
   * A page loaded unshown is shown here, once its width is held: nothing was laid out
   * before at another width or without its faces.
   */
  const holdAtPageArea = (/** @type {Papers} */ papers) => {
    if (globalThis.folioHeld) return;
    const area = pageArea(papers);
    const restore = layOutAt(area.width);
    for (const style of Array.from(document.querySelectorAll('style[data-folio-unshown]')))
      style.remove();
    globalThis.folioHeld = {
      width: area.width,
      area,
      release: () => {
        globalThis.folioHeld = undefined;
        restore();
      },
    };
  };

  globalThis.folioHoldAtPageArea = holdAtPageArea;
  globalThis.folioPageArea = pageArea;
  globalThis.folioLayOutAt = layOutAt;
})();
