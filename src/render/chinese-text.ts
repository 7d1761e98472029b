/**
 * Which characters of a page tree are set in Simplified Chinese and which elsewhere, by
 * each node's language (its own `lang`, or its nearest ancestor's), as `:lang()` decides
 * it in base.css: `zh-Hans`, `zh-CN` and `zh-SG`, and their subtags, are Simplified.
 * Characters anywhere else in the page (style sheets, other attributes) count as other.
 */
import type { Root, RootContent } from 'hast';
import type { ChineseText } from './fonts.ts';

const shownAttributes = ['alt', 'title', 'ariaLabel', 'placeholder'] as const;
const simplifiedChinese = /^zh-(?:hans|cn|sg)(?:-|$)/i;

export function chineseText(tree: Root, language: string): ChineseText {
  const simplified = new Set<number>();
  const other = new Set<number>();
  const add = (text: string, lang: string) => {
    const into = simplifiedChinese.test(lang) ? simplified : other;
    for (const char of text) into.add(char.codePointAt(0) ?? 0);
  };
  const walk = (nodes: RootContent[], lang: string) => {
    for (const node of nodes) {
      if (node.type === 'text') add(node.value, lang);
      else if (node.type === 'element') {
        const own = node.properties.lang ?? node.properties.xmlLang;
        const inner = typeof own === 'string' && own !== '' ? own : lang;
        // The attributes a reader sees set (image alternatives, tooltips, labels).
        for (const name of shownAttributes) {
          const value = node.properties[name];
          if (typeof value === 'string') add(value, inner);
        }
        walk(node.children, inner);
      }
    }
  };
  walk(tree.children, language);
  return { simplified, other };
}
