/**
 * Fidelity of the transcriptions: the words of each built document's body equal the words
 * of its source text with only the listed artifacts removed. The second group proves the
 * check has teeth: a dropped, added or altered word in a copy of the project is caught.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHtmlEdition, makeProject, repoRoot } from '../helpers/build.ts';
import { bodyWords, firstDifference, sourceWords } from '../helpers/fidelity.ts';
import { sources } from './artifacts.ts';

function differences(projectRoot: string): Record<string, string | undefined> {
  const { edition } = buildHtmlEdition(
    path.join(projectRoot, 'folio.config.yaml'),
    'briefing-pack',
  );
  const result: Record<string, string | undefined> = {};
  for (const article of edition.articles) {
    const id = String(article.properties.dataDocument);
    const source = sources[id];
    if (!source) throw new Error(`no source for ${id}`);
    const expected = sourceWords(
      readFileSync(path.join(repoRoot, source.seed), 'utf8'),
      source.artifacts,
    );
    result[id] = firstDifference(expected, bodyWords(article));
  }
  return result;
}

describe('manuscript fidelity', () => {
  it('keeps every word of both sources, in order, and nothing else', () => {
    const result = differences(repoRoot);
    expect(Object.keys(result).sort()).toEqual(['cae-2016', 'mfa-2017']);
    expect(result).toEqual({ 'cae-2016': undefined, 'mfa-2017': undefined });
  });

  const mutations: Array<[string, (text: string) => string]> = [
    ['a dropped word', (t) => t.replace('the fifth domain, after land', 'the fifth domain, land')],
    [
      'an added word',
      (t) => t.replace('the fifth domain, after land', 'the fifth domain, right after land'),
    ],
    [
      'an altered word',
      (t) => t.replace('the fifth domain, after land', 'the fifth domain, before land'),
    ],
  ];
  for (const [name, mutate] of mutations) {
    it(`fails on ${name}`, () => {
      const file = path.join(repoRoot, 'manuscript/cae-2016.md');
      const original = readFileSync(file, 'utf8');
      const mutated = mutate(original);
      expect(mutated).not.toBe(original);
      const copy = makeProject({}, repoRoot);
      writeFileSync(path.join(copy, 'manuscript/cae-2016.md'), mutated);
      const result = differences(copy);
      expect(result['cae-2016']).toMatch(/^word \d+/);
      expect(result['mfa-2017']).toBeUndefined();
    });
  }
});
