/**
 * A W3C Web Annotation file may hold one annotation, a list, or a collection; a problem
 * in any of them is reported at its own line, not at the start of the file.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readWebAnnotations } from '../../src/annotations/web-annotations.ts';

const noQuote = (indent: string) =>
  [
    `${indent}"@context": "http://www.w3.org/ns/anno.jsonld",`,
    `${indent}"type": "Annotation",`,
    `${indent}"created": "2026-11-22",`,
    `${indent}"creator": "An editor",`,
    `${indent}"body": { "type": "TextualBody", "value": "A note" },`,
    `${indent}"target": { "source": "doc" }`,
  ].join('\n');

function lineOfProblem(text: string): number | undefined {
  const file = new VFile({ path: 'annotations.jsonld', value: text });
  readWebAnnotations(file, [{ id: 'doc', files: ['doc.md'] }] as never);
  const message = file.messages.find((m) => m.fatal);
  expect(message?.reason).toMatch(/TextQuoteSelector/);
  return message?.line;
}

describe('places of problems in Web Annotations', () => {
  it('in a single annotation, at its target', () => {
    expect(lineOfProblem(`{\n${noQuote('  ')}\n}`)).toBe(7);
  });

  it('in a list, at the target of the annotation in question', () => {
    expect(lineOfProblem(`[\n  {\n${noQuote('    ')}\n  }\n]`)).toBe(8);
  });
});
