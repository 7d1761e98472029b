/**
 * A book as people write it for other tools: a document of two files whose `#` headings are
 * chapters, a one-file document whose first heading repeats its title, a Traditional
 * Chinese document; a long table (split across pages), a nine-column table, code, a
 * quotation, a task list, external links with long addresses and a long German compound.
 */
import { makeProject } from '../helpers/build.ts';

const rows = Array.from(
  { length: 69 },
  (_, i) => `| ${i + 1} | Row ${i + 1} item | detail text detail text detail text |`,
).join('\n');
const wide = [
  '| A | B | C | D | E | F | G | H | I |',
  '|---|---|---|---|---|---|---|---|---|',
  ...[0, 1, 2, 3].map(
    (i) => `| ${[...'ABCDEFGHI'].map((c) => `Verylongcellword${c}${i} text`).join(' | ')} |`,
  ),
].join('\n');

export const longUrl =
  'https://example.org/a/very/long/path/that/goes/on/and/on/for/ever/and/ever/index.html';

export function makeBookFixture(edition: string[] = []): string {
  return makeProject({
    'folio.config.yaml': [
      'title: Chapters fixture',
      'language: en',
      'documents:',
      '  - id: guide',
      '    title: The Guide',
      '    files: [one.md, two.md]',
      '  - id: solo',
      '    files: [solo.md]',
      '  - id: zh',
      '    language: zh-Hant',
      '    files: [zh.md]',
      'editions:',
      '  - id: book',
      '    documents: [guide, solo, zh]',
      '    formats: [html, pdf, epub]',
      ...edition,
      '',
    ].join('\n'),
    'one.md': `# First chapter

Some text of the first chapter with a [link to a reference](${longUrl}) and an autolink <https://owasp.org/Top10/>. A German compound: Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft.

## A section

| Name | Value | Notes |
| --- | --- | --- |
| a | 1 | short |
| b | 2 | longer text here |

> A quote with *emphasis*.

- [x] done
- [ ] open

\`\`\`js
const x = 1; // a long line of code that goes on and on and on and on and on and on and on and on and on
\`\`\`

## A long table

| No. | Item | Detail |
| --- | --- | --- |
${rows}

## A wide table

${wide}
`,
    'two.md': `# Second chapter

Text with \`inline code\` and more; back to [the first](#first-chapter).

## Another section

More text.
`,
    'solo.md': '# Solo Title\n\nIntro paragraph.\n\n## Part one\n\nText.\n',
    'zh.md': `# 存取控制失效

## 概述

存取控制強制執行政策，使用者無法在其預期權限之外執行操作。失敗通常會導致未經授權的資訊洩露、修改或銷毀所有資料，或執行超出使用者限制的業務功能。常見的存取控制漏洞包括：違反最小權限原則或預設拒絕原則，即存取權限應僅授予特定功能、角色或使用者，但卻對任何人開放。透過修改 URL（參數竄改或強制瀏覽）、內部應用程式狀態或 HTML 頁面，或使用攻擊工具修改 API 請求來繞過存取控制檢查。

允許透過提供其唯一識別碼（不安全的直接物件參照）來查看或編輯他人的帳戶。存取 API 時缺少對 POST、PUT 和 DELETE 的存取控制。權限提升。在未登入的情況下以使用者身分行事，或以一般使用者身分登入時以管理員身分行事。

## 參考資料

請參閱 [OWASP 主動控制](https://owasp.org/www-project-proactive-controls/v3/en/c7-enforce-access-controls)。
`,
  });
}
