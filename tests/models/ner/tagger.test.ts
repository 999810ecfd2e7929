import { describe, expect, it } from 'vitest';
import { conllTexts } from '../../../src/models/ner/data.js';
import { staticFeatures, shapeOf, taggerLexicon } from '../../../src/models/ner/features.js';
import { loadWordClasses } from '../../../src/models/clusters/word-classes.js';
import { LearnedNerRecognizer } from '../../../src/models/ner/recognizer.js';
import { decode, FrozenWeights } from '../../../src/models/ner/tagger.js';
import { allowedAfter, closesName, NER_TAGS, OUTSIDE, spansOfTags, tagsForSpans } from '../../../src/models/ner/tags.js';
import { scoreTagger, trainTagger } from '../../../src/models/ner/training.js';
import { prepareForTagger } from '../../../src/pipeline/tagger-inputs.js';
import { loadKnowledgeBase } from '../../../src/resources/kb.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';
import { makeDocument, segmented } from '../../helpers/documents.js';

const FIXTURE = 'tests/fixtures/conll/tagger-train.conll';
const tag = (name: string) => NER_TAGS.indexOf(name);

async function prepared() {
  const texts = await conllTexts(FIXTURE);
  await prepareForTagger(
    texts.map((t) => t.doc),
    loadLexicons(),
    loadKnowledgeBase([]),
  );
  return texts;
}

describe('BILOU tags', () => {
  it('encode gold spans on our tokens and decode back to the same spans', () => {
    const doc = segmented('Anya Brull met Dario Penk in Kestova.');
    const spans = [
      { start: 0, end: 10, type: 'PER' as const },
      { start: 15, end: 25, type: 'PER' as const },
      { start: 29, end: 36, type: 'LOC' as const },
    ];
    const tags = tagsForSpans(doc, spans);
    expect([...tags].map((t) => NER_TAGS[t])).toEqual(['B-PER', 'L-PER', 'O', 'B-PER', 'L-PER', 'O', 'U-LOC', 'O']);
    expect(spansOfTags(tags)).toEqual([
      { type: 'PER', first: 0, end: 2 },
      { type: 'PER', first: 3, end: 5 },
      { type: 'LOC', first: 6, end: 7 },
    ]);
  });

  it('an open name may only continue with its own type, and a sentence cannot end inside one', () => {
    expect(allowedAfter(tag('B-ORG')).map((t) => NER_TAGS[t])).toEqual(['I-ORG', 'L-ORG']);
    expect(allowedAfter(tag('L-ORG'))).toContain(OUTSIDE);
    expect(allowedAfter(OUTSIDE)).not.toContain(tag('I-PER'));
    expect(closesName(tag('I-LOC'))).toBe(false);
    expect(closesName(tag('U-LOC'))).toBe(true);
  });

  it('a gold span that crosses a sentence boundary is left out', () => {
    const doc = segmented('It rained. Then it stopped.');
    expect([...tagsForSpans(doc, [{ start: 3, end: 16, type: 'MISC' }])].every((t) => t === OUTSIDE)).toBe(true);
  });
});

describe('tagger features', () => {
  it('shapes collapse long runs', () => {
    expect(shapeOf('McDonald')).toBe('XxXxx');
    expect(shapeOf('1996-08-30')).toBe('dd-dd-dd');
    expect(shapeOf('NATO')).toBe('XX');
  });

  it('read the mentions of the recognizers before the tagger, the line style and the lexicon classes', async () => {
    const doc = makeDocument('HEZBOLLAH FIRES ROCKETS\n\nOfficials in Beirut said Hezbollah fired rockets.');
    await prepareForTagger([doc], loadLexicons(), loadKnowledgeBase([]));
    const features = staticFeatures(doc, taggerLexicon(loadLexicons()));
    const at = (word: string) => features[doc.tokens.findIndex((t) => t.text === word)]!;
    expect(at('HEZBOLLAH')).toContain('line=caps');
    expect(at('Beirut')).toEqual(expect.arrayContaining(['m=LOCATION', 'line=prose']));
    expect(at('Beirut').some((f) => f.startsWith('m=kb:LOCATION'))).toBe(true);
    expect(at('said')).toContain('m=none');
  });

  it('read the learned word classes of the word and of its neighbours', async () => {
    const doc = makeDocument('Officials in Beirut said on Monday.');
    await prepareForTagger([doc], loadLexicons(), loadKnowledgeBase([]));
    const features = staticFeatures(doc, taggerLexicon(loadLexicons()));
    const classes = loadWordClasses().classes;
    const k = doc.tokens.findIndex((t) => t.text === 'said');
    expect(features[k]).toEqual(
      expect.arrayContaining([`k=${classes.get('said')}`, `k-1=${classes.get('Beirut')}`, `k+1=${classes.get('on')}`]),
    );
    expect(features[0]).toContain('k-1=-');
  });
});

describe('training the tagger', () => {
  it('is deterministic and learns its training data', async () => {
    const texts = await prepared();
    const lexicon = taggerLexicon(loadLexicons());
    const first = trainTagger(texts, lexicon, { epochs: 6, seed: 3, prune: 0.001 });
    const second = trainTagger(texts, lexicon, { epochs: 6, seed: 3, prune: 0.001 });
    expect(first.serialize({}).equals(second.serialize({}))).toBe(true);
    expect(scoreTagger(first, texts, lexicon).f1).toBeGreaterThan(0.9);
    const untrained = trainTagger(texts, lexicon, { epochs: 0, seed: 3, prune: 0.001 });
    expect(scoreTagger(untrained, texts, lexicon).f1).toBe(0);
  });

  it('round-trips through the model file with the same tags', async () => {
    const texts = await prepared();
    const lexicon = taggerLexicon(loadLexicons());
    const weights = trainTagger(texts, lexicon, { epochs: 4, seed: 1, prune: 0.001 });
    const { weights: loaded, header } = FrozenWeights.deserialize(weights.serialize({ trainedOn: 'fixture' }));
    expect(header.trainedOn).toBe('fixture');
    for (const { doc } of texts) {
      const rows = (w: FrozenWeights) => staticFeatures(doc, lexicon).map((fs) => w.rowsOf(fs));
      expect([...decode(doc, rows(loaded), loaded).tags]).toEqual([...decode(doc, rows(weights), weights).tags]);
    }
  });

  it('a file that is not a tagger model is refused', () => {
    expect(() => FrozenWeights.deserialize(Buffer.from('not gzip'))).toThrow();
  });
});

describe('the embedded tagger as a recognizer', () => {
  it('reports names with a confidence and the words it read as no name', async () => {
    const tagger = LearnedNerRecognizer.load('src/resources/models/ner.model.gz', loadLexicons());
    const doc = makeDocument('Oruba Tesfanet, a spokeswoman for the Kelvane Water Authority, spoke in Nairobi on Tuesday.');
    await prepareForTagger([doc], loadLexicons(), loadKnowledgeBase([]));
    const { candidates, outside } = tagger.recognizeOne(doc);
    const found = candidates.map((c) => [doc.text.slice(c.start, c.end), c.type]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['Oruba Tesfanet', 'PERSON'],
        ['Kelvane Water Authority', 'ORGANIZATION'],
        ['Nairobi', 'LOCATION'],
      ]),
    );
    for (const c of candidates) expect(c.provenance).toMatchObject({ source: 'model', model: 'ner-perceptron' });
    expect(outside.find((o) => doc.text.slice(o.start, o.end) === 'spokeswoman')!.score).toBeGreaterThan(0.5);
  });
});
