// @ts-check
// Runs inside the print page. font-wait.ts reads this file as text and evaluates it, so
// that no build step rewrites it; it defines `globalThis.folioFaces`: `load(extra)` loads
// every @font-face whose unicode-range holds a character the page may set (its text, the
// text of its style rules, which holds generated content and margin boxes, and `extra`)
// and resolves with the number that failed, and starts loading every image its style rules
// and style attributes name (a page loaded unshown, print-driver.ts, styles no box before
// its first layout, so nothing else would fetch them before the print); `imagesPending()`
// is how many of those have not loaded yet (font-wait.ts asks until none: a hidden page,
// sandbox.ts, never settles `HTMLImageElement.decode()`, which waits for a frame);
// `layOutAfresh()` takes the page's whole layout down, so that the next layout builds every
// box anew. `npm run typecheck` checks it (tsconfig: allowJs).
(() => {
  /** @param {string} value @param {Set<number>} into */
  const addText = (value, into) => {
    for (const char of value) into.add(char.codePointAt(0) ?? 0);
  };

  const urlPattern = /url\(\s*(['"]?)(.*?)\1\s*\)/g;

  /** @param {string} css @param {string} base @param {Set<string>} into */
  const addUrls = (css, base, into) => {
    for (const [, , url = ''] of css.matchAll(urlPattern)) {
      // `url(#id)` names an element of the page (an SVG filter, a gradient), not a file:
      // resolved, it would be the page's own HTML, fetched again as an image.
      if (url.startsWith('#')) continue;
      try {
        into.add(new URL(url, base).href);
      } catch {
        // not a URL the page could fetch either
      }
    }
  };

  /**
   * The characters of `rules` (generated content, margin boxes) into `into`, and the URLs
   * its rules name (images) into `urls`, resolved against the sheet's address.
   * @param {CSSRuleList} rules @param {Set<number>} into @param {Set<string>} urls @param {string} base
   */
  const addRules = (rules, into, urls, base) => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSFontFaceRule || rule instanceof CSSNamespaceRule) continue;
      if (rule instanceof CSSImportRule) {
        const sheet = rule.styleSheet;
        if (sheet) addRules(sheet.cssRules, into, urls, sheet.href ?? base);
      } else if (rule instanceof CSSGroupingRule) {
        // An @page rule's own declarations are in its text, not in its rules.
        addUrls(rule.cssText, base, urls);
        addRules(rule.cssRules, into, urls, base);
      } else {
        addText(rule.cssText, into);
        addUrls(rule.cssText, base, urls);
      }
    }
  };

  /** @type {HTMLImageElement[]} the images `load` started, into the page's cache */
  let images = [];
  /** How many of them are still loading (a missing one is reported by the sandbox). */
  const imagesPending = () => images.filter((image) => !image.complete).length;

  /** @param {FontFace} face @returns {Array<[number, number]>} */
  const rangesOf = (face) =>
    face.unicodeRange.split(',').map((part) => {
      const [from = '0', to = from] = part.trim().replace(/^U\+/i, '').split('-');
      return [Number.parseInt(from, 16), Number.parseInt(to, 16)];
    });

  /** @param {string} extra @returns {Promise<number>} */
  const load = async (extra) => {
    /** @type {Set<number>} */
    const used = new Set();
    addText(document.documentElement.textContent ?? '', used);
    addText(extra, used);
    /** @type {Set<string>} */
    const urls = new Set();
    for (const sheet of Array.from(document.styleSheets)) {
      try {
        addRules(sheet.cssRules, used, urls, sheet.href ?? document.baseURI);
      } catch {
        // a sheet the page may not read holds no rules of ours
      }
    }
    for (const element of Array.from(document.querySelectorAll('[style*="url("]')))
      addUrls(element.getAttribute('style') ?? '', document.baseURI, urls);
    images = Array.from(urls, (url) => {
      const image = new Image();
      image.src = url;
      return image;
    });
    /** @type {Array<Promise<FontFace>>} */
    const loads = [];
    // Iterated, not forEach: with scripts off, the page runs no callback of ours. (The
    // project's lib has no DOM.Iterable, which declares FontFaceSet's iterator.)
    const faces = /** @type {Iterable<FontFace>} */ (/** @type {unknown} */ (document.fonts));
    for (const face of faces) {
      const ranges = rangesOf(face);
      for (const c of used) {
        if (ranges.some(([a, b]) => c >= a && c <= b)) {
          loads.push(face.load());
          break;
        }
      }
    }
    const results = await Promise.allSettled(loads);
    await document.fonts.ready;
    return results.filter((result) => result.status === 'rejected').length;
  };

  const layOutAfresh = () => {
    const root = document.documentElement;
    const display = root.style.getPropertyValue('display');
    const priority = root.style.getPropertyPriority('display');
    root.style.setProperty('display', 'none', 'important');
    root.getBoundingClientRect();
    if (display) root.style.setProperty('display', display, priority);
    else root.style.removeProperty('display');
    // Left to lay out: the next layout, the measuring's or the print's, builds every box anew.
  };

  globalThis.folioFaces = { load, imagesPending, layOutAfresh };
})();
