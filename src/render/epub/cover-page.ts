/**
 * The cover chapter: an XHTML page holding the cover image, first in the spine.
 */
import { h } from 'hastscript';
import { wordsFor } from '../../locale/locale.ts';
import type { Chapter } from './chapters.ts';

export const coverFile = 'cover.xhtml';

export function coverChapter(options: { href: string; alt: string; language: string }): Chapter {
  return {
    id: 'cover',
    file: coverFile,
    title: wordsFor(options.language).cover,
    language: options.language,
    bodyType: 'frontmatter',
    bodyClass: 'cover-page',
    beforeContents: true,
    content: [
      h('div.cover-image', [
        h('img', { src: options.href, alt: options.alt, role: 'doc-cover', 'epub:type': 'cover' }),
      ]),
    ],
  };
}
