/**
 * The generated ids, as published in every edition (links into editions and the print's
 * page map depend on them): each constructor's string, and the predicates and parsers
 * recognising what the constructors make and nothing else.
 */
import { describe, expect, it } from 'vitest';
import {
  anchorId,
  blankPageId,
  blockId,
  documentChapterId,
  documentStartKey,
  documentTitleAnchor,
  glossaryEntryId,
  indexEntryId,
  isNoteId,
  isNoteOrPassageId,
  isPassageId,
  noteOfPassage,
  noteRefId,
  numberedAnchorId,
  pageBreakId,
  passageId,
  termUseKind,
  xrefId,
} from '../../src/model/ids.ts';

describe('generated ids', () => {
  it('keep their published form', () => {
    expect(anchorId('cae-2016', '2.2')).toBe('cae-2016--2.2');
    expect(numberedAnchorId('cae-2016', 'ix', 12)).toBe('cae-2016--ix-12');
    expect(numberedAnchorId('cae-2016', termUseKind('itu'), 3)).toBe('cae-2016--term-itu-3');
    expect(blockId('cae-2016', 12)).toBe('cae-2016--b-12');
    expect(xrefId('cae-2016', 4)).toBe('cae-2016--xref-4');
    expect(documentTitleAnchor('cae-2016')).toBe('cae-2016--title');
    expect(documentStartKey('cae-2016')).toBe('cae-2016--start');
    const note = numberedAnchorId('cae-2016', 'note', 3);
    expect([note, passageId(note), noteRefId(note)]).toEqual([
      'cae-2016--note-3',
      'cae-2016--note-3-passage',
      'cae-2016--note-3-ref',
    ]);
    expect(glossaryEntryId('itu')).toBe('glossary--itu');
    expect(indexEntryId('Cyber Sovereignty')).toBe('index--cyber-sovereignty');
    expect(indexEntryId('—')).toBe('index--entry');
    expect(blankPageId('mfa-2017')).toBe('blank-before-mfa-2017');
    expect(documentChapterId('index')).toBe('document-index');
    expect(pageBreakId('xii')).toBe('page-xii');
    expect(pageBreakId('A 1')).toBe('page-A_1');
  });

  it('are recognised by what made them', () => {
    const note = numberedAnchorId('doc', 'note', 7);
    expect(isNoteId(note)).toBe(true);
    expect(isPassageId(passageId(note))).toBe(true);
    expect(noteOfPassage(passageId(note))).toBe(note);
    for (const id of [note, passageId(note)]) expect(isNoteOrPassageId(id)).toBe(true);
    for (const id of [noteRefId(note), blockId('doc', 7), anchorId('doc', 'note-x-passage')])
      expect(isNoteOrPassageId(id)).toBe(false);
    expect(isNoteId(passageId(note))).toBe(false);
    expect(noteOfPassage(note)).toBeUndefined();
  });
});
