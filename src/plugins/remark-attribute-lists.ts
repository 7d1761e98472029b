/**
 * remark plugin: reads the attribute lists of MkDocs and kramdown, `{: .class #id key="value"}`,
 * so that a manuscript written for them never prints one as text. Where it is read:
 *
 * - right after an image (`![icon](a.png){: style="height:80px" align="right"}`): classes go
 *   to the image, a `width` or `height` in pixels from `style` becomes the image's size,
 *   `align="left"`/`"right"` floats it (model/image-align.ts);
 * - at the end of a heading (`## Title {: #label .class}`): the id is the heading's label,
 *   classes go to the heading (as remark-heading-attributes does for `{#label .class}`);
 * - on the line after a paragraph's text (a kramdown block attribute list): classes go to
 *   the paragraph; alone in a paragraph: it is removed.
 *
 * Whatever else it holds (other `align`s, other styles, other keys) is dropped with a located
 * warning (`attributes:dropped`): Folio's stylesheets lay out the editions, and a style
 * attribute could load a resource. Runs before remark-heading-attributes.
 */
import type { Heading, Image, Paragraph, Root, Text } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { warn } from '../diagnostics/messages.ts';
import { imageAlignClass } from '../model/image-align.ts';
import type {} from './remark-heading-attributes.ts';

/** `{: …}` at the start of a text (after an image) or at its end (in a heading). */
const leading = /^\{:([^{}]*)\}/;
const trailing = /\s*\{:([^{}]*)\}\s*$/;
const alone = /^\s*\{:([^{}]*)\}\s*$/;
const after = /\n\s*\{:([^{}]*)\}\s*$/;
const token =
  /#([\p{L}\p{N}_:.-]+)|\.([\p{L}\p{N}_-]+)|([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))|(\S+)/gu;

interface AttributeList {
  id?: string;
  classes: string[];
  attributes: [string, string][];
  unreadable: string[];
}

function parse(content: string): AttributeList {
  const list: AttributeList = { classes: [], attributes: [], unreadable: [] };
  for (const m of content.matchAll(token)) {
    if (m[1]) list.id = m[1];
    else if (m[2]) list.classes.push(m[2]);
    else if (m[3]) list.attributes.push([m[3].toLowerCase(), m[4] ?? m[5] ?? m[6] ?? '']);
    else if (m[7]) list.unreadable.push(m[7]);
  }
  return list;
}

export function remarkAttributeLists() {
  return (tree: Root, file: VFile) => {
    const dropped = (what: string, place: Text['position']) =>
      warn(
        file,
        `Attribute \`${what}\` is dropped: Folio’s stylesheets lay out the editions (classes are kept, and on images a width or height in pixels and \`align\` left or right)`,
        { place, ruleId: 'attributes:dropped' },
      );

    visit(tree, 'image', (image: Image, index, parent) => {
      if (!parent || index === undefined) return;
      const next = parent.children[index + 1];
      if (next?.type !== 'text') return;
      const match = leading.exec(next.value);
      if (!match) return;
      const list = parse(match[1] ?? '');
      const properties: { className?: string[]; width?: string; height?: string } = {};
      if (list.classes.length > 0) properties.className = list.classes;
      for (const [key, value] of list.attributes) {
        const side = key === 'align' ? imageAlignClass(value) : undefined;
        if (side) {
          properties.className = [...(properties.className ?? []), side];
          continue;
        }
        if (key !== 'style') {
          dropped(`${key}="${value}"`, next.position);
          continue;
        }
        for (const declaration of value
          .split(';')
          .map((d) => d.trim())
          .filter(Boolean)) {
          const size = /^(width|height)\s*:\s*(\d+(?:\.\d+)?)px$/i.exec(declaration);
          if (size?.[1] && size[2])
            properties[size[1].toLowerCase() as 'width' | 'height'] = size[2];
          else dropped(`style: ${declaration}`, next.position);
        }
      }
      for (const part of [...list.unreadable, ...(list.id ? [`#${list.id}`] : [])])
        dropped(part, next.position);
      image.data = { ...image.data, hProperties: { ...image.data?.hProperties, ...properties } };
      next.value = next.value.slice(match[0].length);
      if (next.value === '') parent.children.splice(index + 1, 1);
    });

    /**
     * A list at the end of a heading's or paragraph's text (`pattern` finds it): removed, its
     * classes (and on a heading its id) taken, the rest dropped with a warning.
     */
    const trailingList = (node: Heading | Paragraph, pattern: RegExp) => {
      const last = node.children[node.children.length - 1];
      if (last?.type !== 'text') return;
      const match = pattern.exec(last.value);
      if (!match) return;
      const list = parse(match[1] ?? '');
      last.value = last.value.slice(0, match.index);
      if (last.value === '') node.children.pop();
      node.data ??= {};
      if (list.id && node.type === 'heading') node.data.id = list.id;
      else if (list.id) dropped(`#${list.id}`, last.position);
      if (list.classes.length > 0) {
        node.data.hProperties = { ...node.data.hProperties, className: list.classes };
      }
      for (const [key, value] of list.attributes) dropped(`${key}="${value}"`, last.position);
      for (const part of list.unreadable) dropped(part, last.position);
    };
    visit(tree, 'heading', (heading: Heading) => trailingList(heading, trailing));
    // A block attribute list on the line after a paragraph's text: its classes are the paragraph's.
    visit(tree, 'paragraph', (paragraph: Paragraph) => trailingList(paragraph, after));

    visit(tree, 'paragraph', (paragraph: Paragraph, index, parent) => {
      const only = paragraph.children[0];
      if (!parent || index === undefined || paragraph.children.length !== 1) return;
      if (only?.type !== 'text' || !alone.test(only.value)) return;
      const list = parse(alone.exec(only.value)?.[1] ?? '');
      for (const [key, value] of list.attributes) dropped(`${key}="${value}"`, only.position);
      for (const part of [
        ...list.unreadable,
        ...list.classes.map((c) => `.${c}`),
        ...(list.id ? [`#${list.id}`] : []),
      ])
        dropped(part, only.position);
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
