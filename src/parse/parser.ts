/**
 * The parse stage: the one Markdown parser every manuscript file goes through (CommonMark
 * with GFM, YAML front matter and generic directives). It only parses; the collect
 * plugins then walk the trees it returns.
 */
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export const parser = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkDirective);
