// @ts-check
// Runs inside the print page. font-wait.ts reads this file as text and evaluates it, so
// that no build step rewrites it; it defines `globalThis.folioFaces`: `load(extra)` loads
// every @font-face whose unicode-range holds a character the page may set (its text, the
// text of its style rules, which holds generated content and margin boxes, and `extra`)
// and resolves with the number that failed; `layOutAfresh()` takes the page's whole
// layout down, so that the next layout builds every box anew. `npm run typecheck` checks it (tsconfig: allowJs).
(() => {
  /** @param {string} value @param {Set<number>} into */
  const addText = (value, into) => {
    for (const char of value) into.add(char.codePointAt(0) ?? 0);
  };

  /** @param {CSSRuleList} rules @param {Set<number>} into */
  const addRules = (rules, into) => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSFontFaceRule) continue;
      if (rule instanceof CSSGroupingRule) addRules(rule.cssRules, into);
      else addText(rule.cssText, into);
    }
  };

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
    for (const sheet of Array.from(document.styleSheets)) {
      try {
        addRules(sheet.cssRules, used);
      } catch {
        // a sheet the page may not read holds no rules of ours
      }
    }
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

  globalThis.folioFaces = { load, layOutAfresh };
})();
