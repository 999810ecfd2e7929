import { beforeAll, describe, expect, it } from 'vitest';
import type { Document, EntityType, Provenance } from '../../../src/document/types.js';
import { OVERRIDE, overrideWithSure, type NerPolicy } from '../../../src/models/ensemble.js';
import { TransformerNerRecognizer } from '../../../src/models/transformer/ner.js';
import type { EntityRecognizer, MentionCandidate } from '../../../src/models/types.js';
import { EntityStage } from '../../../src/pipeline/stages/entities.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';
import { TINY_NER_SPEC } from '../../../tools/tiny-models/tiny-specs.js';
import { segmented } from '../../helpers/documents.js';
import { tinyNerModel } from '../../helpers/tiny-models.js';

const TEXT = 'Hezbollah fighters reached Beirut at Dawn, and Hamas waited.';

/** A recognizer that finds fixed words with a fixed provenance, standing in for the knowledge base, a rule and compromise. */
function stub(name: string, found: Array<[string, EntityType]>, provenance: Omit<Provenance, 'model'>, kbId?: string): EntityRecognizer {
  return {
    info: { name, version: '1', kind: 'rules' },
    recognize: async (docs: readonly Document[]) =>
      docs.map((doc) =>
        found.map(([word, type]): MentionCandidate => {
          const start = doc.text.indexOf(word);
          return { start, end: start + word.length, type, provenance: { ...provenance, model: name }, ...(kbId ? { kbId } : {}) };
        }),
      ),
  };
}

const kb = stub('kb', [['Hezbollah', 'ORGANIZATION']], { source: 'kb', score: 0.95 }, 'hezbollah');
const rule = stub('rule', [['Hamas', 'PERSON']], { source: 'rule', score: 0.75 });
const compromise = stub('compromise', [['Dawn', 'PERSON']], { source: 'compromise', score: 0.5 });

describe('the entity stage combining a transformer with the knowledge base and rules', () => {
  let model: TransformerNerRecognizer;
  beforeAll(async () => {
    // This model thinks Hezbollah is a place: the knowledge base must win.
    model = await TransformerNerRecognizer.load(tinyNerModel({ pieces: { ...TINY_NER_SPEC.pieces, hez: 'B-LOC', '##bollah': 'I-LOC' } }), {
      offline: true,
    });
  });

  async function mentions(policy: NerPolicy, recognizers: EntityRecognizer[]) {
    const doc = segmented(TEXT);
    await new EntityStage(recognizers, loadLexicons(), policy).run([doc]);
    return doc.mentions.map((m) => `${m.text}:${m.type}:${m.provenance.source}${m.kbId ? `:${m.kbId}` : ''}`);
  }

  it('union: the model adds what the others miss, keeps known actors with their ids, retypes a rule hit it is sure of, and vetoes a weak guess it reads as no name', async () => {
    expect(await mentions('union', [kb, rule, model, compromise])).toEqual([
      'Hezbollah:ORGANIZATION:kb:hezbollah',
      'Beirut:LOCATION:model',
      'Hamas:ORGANIZATION:model',
    ]);
  });

  it('kb-first: the model only fills gaps and vetoes nothing', async () => {
    expect(await mentions('kb-first', [kb, rule, model, compromise])).toEqual([
      'Hezbollah:ORGANIZATION:kb:hezbollah',
      'Beirut:LOCATION:model',
      'Dawn:PERSON:compromise',
      'Hamas:PERSON:rule',
    ]);
  });

  it('model-only: the model alone', async () => {
    expect(await mentions('model-only', [model])).toEqual([
      'Hezbollah:LOCATION:model',
      'Beirut:LOCATION:model',
      'Hamas:ORGANIZATION:model',
    ]);
  });

  it('never vetoes a hit the model itself overlaps, or a trusted one', async () => {
    const trusted = stub('rule', [['Dawn', 'PERSON']], { source: 'rule', score: 0.75 });
    expect(await mentions('union', [kb, trusted, model])).toContain('Dawn:PERSON:rule');
  });

  it('union lets a longer model name replace a rule hit inside it; kb-first keeps the rule hit', async () => {
    const surname = stub('rule', [['Nasrallah', 'PERSON']], { source: 'rule', score: 0.75 });
    const run = async (policy: NerPolicy) => {
      const doc = segmented('Crowds cheered Hassan Nasrallah in Beirut.');
      await new EntityStage([surname, model], loadLexicons(), policy).run([doc]);
      return doc.mentions.map((m) => `${m.text}:${m.provenance.source}`);
    };
    expect(await run('union')).toEqual(['Hassan Nasrallah:model', 'Beirut:model']);
    expect(await run('kb-first')).toEqual(['Nasrallah:rule', 'Beirut:model']);
  });

  it('records the policy with the model, so changing it changes the fingerprint', () => {
    const stage = new EntityStage([kb, model], loadLexicons(), 'kb-first');
    expect(stage.models[1]!.resources).toMatchObject({ policy: 'kb-first' });
  });
});

describe('union: where the model is sure, its names replace what they overlap', () => {
  const provenance = (source: Provenance['source'], score: number): Provenance => ({ source, model: source, score });
  const TEXT2 = 'Leeds beat Chelsea as Air France staff watched in Gaza.';

  function docWith(mentions: Array<[string, EntityType, Provenance['source'], string?]>) {
    const doc = segmented(TEXT2);
    doc.mentions = mentions.map(([word, type, source, kbId]) => {
      const start = TEXT2.indexOf(word);
      return {
        start,
        end: start + word.length,
        text: word,
        type,
        sentence: 0,
        provenance: provenance(source, 0.95),
        ...(kbId ? { kbId } : {}),
      };
    });
    return doc;
  }
  const candidate = (word: string, type: EntityType, score: number): MentionCandidate => {
    const start = TEXT2.indexOf(word);
    return { start, end: start + word.length, type, provenance: provenance('model', score) };
  };
  const sure = OVERRIDE.scoreFrom + 0.05;
  const unsure = OVERRIDE.scoreFrom - 0.05;

  it('retypes a known place the model reads, surely, as an organization (a club named by its city), dropping the place id', () => {
    const doc = docWith([['Leeds', 'LOCATION', 'kb', 'leeds']]);
    const left = overrideWithSure(doc, [candidate('Leeds', 'ORGANIZATION', sure)]);
    expect(doc.mentions).toEqual([]);
    expect(left.map((c) => [c.type, c.kbId])).toEqual([['ORGANIZATION', undefined]]);
  });

  it('an unsure reading leaves the mention alone', () => {
    const doc = docWith([['Leeds', 'LOCATION', 'kb', 'leeds']]);
    overrideWithSure(doc, [candidate('Leeds', 'ORGANIZATION', unsure)]);
    expect(doc.mentions.map((m) => m.kbId)).toEqual(['leeds']);
  });

  it('widens a known place into the longer name around it', () => {
    const doc = docWith([['France', 'LOCATION', 'kb', 'france']]);
    const left = overrideWithSure(doc, [candidate('Air France', 'ORGANIZATION', sure)]);
    expect(doc.mentions).toEqual([]);
    expect(left.map((c) => TEXT2.slice(c.start, c.end))).toEqual(['Air France']);
  });

  it('never cuts a knowledge-base name', () => {
    const doc = docWith([['Air France', 'ORGANIZATION', 'kb', 'air-france']]);
    overrideWithSure(doc, [candidate('France', 'LOCATION', sure)]);
    expect(doc.mentions.map((m) => m.kbId)).toEqual(['air-france']);
  });

  it('never retypes a person or organization the knowledge base knows, and agrees without replacing', () => {
    const doc = docWith([
      ['Chelsea', 'ORGANIZATION', 'kb', 'chelsea-fc'],
      ['Gaza', 'LOCATION', 'kb', 'gaza'],
    ]);
    overrideWithSure(doc, [candidate('Chelsea', 'PERSON', sure), candidate('Gaza', 'LOCATION', sure)]);
    expect(doc.mentions.map((m) => `${m.text}:${m.type}:${m.kbId}`)).toEqual(['Chelsea:ORGANIZATION:chelsea-fc', 'Gaza:LOCATION:gaza']);
  });

  it('never makes a person of an organization a rule typed by its head word, but may read it as a place', () => {
    const headTyped = () => {
      const doc = docWith([['Air France', 'ORGANIZATION', 'rule']]);
      doc.mentions[0]!.provenance = { source: 'rule', model: 'name-rules', rule: 'org-head', score: 0.8 };
      return doc;
    };
    const asPerson = headTyped();
    overrideWithSure(asPerson, [candidate('Air France', 'PERSON', sure)]);
    expect(asPerson.mentions.map((m) => `${m.text}:${m.type}`)).toEqual(['Air France:ORGANIZATION']);
    const asPlace = headTyped();
    const left = overrideWithSure(asPlace, [candidate('Air France', 'LOCATION', sure)]);
    expect(asPlace.mentions).toEqual([]);
    expect(left.map((c) => c.type)).toEqual(['LOCATION']);
  });
});

describe('alias links', () => {
  it("are kept only where a mention of the candidate's span and type stands", async () => {
    const text = 'Abdulmalik al-Houthi addressed the Houthis.';
    const at = (word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
    const person: EntityRecognizer = {
      info: { name: 'kb', version: '1', kind: 'kb' },
      recognize: async () => [
        [
          {
            ...at('Abdulmalik al-Houthi'),
            type: 'PERSON',
            kbId: 'abdulmalik-al-houthi',
            provenance: { source: 'kb', model: 'kb', score: 0.95 },
          },
        ],
      ],
    };
    // A rule reads the name as another name of the Houthis; the knowledge base's person holds that span, so it is rejected.
    const alias: EntityRecognizer = {
      info: { name: 'acronyms', version: '1', kind: 'rules' },
      recognize: async () => [
        [
          {
            ...at('Abdulmalik al-Houthi'),
            type: 'ORGANIZATION',
            aliasOf: at('Houthis'),
            provenance: { source: 'acronym', model: 'acronyms', score: 0.9 },
          },
        ],
      ],
    };
    const doc = segmented(text);
    await new EntityStage([person, alias], loadLexicons()).run([doc]);
    expect(doc.mentions.map((m) => m.text)).toEqual(['Abdulmalik al-Houthi']);
    expect(doc.aliasLinks).toEqual([]);
  });
});
