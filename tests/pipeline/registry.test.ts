import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/types.js';
import type { EntityRecognizer, MentionCandidate } from '../../src/models/types.js';
import { RECOGNIZERS } from '../../src/pipeline/components.js';
import { DEFAULT_ENTITY_RECOGNIZERS, ENTITY_RECOGNIZERS, buildDefaultPipeline } from '../../src/pipeline/default.js';
import { Registry } from '../../src/pipeline/registry.js';
import { makeDocument } from '../helpers/documents.js';

const entityModels = (names: readonly string[] | undefined, extra: Parameters<typeof buildDefaultPipeline>[0] = {}) =>
  buildDefaultPipeline({ ...(names ? { entityRecognizers: names } : {}), ...extra })
    .pipeline.stages.find((s) => s.name === 'entities')!
    .models!.map((m) => m.name);

/** A recognizer written for this test: every all-capital word of four letters or more is an organization. */
class ShoutedNames implements EntityRecognizer {
  readonly info = { name: 'shouted-names', version: '1', kind: 'rules' as const };
  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return docs.map((doc) =>
      doc.tokens
        .filter((t) => /^[A-Z]{4,}$/.test(t.text))
        .map((t) => ({
          start: t.start,
          end: t.end,
          type: 'ORGANIZATION' as const,
          provenance: { source: 'rule' as const, model: this.info.name, score: 0.6 },
        })),
    );
  }
}

describe('component registry', () => {
  it('lists the nameable recognizers in order of trust, compromise opt-in and the transformer only through a model', () => {
    expect(ENTITY_RECOGNIZERS).toEqual(['kb', 'rules', 'tagger', 'acronyms', 'compromise', 'echo']);
    expect(DEFAULT_ENTITY_RECOGNIZERS).toEqual(['kb', 'rules', 'tagger', 'acronyms', 'echo']);
  });

  it('builds recognizers by rank whatever order the configuration names them in', () => {
    expect(entityModels(['echo', 'kb', 'acronyms'])).toEqual(['kb-gazetteer', 'acronym-rules', 'name-echo']);
  });

  it('builds a recognizer named twice once, and a transformer only from a loaded model', () => {
    expect(entityModels(['kb', 'tagger', 'kb', 'tagger'])).toEqual(entityModels(['kb', 'tagger']));
    expect(entityModels(['kb', 'transformer'])).toEqual(entityModels(['kb']));
  });

  it('model-only with the learned tagger keeps the recognizers that feed it, and only those', () => {
    const names = entityModels(undefined, { nerPolicy: 'model-only' });
    expect(names).toHaveLength(3);
    expect(names.slice(0, 2)).toEqual(entityModels(['kb', 'rules']));
  });

  it('an unknown name is a configuration error that lists the known ones', () => {
    expect(() => buildDefaultPipeline({ entityRecognizers: ['kb', 'gazeteer'] })).toThrow(
      /E006.*unknown entity recognizer "gazeteer".*kb, rules/,
    );
    expect(() => buildDefaultPipeline({ stages: ['zones', 'segment', 'tokenise'] })).toThrow(/unknown stage "tokenise"/);
    expect(() => new Registry<{ name: string }>('thing').register({ name: 'a' }).register({ name: 'a' })).toThrow(/registered twice/);
  });

  it('a stage list without roles does not build, since statements read them', () => {
    expect(() => buildDefaultPipeline({ stages: ['zones', 'segment', 'entities', 'resolve', 'statements'] })).toThrow(
      /statements" requires roles/,
    );
  });

  it('adding a recognizer is one module and one entry', async () => {
    // Test files share a worker's modules (vitest.config.ts): register once per worker.
    if (!RECOGNIZERS.names().includes('shouted'))
      RECOGNIZERS.register({ name: 'shouted', version: '1', rank: 45, create: () => new ShoutedNames() });
    const { pipeline } = buildDefaultPipeline({ entityRecognizers: ['kb', 'shouted', 'echo'] });
    const doc = makeDocument('Officials at KORVANE said the harbour would open.');
    expect(await pipeline.process([doc])).toEqual([]);
    expect(doc.mentions.map((m) => [m.text, m.type, m.provenance.model])).toEqual([['KORVANE', 'ORGANIZATION', 'shouted-names']]);
  });
});
