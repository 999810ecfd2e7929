import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_POLICIES } from '../../src/models/policies.js';
import { DEFAULT_ATTRIBUTION_POLICY, DEFAULT_RECOGNIZERS, NAMED_RECOGNIZERS } from '../../src/pipeline/choices.js';
import { RECOGNIZERS } from '../../src/pipeline/components.js';
import { DEFAULT_ENTITY_RECOGNIZERS, ENTITY_RECOGNIZERS, recognizerNames } from '../../src/pipeline/default.js';
import {
  attributionModelFile,
  EMBEDDED_NER_MODEL,
  partOfSpeechModelFile,
  taggerModelFile,
  type ModelFileOptions,
} from '../../src/pipeline/model-files.js';
import { partOfSpeechResource } from '../../src/models/pos/tag-lookup.js';

describe('the choices the command line offers before any model loads', () => {
  it('name exactly the registered recognizers, in order of trust, and the same defaults', () => {
    expect(NAMED_RECOGNIZERS).toEqual(ENTITY_RECOGNIZERS);
    expect(DEFAULT_RECOGNIZERS).toEqual(DEFAULT_ENTITY_RECOGNIZERS);
    for (const name of NAMED_RECOGNIZERS) expect(RECOGNIZERS.get(name).fromOptions).toBeFalsy();
  });

  it('default to an attribution policy that exists', () => {
    expect(ATTRIBUTION_POLICIES).toContain(DEFAULT_ATTRIBUTION_POLICY);
  });

  it('load in the main thread exactly the model files the pipeline in a worker reads', () => {
    const combinations: ModelFileOptions[] = [
      {},
      { entityRecognizers: ['kb', 'rules'] },
      { entityRecognizers: ['tagger'], taggerModel: '/models/other.gz' },
      { nerPolicy: 'model-only', nerModelSpec: 'some/model' },
      { nerPolicy: 'model-only' },
      { nerPolicy: 'union', nerModelSpec: 'some/model' },
      { attributionPolicy: 'rules' },
      { attributionPolicy: 'model', attributionModel: '/models/attribution.json' },
    ];
    for (const options of combinations) {
      const runsTagger = recognizerNames(options, options.nerModelSpec !== undefined).includes('tagger');
      expect(taggerModelFile(options)).toBe(runsTagger ? (options.taggerModel ?? EMBEDDED_NER_MODEL) : null);
      const usesAttribution = (options.attributionPolicy ?? DEFAULT_ATTRIBUTION_POLICY) !== 'rules';
      expect(attributionModelFile(options) !== null).toBe(usesAttribution);
    }
  });

  it('load our part-of-speech model exactly when the statement rules read its tags', () => {
    const readsModel = () => 'pos.model.gz' in partOfSpeechResource();
    expect(partOfSpeechModelFile() !== null).toBe(readsModel());
    process.env.STANCEMAP_POS = 'perceptron';
    try {
      expect(partOfSpeechModelFile() !== null).toBe(readsModel());
      expect(partOfSpeechModelFile()).not.toBeNull();
    } finally {
      delete process.env.STANCEMAP_POS;
    }
  });
});
