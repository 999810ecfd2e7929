import { describe, expect, it } from 'vitest';
import type { Document, EntityType, Mention } from '../../../src/document/types.js';
import { NameEchoRecognizer } from '../../../src/models/rules/echo.js';
import { spanOf } from '../../helpers/articles.js';
import { segmented } from '../../helpers/documents.js';

const recognizer = new NameEchoRecognizer();

/** A segmented document whose accepted mentions are the given (needle, type) pairs, first occurrences. */
function withMentions(text: string, mentions: Array<[string, EntityType]>): Document {
  const doc = segmented(text);
  doc.mentions = mentions.map(([needle, type]): Mention => ({
    ...spanOf(text, needle),
    text: needle,
    type,
    sentence: 0,
    provenance: { source: 'rule', model: 'name-rules', score: 0.8 },
  }));
  return doc;
}

/** Each echo as [its text, its offset, the text of the full name it repeats]. */
function echoes(doc: Document): Array<[string, number, string]> {
  return recognizer
    .recognizeOne(doc)
    .map((c) => [doc.text.slice(c.start, c.end), c.start, doc.text.slice(c.aliasOf!.start, c.aliasOf!.end)]);
}

describe('NameEchoRecognizer', () => {
  it("finds a bare surname that repeats a person's full name, as a PERSON aliasing that name", () => {
    const text = 'Oruba Tesfanet runs the Kelvane Water Authority. Tesfanet said the dam would hold.';
    const doc = withMentions(text, [
      ['Oruba Tesfanet', 'PERSON'],
      ['Kelvane Water Authority', 'ORGANIZATION'],
    ]);
    const found = recognizer.recognizeOne(doc);
    // The surname inside the full name is found too; merging drops it, since it overlaps the full name.
    expect(found).toEqual([
      {
        start: 6,
        end: 14,
        type: 'PERSON',
        aliasOf: { start: 0, end: 14 },
        provenance: { source: 'echo', model: 'name-echo', rule: 'surname', score: 0.7 },
      },
      {
        start: 49,
        end: 57,
        type: 'PERSON',
        aliasOf: { start: 0, end: 14 },
        provenance: { source: 'echo', model: 'name-echo', rule: 'surname', score: 0.7 },
      },
    ]);
  });

  it('matches a surname with or without its article, whichever the full name used', () => {
    const text = 'Idris al-Marenko met Sefu el-Daranel. Marenko spoke first, then al-Daranel, then el-Marenko again.';
    const doc = withMentions(text, [
      ['Idris al-Marenko', 'PERSON'],
      ['Sefu el-Daranel', 'PERSON'],
    ]);
    expect(echoes(doc).filter(([, offset]) => offset > text.indexOf('.'))).toEqual([
      ['Marenko', 38, 'Idris al-Marenko'],
      ['al-Daranel', 64, 'Sefu el-Daranel'],
      ['el-Marenko', 81, 'Idris al-Marenko'],
    ]);
  });

  it('echoes the first full name that has the surname', () => {
    const text = 'Oruba Tesfanet and Amani Tesfanet arrived. Tesfanet spoke.';
    const doc = withMentions(text, [
      ['Oruba Tesfanet', 'PERSON'],
      ['Amani Tesfanet', 'PERSON'],
    ]);
    expect(echoes(doc).at(-1)).toEqual(['Tesfanet', 43, 'Oruba Tesfanet']);
  });

  it('ignores one-word names, names of organizations and places, and surnames under three letters', () => {
    const text = 'Tesfanet of the Kelvane Water Authority met Sefu Li in Port Halvey. Tesfanet, Authority, Halvey and Li left.';
    const doc = withMentions(text, [
      ['Tesfanet', 'PERSON'],
      ['Kelvane Water Authority', 'ORGANIZATION'],
      ['Sefu Li', 'PERSON'],
      ['Port Halvey', 'LOCATION'],
    ]);
    expect(echoes(doc)).toEqual([]);
  });

  it('ignores a full name that ends in a particle', () => {
    const doc = withMentions('Oruba van met the board. Van spoke.', [['Oruba van', 'PERSON']]);
    expect(echoes(doc)).toEqual([]);
  });

  it('ignores the surname written in lower case', () => {
    const doc = withMentions('Oruba Tesfanet spoke. The tesfanet method failed.', [['Oruba Tesfanet', 'PERSON']]);
    expect(echoes(doc).map(([, offset]) => offset)).toEqual([6]);
  });

  it('finds nothing in boilerplate or footnote zones', () => {
    const text = 'Oruba Tesfanet spoke.\n\nShare this story by Tesfanet\n\n[1] Tesfanet, Dams of Kelvane.';
    const doc = withMentions(text, [['Oruba Tesfanet', 'PERSON']]);
    // The zone stage (run by segmented()) already finds the footnote; zones are set by hand here.
    doc.zones = [];
    expect(echoes(doc).map(([, offset]) => offset)).toEqual([6, 43, 57]);
    doc.zones = [
      { kind: 'boilerplate', ...spanOf(text, 'Share this story by Tesfanet') },
      { kind: 'footnotes', ...spanOf(text, '[1] Tesfanet, Dams of Kelvane.') },
    ];
    expect(echoes(doc).map(([, offset]) => offset)).toEqual([6]);
  });

  it('recognizes a batch of documents one list each, in order', async () => {
    const one = withMentions('Oruba Tesfanet spoke. Tesfanet left.', [['Oruba Tesfanet', 'PERSON']]);
    const none = withMentions('Tesfanet left.', []);
    const lists = await recognizer.recognize([one, none]);
    expect(lists.map((list) => list.map((c) => c.start))).toEqual([[6, 22], []]);
  });
});
