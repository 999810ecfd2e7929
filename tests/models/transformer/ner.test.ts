import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/types.js';
import { TransformerNerRecognizer } from '../../../src/models/transformer/ner.js';
import { segmented } from '../../helpers/documents.js';
import { tempFolder, tinyNerModel } from '../../helpers/tiny-models.js';

async function found(recognizer: TransformerNerRecognizer, doc: Document): Promise<string[]> {
  const [candidates] = await recognizer.recognize([doc]);
  return candidates!.map((c) => {
    expect(c.provenance.source).toBe('model');
    return `${c.type}:${doc.text.slice(c.start, c.end)}@${c.start}`;
  });
}

const at = (doc: Document, name: string, from = 0) => doc.text.indexOf(name, from);

describe('TransformerNerRecognizer with the tiny token-classification model', () => {
  let recognizer: TransformerNerRecognizer;
  beforeAll(async () => {
    recognizer = await TransformerNerRecognizer.load(tinyNerModel(), { offline: true });
  });

  it('finds names at their exact character offsets, whole words from their pieces', async () => {
    const doc = segmented('Reporters in Beirut said Hassan Nasrallah spoke for Hezbollah’s council while Hamas waited.');
    expect(await found(recognizer, doc)).toEqual([
      `LOCATION:Beirut@${at(doc, 'Beirut')}`,
      `PERSON:Hassan Nasrallah@${at(doc, 'Hassan')}`,
      `ORGANIZATION:Hezbollah@${at(doc, 'Hezbollah')}`,
      `ORGANIZATION:Hamas@${at(doc, 'Hamas')}`,
    ]);
  });

  it('keeps offsets exact after accents, emoji and astral characters', async () => {
    const doc = segmented('Café 😀 𝐁𝐨𝐥𝐝 crowds in the Gaza Strip cheered Hamas.');
    expect(await found(recognizer, doc)).toEqual([`LOCATION:Gaza Strip@${at(doc, 'Gaza')}`, `ORGANIZATION:Hamas@${at(doc, 'Hamas')}`]);
  });

  it('leaves out label types mapped to nothing (MISC)', async () => {
    const doc = segmented('Viewers in Beirut watched Eurovision.');
    expect(await found(recognizer, doc)).toEqual([`LOCATION:Beirut@${at(doc, 'Beirut')}`]);
  });

  it('drops a name that would run across a sentence boundary', async () => {
    const doc = segmented('The crowd chanted for Hassan\n\nNasrallah then spoke in Beirut.');
    expect(doc.sentences.length).toBe(2);
    expect(await found(recognizer, doc)).toEqual([`LOCATION:Beirut@${at(doc, 'Beirut')}`]);
  });

  it('finds nothing in share lines and footnotes', async () => {
    const doc = segmented('Hamas spoke in Beirut.\n\nRelated stories: Hamas in Gaza', 'md');
    expect(doc.zones.map((z) => z.kind)).toContain('boilerplate');
    expect(await found(recognizer, doc)).toEqual([`ORGANIZATION:Hamas@0`, `LOCATION:Beirut@${at(doc, 'Beirut')}`]);
  });

  it('reports its label table and the model in its info', () => {
    expect(recognizer.unmappedTypes).toEqual([]);
    expect(recognizer.info).toMatchObject({ name: 'ner:tiny-ner', version: 'local', kind: 'transformer' });
    expect(Object.keys(recognizer.info.resources!)).toEqual(
      expect.arrayContaining(['onnx/model.onnx', 'config.json', 'tokenizer.json', 'labels']),
    );
  });
});

describe('long texts in overlapping windows', () => {
  // 16 tokens a window, 14 without [CLS]/[SEP]; the model is blind to the first 3 tokens of every window.
  const blind = { maxLength: 16, blindPrefix: 3 };
  const filler = 'and then some more words were said';
  // Not at the very start: the first window has no neighbour to cover its blind tokens.
  const text =
    'At first they said that' +
    Array.from(
      { length: 12 },
      (_, i) =>
        `${filler
          .split(' ')
          .slice(0, i % 7)
          .join(' ')} Hassan Nasrallah met Hamas in Beirut`,
    ).join(', ') +
    '.';
  const expected = (doc: Document): string[] => {
    const out: string[] = [];
    for (let i = doc.text.indexOf('Hassan'); i >= 0; i = doc.text.indexOf('Hassan', i + 1)) {
      out.push(
        `PERSON:Hassan Nasrallah@${i}`,
        `ORGANIZATION:Hamas@${doc.text.indexOf('Hamas', i)}`,
        `LOCATION:Beirut@${doc.text.indexOf('Beirut', i)}`,
      );
    }
    return out;
  };

  it('stitches windows so that every name is found once, whole, wherever windows cut', async () => {
    const recognizer = await TransformerNerRecognizer.load(tinyNerModel(blind), { offline: true, overlap: 6 });
    expect(recognizer.windowing).toEqual({ capacity: 14, overlap: 6 });
    const doc = segmented(text);
    expect(await found(recognizer, doc)).toEqual(expected(doc));
  });

  it('loses names at window starts without overlap: the stitching is what finds them', async () => {
    const recognizer = await TransformerNerRecognizer.load(tinyNerModel(blind), { offline: true, overlap: 0 });
    const doc = segmented(text);
    const names = await found(recognizer, doc);
    expect(names.length).toBeLessThan(expected(doc).length);
  });

  it('gives the same answer whatever the batch size', async () => {
    const model = tinyNerModel(blind);
    const one = await TransformerNerRecognizer.load(model, { offline: true, batchSize: 1 });
    const many = await TransformerNerRecognizer.load(model, { offline: true, batchSize: 7 });
    const docs = [segmented(text), segmented('Hamas in Beirut.'), segmented(text.slice(0, 200))];
    expect(await many.recognize(docs)).toEqual(await one.recognize(docs));
  });
});

describe('label mapping', () => {
  it('maps other label schemes through the table, extra files included, and reports unknown types', async () => {
    const model = tinyNerModel({
      labels: ['O', 'S-PERSON', 'B-MILITIA', 'E-MILITIA', 'U-GPE', 'B-WEAPON'],
      pieces: { hassan: 'S-PERSON', hez: 'B-MILITIA', '##bollah': 'B-MILITIA', hamas: 'B-WEAPON', council: 'E-MILITIA', beirut: 'U-GPE' },
    });
    const labels = join(tempFolder(), 'militia.json');
    writeFileSync(labels, JSON.stringify({ types: { MILITIA: 'ORGANIZATION' } }));
    const recognizer = await TransformerNerRecognizer.load(model, { offline: true, labelFiles: [labels] });
    expect(recognizer.unmappedTypes).toEqual(['WEAPON']);
    const doc = segmented('Hassan spoke to the Hezbollah council in Beirut about Hamas.');
    expect(await found(recognizer, doc)).toEqual([
      `PERSON:Hassan@0`,
      `ORGANIZATION:Hezbollah council@${at(doc, 'Hezbollah')}`,
      `LOCATION:Beirut@${at(doc, 'Beirut')}`,
    ]);
  });
});
