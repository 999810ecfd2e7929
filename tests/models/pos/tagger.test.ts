import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compromiseTags } from '../../../src/models/compromise/parse.js';
import { AveragedPerceptron } from '../../../src/models/learned/perceptron.js';
import { wordForm } from '../../../src/models/pos/features.js';
import { loadPosModelFile, serializePosModel } from '../../../src/models/pos/model-file.js';
import { compromiseNames, partOfSpeech, partOfSpeechResource, perceptronTags } from '../../../src/models/pos/tag-lookup.js';
import { PosTagger } from '../../../src/models/pos/tagger.js';
import { readConllPos, tokenAccuracy, trainPosTagger, type TaggedSentence } from '../../../src/models/pos/training.js';
import { segmented } from '../../helpers/documents.js';

/** The tags of the token that starts with `word` (its first occurrence). */
function tagsAt(text: string, word: string): ReadonlySet<string> | undefined {
  const doc = segmented(text);
  const token = doc.tokens.find((t) => t.text === word)!;
  return perceptronTags(doc).get(token.start);
}

/** A few made-up sentences, tagged by hand: enough for a tiny tagger to learn a noun/verb ambiguity. */
const TINY: TaggedSentence[] = [
  { texts: ['The', 'reports', 'arrived', '.'], tags: ['DT', 'NNS', 'VBD', '.'] },
  { texts: ['She', 'reports', 'news', '.'], tags: ['PRP', 'VBZ', 'NN', '.'] },
  { texts: ['He', 'said', 'the', 'plans', 'failed', '.'], tags: ['PRP', 'VBD', 'DT', 'NNS', 'VBD', '.'] },
  { texts: ['The', 'plans', 'would', 'work', '.'], tags: ['DT', 'NNS', 'MD', 'VB', '.'] },
  { texts: ['They', 'plans', 'nothing', '.'], tags: ['PRP', 'VBZ', 'NN', '.'] },
];

describe('the embedded POS tagger', () => {
  it('tags "said" after a subject as a past-tense verb', () => {
    const tags = tagsAt('The minister said the ceasefire would hold.', 'said');
    expect(tags?.has('Verb')).toBe(true);
    expect(tags?.has('PastTense')).toBe(true);
    expect(tags?.has('Noun')).toBe(false);
  });

  it('tells the noun "reports" from the verb', () => {
    const noun = tagsAt('The reports from the border town were grim.', 'reports');
    const verb = tagsAt('She reports from the border town every week.', 'reports');
    expect(noun?.has('Noun')).toBe(true);
    expect(noun?.has('Verb')).toBe(false);
    expect(verb?.has('Verb')).toBe(true);
    expect(verb?.has('Noun')).toBe(false);
  });

  it('names modals and auxiliaries as compromise does', () => {
    expect([...(tagsAt('The council could reject the motion.', 'could') ?? [])].sort()).toEqual(['Auxiliary', 'Modal', 'Verb']);
    expect(tagsAt('The army has not yet responded to the offer.', 'has')?.has('Auxiliary')).toBe(true);
    expect(tagsAt('The army has three brigades near the river.', 'has')?.has('Auxiliary')).toBe(false);
    expect(tagsAt("The envoy didn't comment on the talks.", "didn't")?.has('Auxiliary')).toBe(true);
  });

  it('answers only at token starts', () => {
    const doc = segmented('The minister said the ceasefire would hold.');
    const lookup = perceptronTags(doc);
    const said = doc.tokens.find((t) => t.text === 'said')!;
    expect(lookup.get(said.start)).toBeDefined();
    expect(lookup.get(said.start + 1)).toBeUndefined();
    expect(lookup.get(said.end)).toBeUndefined();
    expect(lookup.get(doc.text.length + 5)).toBeUndefined();
    expect(perceptronTags(doc)).toBe(lookup);
  });

  it('stands in for compromise in the statement rules when STANCEMAP_POS is "perceptron"', () => {
    const doc = segmented('Rebels said they would fight on.');
    expect(partOfSpeech(doc)).toBe(compromiseTags(doc));
    expect(partOfSpeechResource()).toEqual({ 'part-of-speech': 'compromise' });
    process.env.STANCEMAP_POS = 'perceptron';
    try {
      expect(partOfSpeech(doc)).toBe(perceptronTags(doc));
      expect(Object.keys(partOfSpeechResource())).toEqual(['pos.model.gz']);
    } finally {
      delete process.env.STANCEMAP_POS;
    }
  });

  it('reads a hyphenated compound as the one word it learned, whatever the parts would be alone', () => {
    const doc = segmented('A 12-state survey found little change.');
    const lookup = perceptronTags(doc);
    const [twelve, hyphen, state] = doc.tokens.slice(1, 4).map((t) => lookup.get(t.start));
    expect(state?.has('Noun')).toBe(false);
    expect(hyphen).toBe(state);
    expect(twelve).toBe(state);
  });
});

describe('training', () => {
  afterEach(() => {
    delete process.env.STANCEMAP_POS;
  });

  it('is deterministic: the same data and seed give the same weights', () => {
    const a = trainPosTagger(TINY, { epochs: 5, seed: 7 }).toJSON(0);
    const b = trainPosTagger(TINY, { epochs: 5, seed: 7 }).toJSON(0);
    expect(Object.keys(a.weights).length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('learns its training sentences, and the model file reads back to the same tagger', () => {
    const model = trainPosTagger(TINY, { epochs: 10, seed: 1 });
    expect(tokenAccuracy(new PosTagger(model), TINY).accuracy).toBe(1);
    const path = join(mkdtempSync(join(tmpdir(), 'pos-')), 'tiny.model.gz');
    writeFileSync(path, serializePosModel(model, { trainedOn: 'tiny' }, 0.001));
    const loaded = new PosTagger(AveragedPerceptron.fromData(loadPosModelFile(path).data));
    expect(TINY.map((s) => loaded.tag(s.texts))).toEqual(TINY.map((s) => s.tags));
  });

  it('reads CoNLL files with clitics joined to the word before, as our tokenizer keeps them', () => {
    const conll = [
      '-DOCSTART- -X- -X- O',
      '',
      'Talks NNS B-NP O',
      'did VBD B-VP O',
      "n't RB I-VP O",
      'end VB I-VP O',
      '',
      'Yes UH B-INTJ O',
      '',
    ].join('\n');
    expect(readConllPos(conll)).toEqual([
      { texts: ['Talks', "didn't", 'end'], tags: ['NNS', 'VBD', 'VB'] },
      { texts: ['Yes'], tags: ['UH'] },
    ]);
  });

  it('reads a contraction as its Penn head, and curly quotes as straight ones', () => {
    expect(wordForm("Can't")).toEqual({ word: 'ca', contraction: "n't" });
    expect(wordForm('won’t')).toEqual({ word: 'wo', contraction: "n't" });
    expect(wordForm('“')).toEqual({ word: '"' });
  });

  it('maps "not" to Negative rather than Adverb, and a be-form before a verb to Auxiliary', () => {
    const names = compromiseNames(['talks', 'were', 'not', 'held'], ['NNS', 'VBD', 'RB', 'VBN']);
    expect([...names[1]!].sort()).toEqual(['Auxiliary', 'Copula', 'PastTense', 'Verb']);
    expect([...names[2]!]).toEqual(['Negative']);
  });
});
