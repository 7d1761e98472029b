/**
 * Synthetic manuscript projects for tests and the benchmark: deterministic text of a
 * chosen length with the density of headings, index marks, glossary uses and
 * cross-references of the real manuscripts (about one heading per 350 words, one index
 * mark per 60 words, a glossary term in most paragraphs, a cross-reference per section).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const vocabulary =
  'governance network security cooperation development policy infrastructure community exchange principle sovereignty resilience standard protocol capacity partnership dialogue framework innovation economy platform rule order stability research education trust openness'.split(
    ' ',
  );
const fillers =
  'the of and to in for with on by as that from an a this its their across through between under'.split(
    ' ',
  );
const glossaryTerms = [
  'digital divide',
  'critical infrastructure',
  'cyber crime',
  'data protection',
  'International Telecommunication Union',
];

/** A deterministic pseudo-random sequence (mulberry32), so every run writes the same text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  /** Roughly how many printed A4 pages the body should fill (about 450 words a page). */
  pages: number;
  documents?: number;
  seed?: number;
  /**
   * Sections open chapters (`#`) and their subsections are `##`, rather than `##` and
   * `###`: a long document of many chapters, which part-wise printing cuts at its chapters.
   */
  chapters?: boolean;
  /** Print-only copies of the edition besides `pack` (`pack-2` …), to build in parallel. */
  extraEditions?: number;
}

export interface SyntheticProject {
  root: string;
  configPath: string;
  words: number;
}

export function writeSyntheticProject(root: string, options: SyntheticOptions): SyntheticProject {
  const next = random(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const documents = options.documents ?? 2;
  const wordsPerDocument = Math.round((options.pages * 450) / documents);
  mkdirSync(path.join(root, 'manuscript'), { recursive: true });
  let total = 0;
  const ids: string[] = [];
  for (let d = 1; d <= documents; d++) {
    const id = `doc-${d}`;
    ids.push(id);
    const sections = Math.max(2, Math.round(wordsPerDocument / 350));
    const lines = [
      `---\nid: ${id}\ntitle: Synthetic document ${d}\nissuer: Folio benchmark\ndate: '${documentDate(d)}'\nlanguage: en\nsource: generated\n---\n`,
    ];
    for (let s = 1; s <= sections; s++) {
      const chapter = Math.ceil(s / 4);
      const opens = s % 4 === 1;
      const depth = (opens ? 2 : 3) - (options.chapters ? 1 : 0);
      const number = opens ? `${chapter}` : `${chapter}.${((s - 1) % 4) + 0}`;
      lines.push(
        `${'#'.repeat(depth)} ${number} ${capitalise(pick(vocabulary))} and ${pick(vocabulary)} {#s${s}}\n`,
      );
      let words = 0;
      while (words < 350) {
        const sentences: string[] = [];
        for (let k = 0; k < 4; k++) {
          const parts: string[] = [];
          const length = 12 + Math.floor(next() * 14);
          for (let w = 0; w < length; w++) {
            const roll = next();
            if (roll < 0.017) parts.push(`:index[${pick(vocabulary)}]`);
            else if (roll < 0.022) parts.push(pick(glossaryTerms));
            else parts.push(roll < 0.5 ? pick(fillers) : pick(vocabulary));
          }
          sentences.push(`${capitalise(parts.join(' '))}.`);
          words += length;
        }
        lines.push(`${sentences.join(' ')}\n`);
      }
      const target = 1 + Math.floor(next() * sections);
      lines.push(`As discussed in [](#s${target}), and in [](${ids[0]}#s1).\n`);
      total += words;
    }
    writeFileSync(path.join(root, 'manuscript', `${id}.md`), lines.join('\n'));
  }
  writeFileSync(
    path.join(root, 'manuscript', 'glossary.yaml'),
    glossaryTerms
      .map(
        (term) =>
          `- term: ${term}\n  definition: A synthetic definition of ${term}.\n${term.startsWith('International') ? '  abbreviation: ITU\n' : ''}`,
      )
      .join(''),
  );
  const config = [
    'title: Synthetic project',
    'documents:',
    ...ids.flatMap((id) => [
      `  - id: ${id}`,
      `    files: [manuscript/${id}.md]`,
      `    shortTitle: Doc ${id.slice(4)}`,
    ]),
    'glossary: manuscript/glossary.yaml',
    'editions:',
    '  - id: pack',
    `    documents: [${ids.join(', ')}]`,
    '    formats: [html, pdf, epub]',
    '    cover:',
    '      title: Synthetic pack',
    '      marking: OFFICIAL',
    ...Array.from({ length: options.extraEditions ?? 0 }, (_, i) => [
      `  - id: pack-${i + 2}`,
      `    documents: [${ids.join(', ')}]`,
      '    formats: [pdf]',
    ]).flat(),
    '',
  ].join('\n');
  const configPath = path.join(root, 'folio.config.yaml');
  writeFileSync(configPath, config);
  return { root, configPath, words: total };
}

/** Document `d`'s date: the first of month `d` up to the ninth, then a day apart from 1 October. */
function documentDate(d: number): string {
  if (d <= 9) return `2020-0${d}-01`;
  return new Date(Date.UTC(2020, 9, d - 9)).toISOString().slice(0, 10);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
