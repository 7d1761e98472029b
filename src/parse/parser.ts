/**
 * The parse stage: the one Markdown parser every manuscript file goes through (CommonMark
 * with GFM, YAML front matter, generic directives and TeX math, `$…$` and `$$` blocks).
 * It only parses; the collect plugins then walk the trees it returns.
 */
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export const parser = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkMath);
