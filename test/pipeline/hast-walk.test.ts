/** The read-only walks of src/model/hast-walk.ts against unist-util-visit, which they stand in for. */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { hasClass } from '../../src/model/hast-classes.ts';
import { eachElement, textLength } from '../../src/model/hast-walk.ts';

const tree: Root = fromHtml(
  '<article id="a"><h1 class="x y">Title</h1><p>One <em id="e">two</em> <!-- c --> three</p>' +
    '<ul><li class="y">four</li><li>five <a href="#e">six</a></li></ul></article>',
  { fragment: true },
);

describe('eachElement', () => {
  it('meets the elements visit meets, in the same order, the root among them', () => {
    const visited: Element[] = [];
    visit(tree, 'element', (node) => {
      visited.push(node);
    });
    const walked: Element[] = [];
    eachElement(tree, (node) => {
      walked.push(node);
    });
    expect(walked).toEqual(visited);
    const article = tree.children[0] as Element;
    const fromArticle: string[] = [];
    eachElement(article, (node) => {
      fromArticle.push(node.tagName);
    });
    expect(fromArticle).toEqual(['article', 'h1', 'p', 'em', 'ul', 'li', 'li', 'a']);
  });

  it('ends where the callback returns true, and says so', () => {
    const seen: string[] = [];
    const ended = eachElement(tree, (node) => {
      seen.push(node.tagName);
      return node.tagName === 'em';
    });
    expect(ended).toBe(true);
    expect(seen).toEqual(['article', 'h1', 'p', 'em']);
    expect(eachElement(tree, () => undefined)).toBe(false);
  });
});

describe('textLength', () => {
  it('counts the characters of every text node, as visiting the text nodes does', () => {
    let length = 0;
    visit(tree, 'text', (text) => {
      length += text.value.length;
    });
    expect(textLength(tree)).toBe(length);
    expect(textLength({ type: 'text', value: 'abc' })).toBe(3);
    expect(textLength({ type: 'comment', value: 'not text' })).toBe(0);
  });
});

describe('hasClass', () => {
  it('finds a class among several, and none where there is no className', () => {
    const [h1] = (tree.children[0] as Element).children as Element[];
    expect(h1 && hasClass(h1, 'y')).toBe(true);
    expect(h1 && hasClass(h1, 'z')).toBe(false);
    expect(hasClass({ type: 'element', tagName: 'p', properties: {}, children: [] }, 'x')).toBe(
      false,
    );
  });
});
