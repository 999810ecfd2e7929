import { describe, expect, it } from 'vitest';
import { linkSpeakers } from '../../../src/models/statements/speaker-linking.js';
import type { StatementCandidate } from '../../../src/models/types.js';
import { analyzeUpTo } from '../../helpers/documents.js';

const candidate = (start: number, speakerText: string | null): StatementCandidate => ({
  start,
  end: start + 10,
  sentence: 0,
  label: 'claim',
  speakerMention: null,
  speakerEntity: null,
  speakerText,
  cue: 'said',
  confidence: 0.5,
  provenance: { source: 'rule', model: 'test', score: 0.5 },
});

describe('linkSpeakers', () => {
  it('links a surname, a full name and a short form to the entity they name', async () => {
    const doc = await analyzeUpTo(
      'Hassan Nasrallah is the director of Somali Public Agenda. The Pentagon said it would review the report.',
      'roles',
    );
    const person = doc.entities.findIndex((e) => e.name === 'Hassan Nasrallah');
    const pentagon = doc.entities.findIndex((e) => e.name === 'Pentagon');
    expect(person).toBeGreaterThanOrEqual(0);
    const linked = linkSpeakers(doc, [candidate(60, 'Nasrallah'), candidate(60, 'Hassan Nasrallah'), candidate(60, 'The Pentagon')]);
    expect(linked.map((c) => c.speakerEntity)).toEqual([person, person, pentagon]);
  });

  it('leaves descriptions, pronouns and lower-case phrases unnamed', async () => {
    const doc = await analyzeUpTo('Hassan Nasrallah is the director of Somali Public Agenda. Officials said talks would resume.', 'roles');
    const linked = linkSpeakers(doc, [
      candidate(60, 'a senior official close to Nasrallah'),
      candidate(60, 'he'),
      candidate(60, 'officials'),
      candidate(60, null),
    ]);
    expect(linked.map((c) => c.speakerEntity)).toEqual([null, null, null, null]);
  });

  it('keeps a speaker the extractor already linked', async () => {
    const doc = await analyzeUpTo('Hassan Nasrallah spoke. Hamas said it would respond.', 'roles');
    const linked = linkSpeakers(doc, [{ ...candidate(30, 'Nasrallah'), speakerEntity: 99 }]);
    expect(linked[0]!.speakerEntity).toBe(99);
  });
});
