/**
 * The cover chapter: an XHTML page holding the cover image, first in the spine.
 */
import { h } from 'hastscript';
import { wordsFor } from '../../locale/locale.ts';
import { hasClass } from '../../model/hast-classes.ts';
import type { Chapter } from './chapters.ts';

export const coverFile = 'cover.xhtml';

/** The cover chapter, its image still to come (`withCoverImage`). */
export function coverChapter(language: string): Chapter {
  return {
    id: 'cover',
    file: coverFile,
    title: wordsFor(language).cover,
    language,
    bodyType: 'frontmatter',
    bodyClass: 'cover-page',
    beforeContents: true,
    content: [h('div.cover-image')],
  };
}

/** The cover chapter showing the image at `href`, described by `alt`. */
export function withCoverImage(chapter: Chapter, href: string, alt: string): Chapter {
  const image = h('img', { src: href, alt, role: 'doc-cover', 'epub:type': 'cover' });
  return {
    ...chapter,
    content: chapter.content.map((node) =>
      node.type === 'element' && node.tagName === 'div' && hasClass(node, 'cover-image')
        ? { ...node, children: [image] }
        : node,
    ),
  };
}
