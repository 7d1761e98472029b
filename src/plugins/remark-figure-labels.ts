/**
 * remark plugin (parse checks): reads the label written right after an image that stands
 * alone in its paragraph, `![alt](basin.png "The basin at dawn"){#fig-basin}` as Pandoc
 * writes it or `{: #fig-basin}` as kramdown does, so that the image becomes a labelled
 * figure (src/plugins/remark-collect-figures.ts) that cross-references can name. Runs before
 * remark-attribute-lists, which would drop an id on an image; the rest of a kramdown list
 * (`{: #fig-basin .wide}`: the class) is left to it.
 */
import type { Image, Paragraph, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';

declare module 'mdast' {
  interface ImageData {
    /** The label written after an image alone in its paragraph (`{#fig-basin}`). */
    figureLabel?: string;
  }
}

const pandoc = /^\{#([\p{L}\p{N}_:.-]+)\}/u;
const kramdown = /^\{:([^{}]*)\}/;
const idToken = /(^|\s)#([\p{L}\p{N}_:.-]+)(?=\s|$)/u;

export function remarkFigureLabels() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      const [image, text, ...rest] = paragraph.children;
      if (image?.type !== 'image' || text?.type !== 'text' || rest.length > 0) return;
      const label = readLabel(text.value);
      if (!label) return;
      const remaining = label.rest.trim();
      if (remaining !== '' && !remaining.startsWith('{:')) return;
      setLabel(image, label.id);
      if (remaining === '') paragraph.children.splice(1, 1);
      else text.value = label.rest;
    });
  };
}

/** The id of a leading `{#id}` or `{: … #id …}` and what is left of the text without it. */
function readLabel(value: string): { id: string; rest: string } | undefined {
  const plain = pandoc.exec(value);
  if (plain?.[1]) return { id: plain[1], rest: value.slice(plain[0].length) };
  const list = kramdown.exec(value);
  const id = list && idToken.exec(list[1] ?? '');
  if (!list || !id?.[2]) return undefined;
  const others = (list[1] ?? '').replace(idToken, ' ').trim();
  const after = value.slice(list[0].length);
  return { id: id[2], rest: others ? `{: ${others}}${after}` : after };
}

function setLabel(image: Image, id: string) {
  image.data = { ...image.data, figureLabel: id };
}
