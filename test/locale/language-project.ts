/**
 * A project in three languages for the locale tests: a German document (numbered sections,
 * a cross-reference pages ahead, index marks with umlauts, `see` and `see also`, glossary
 * terms with a related entry), a Simplified Chinese one (the same, and a reference into the
 * German document) and a Spanish one (index marks with ñ and accents). Editions: `de`
 * (the German document, with a cover), `zh` (the Chinese document, then the German one:
 * an edition in Chinese holding a German part) and `es` (HTML only).
 */
import { makeProject } from '../helpers/build.ts';

const german = (n: number) =>
  `Der Schutz personenbezogener Daten ist eine Aufgabe aller Beteiligten, und die Verarbeitung muss rechtmäßig, nachvollziehbar und zweckgebunden sein (Absatz ${n}). Jede Stelle dokumentiert ihre Verfahren sorgfältig, prüft die Zugriffsrechte regelmäßig und meldet Vorfälle unverzüglich an die zuständige Aufsichtsbehörde.`;
const chinese = (n: number) =>
  `访问控制是应用安全的基础，系统必须在每一次请求中检查用户的权限（第${n}段）。开发人员应当记录所有失败的访问尝试，并定期审查日志，以便及时发现异常行为和潜在的攻击。`;

export function makeLanguageProject(extra: Record<string, string> = {}): string {
  return makeProject({
    'folio.config.yaml': [
      'title: Sprachen',
      'language: de',
      'documents:',
      '  - { id: de, files: [de.md], shortTitle: Handbuch }',
      '  - { id: zh, files: [zh.md], language: zh-Hans, shortTitle: 手册 }',
      '  - { id: es, files: [es.md], language: es }',
      'glossary: glossary.yaml',
      'editions:',
      '  - id: de',
      '    documents: [de]',
      '    formats: [html, pdf, epub]',
      '    cover:',
      '      title: Handbuch Datenschutz',
      '      preparedFor: Ministerium',
      '      preparedBy: Redaktion',
      '      date: 2026-11-30',
      '  - id: zh',
      '    documents: [zh, de]',
      '    formats: [html, pdf, epub]',
      '  - id: es',
      '    documents: [es]',
      '    formats: [html]',
      '',
    ].join('\n'),
    'de.md': `---
title: Handbuch Datenschutz
date: '2026-11-30'
volume: 3
issue: 2
journal: Zeitschrift für Verwaltung
source: eine Testvorlage
---

# 1 Einleitung

Siehe unten: [](#grundlagen). Dort steht, was :term[Datenschutz] bedeutet.

${Array.from({ length: 14 }, (_, i) => german(i + 1)).join('\n\n')}

## 1.1 Grundlagen {#grundlagen}

:index[Äpfel] und :index[Apfel], :index[Birne], :index[Öl], :index[Obst]{see="Apfel"}, :index[Zebra] und :index[Frucht].

::index{term="Frucht" seealso="Birne"}

Die :term[Verschlüsselung] schützt Daten.

${Array.from({ length: 4 }, (_, i) => german(i + 20)).join('\n\n')}
`,
    'zh.md': `---
title: 安全手册
date: '2026-11-30'
---

# 1 引言

见下文：[](#jichu)。另见 [](de#grundlagen)。:term[加密]很重要。

${Array.from({ length: 16 }, (_, i) => chinese(i + 1)).join('\n\n')}

## 1.1 基础 {#jichu}

:index[注入]、:index[安全]、:index[加密]、:index[访问控制]、:index[日志]和:index[OWASP]。:term[访问控制]需要检查。

${Array.from({ length: 3 }, (_, i) => chinese(i + 20)).join('\n\n')}
`,
    'es.md': `---
title: Manual
date: '2026-11-30'
---

# Introducción

:index[nube], :index[ñandú], :index[oso], :index[nada], :index[Ángel] y :index[árbol].
`,
    'glossary.yaml': `- term: Datenschutz
  definition: Der Schutz personenbezogener Daten.
  related: [Verschlüsselung]
- term: Verschlüsselung
  definition: Daten unlesbar machen.
- term: 加密
  definition: 把数据变成不可读的形式。
  related: [访问控制]
- term: 访问控制
  definition: 限制谁可以使用资源。
`,
    ...extra,
  });
}
