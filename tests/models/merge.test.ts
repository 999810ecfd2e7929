import { describe, expect, it } from 'vitest';
import type { Document, EntityType, Mention, Provenance } from '../../src/document/types.js';
import { mergeCandidates, SOURCE_PRIORITY } from '../../src/models/merge.js';
import type { MentionCandidate } from '../../src/models/types.js';
import { spanOf } from '../helpers/articles.js';
import { makeDocument } from '../helpers/documents.js';

const TEXT = 'Oruba Tesfanet of the Kelvane Water Authority visited Port Halvey University. Later Tesfanet left.';

type Source = Provenance['source'];

function candidate(needle: string, type: EntityType, source: Source, extra: Partial<MentionCandidate> = {}): MentionCandidate {
  return { ...spanOf(TEXT, needle), type, provenance: { source, model: `${source}-model`, score: 0.9 }, ...extra };
}

function accepted(needle: string, type: EntityType, source: Source): Mention {
  return { ...spanOf(TEXT, needle), text: needle, type, sentence: 0, provenance: { source, model: `${source}-model`, score: 0.9 } };
}

/** A document already holding `existing`; sentence numbers are 0 before "Later", 1 after. */
function merge(
  existing: Mention[],
  candidates: MentionCandidate[],
): { doc: Document; result: ReturnType<typeof mergeCandidates>; kept: string[] } {
  const doc = makeDocument(TEXT);
  doc.mentions = [...existing];
  const later = TEXT.indexOf('Later');
  const result = mergeCandidates(doc, candidates, (offset) => (offset < later ? 0 : 1));
  return { doc, result, kept: doc.mentions.map((m) => `${m.text}/${m.type}/${m.provenance.source}`) };
}

describe('SOURCE_PRIORITY', () => {
  it('trusts the knowledge base, definitions and acronyms most and compromise least', () => {
    expect(SOURCE_PRIORITY).toEqual({ kb: 3, definition: 3, acronym: 3, rule: 2, echo: 2, model: 2, compromise: 1 });
  });
});

describe('mergeCandidates', () => {
  it('adds candidates that overlap nothing, in text order, with text, sentence and kbId filled in', () => {
    const { doc, result } = merge(
      [],
      [
        candidate('Tesfanet', 'PERSON', 'echo', spanOf(TEXT, 'Tesfanet', 2)),
        candidate('Kelvane Water Authority', 'ORGANIZATION', 'kb', { kbId: 'kelvane-water-authority' }),
      ],
    );
    expect(result).toEqual({ accepted: 2, rejected: 0 });
    expect(doc.mentions).toEqual([
      {
        start: 22,
        end: 45,
        text: 'Kelvane Water Authority',
        type: 'ORGANIZATION',
        sentence: 0,
        kbId: 'kelvane-water-authority',
        provenance: { source: 'kb', model: 'kb-model', score: 0.9 },
      },
      {
        start: 84,
        end: 92,
        text: 'Tesfanet',
        type: 'PERSON',
        sentence: 1,
        provenance: { source: 'echo', model: 'echo-model', score: 0.9 },
      },
    ]);
    expect('kbId' in doc.mentions[1]!).toBe(false);
  });

  it('takes the longest of overlapping candidates and drops the rest', () => {
    const { kept, result } = merge(
      [],
      [
        candidate('Kelvane Water', 'ORGANIZATION', 'kb'),
        candidate('Kelvane Water Authority', 'ORGANIZATION', 'compromise'),
        candidate('Water Authority', 'ORGANIZATION', 'rule'),
      ],
    );
    expect(kept).toEqual(['Kelvane Water Authority/ORGANIZATION/compromise']);
    expect(result).toEqual({ accepted: 1, rejected: 2 });
  });

  it('between candidates of one length takes the more trusted source, then the earlier one', () => {
    // "Oruba Tesfanet" and "Tesfanet of th" have the same length and overlap.
    const sameLength = { start: TEXT.indexOf('Tesfanet'), end: TEXT.indexOf('Tesfanet') + 14 };
    expect(
      merge([], [candidate('Oruba Tesfanet', 'PERSON', 'compromise'), candidate('Tesfanet', 'PERSON', 'rule', sameLength)]).kept,
    ).toEqual(['Tesfanet of th/PERSON/rule']);
    expect(merge([], [candidate('Tesfanet', 'PERSON', 'rule', sameLength), candidate('Oruba Tesfanet', 'PERSON', 'rule')]).kept).toEqual([
      'Oruba Tesfanet/PERSON/rule',
    ]);
  });

  it('lets a longer, at least as trusted candidate replace the mentions it strictly contains', () => {
    const { kept, result } = merge(
      [accepted('Tesfanet', 'PERSON', 'compromise'), accepted('Oruba', 'LOCATION', 'compromise')],
      [candidate('Oruba Tesfanet', 'PERSON', 'rule')],
    );
    expect(kept).toEqual(['Oruba Tesfanet/PERSON/rule']);
    expect(result).toEqual({ accepted: 1, rejected: 0 });
  });

  it('drops a candidate that only partly overlaps an accepted mention, or covers exactly its span', () => {
    const existing = [accepted('Kelvane Water Authority', 'ORGANIZATION', 'compromise')];
    const partial = { start: TEXT.indexOf('Water'), end: TEXT.indexOf(' visited') + 8 };
    expect(merge(existing, [candidate('Water', 'ORGANIZATION', 'kb', partial)])).toMatchObject({
      kept: ['Kelvane Water Authority/ORGANIZATION/compromise'],
      result: { accepted: 0, rejected: 1 },
    });
    expect(merge(existing, [candidate('Kelvane Water Authority', 'ORGANIZATION', 'kb')])).toMatchObject({
      kept: ['Kelvane Water Authority/ORGANIZATION/compromise'],
      result: { accepted: 0, rejected: 1 },
    });
  });

  it('never lets a rule override an organization or person from the knowledge base', () => {
    const existing = [accepted('Kelvane Water Authority', 'ORGANIZATION', 'kb')];
    expect(merge(existing, [candidate('the Kelvane Water Authority', 'ORGANIZATION', 'rule')]).kept).toEqual([
      'Kelvane Water Authority/ORGANIZATION/kb',
    ]);
    const person = [accepted('Tesfanet', 'PERSON', 'kb')];
    expect(merge(person, [candidate('Oruba Tesfanet', 'PERSON', 'model')]).kept).toEqual(['Tesfanet/PERSON/kb']);
  });

  it('lets a trusted source widen a known place into a longer name', () => {
    const existing = [accepted('Port Halvey', 'LOCATION', 'kb')];
    expect(merge(existing, [candidate('Port Halvey University', 'ORGANIZATION', 'rule')]).kept).toEqual([
      'Port Halvey University/ORGANIZATION/rule',
    ]);
  });

  it('lets compromise swallow a known place into a person or organization name, but not into a longer place', () => {
    const existing = [accepted('Port Halvey', 'LOCATION', 'kb')];
    expect(merge(existing, [candidate('Port Halvey University', 'ORGANIZATION', 'compromise')]).kept).toEqual([
      'Port Halvey University/ORGANIZATION/compromise',
    ]);
    expect(merge(existing, [candidate('Port Halvey University', 'LOCATION', 'compromise')]).kept).toEqual(['Port Halvey/LOCATION/kb']);
    // compromise never widens anything that is not a place, even a less trusted mention of its own.
    expect(merge([accepted('Tesfanet', 'PERSON', 'compromise')], [candidate('Oruba Tesfanet', 'PERSON', 'compromise')]).kept).toEqual([
      'Tesfanet/PERSON/compromise',
    ]);
  });

  it('rejects empty candidates', () => {
    const at = TEXT.indexOf('Port');
    expect(merge([], [candidate('Port', 'LOCATION', 'kb', { start: at, end: at })])).toMatchObject({
      kept: [],
      result: { accepted: 0, rejected: 1 },
    });
  });
});
