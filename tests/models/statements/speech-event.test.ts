import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/types.js';
import { languageIndex } from '../../../src/resources/language.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';
import { reportsNoSpeech } from '../../../src/models/statements/speech-event.js';
import { analyze } from '../../helpers/documents.js';

const grammar = languageIndex(loadLexicons()).statements.grammar;

/** reportsNoSpeech for the word `cue` in a sentence split on spaces. */
function noSpeech(sentence: string, cue: string): boolean {
  const words = sentence.toLowerCase().split(' ');
  return reportsNoSpeech(words, words.indexOf(cue), 0, grammar);
}

function found(doc: Document) {
  return doc.statements.map((s) => ({
    speaker: s.speaker === null ? null : doc.entities[s.speaker]!.name,
    speakerText: s.speakerText,
    cue: s.cue,
  }));
}

describe('a speech verb that tells of no speech', () => {
  it('is negated through auxiliaries and adverbs, but not through another verb', () => {
    expect(noSpeech('the ministry did not immediately respond', 'respond')).toBe(true);
    expect(noSpeech('officials have not yet confirmed the toll', 'confirmed')).toBe(true);
    expect(noSpeech("he wouldn't say whether", 'say')).toBe(true);
    expect(noSpeech('the envoy never mentioned the deal', 'mentioned')).toBe(true);
    expect(noSpeech('she did not hesitate to condemn it', 'condemn')).toBe(false);
    expect(noSpeech('he said the army would respond', 'said')).toBe(false);
  });

  it('has a "neither … nor" subject', () => {
    expect(noSpeech('neither the army nor the police has confirmed the figures', 'confirmed')).toBe(true);
    expect(noSpeech('the mayor confirmed that neither road nor bridge was hit', 'confirmed')).toBe(false);
  });

  it('has an object that says nothing was given', () => {
    expect(noSpeech('the army offered no evidence', 'offered')).toBe(true);
    expect(noSpeech('the army gave no further details', 'gave')).toBe(true);
    expect(noSpeech('the analyst said no new agreement would come', 'said')).toBe(false);
    expect(noSpeech('an email requesting comment on the plan', 'requesting')).toBe(true);
    expect(noSpeech('the army has said nothing about the soldiers', 'said')).toBe(true);
    expect(noSpeech('they did not answer requests for comment', 'requests')).toBe(true);
  });

  it('is the infinitive of a refusal', () => {
    expect(noSpeech('the ministry declined to comment on the report', 'comment')).toBe(true);
    expect(noSpeech('the company refused to immediately say how many', 'say')).toBe(true);
    expect(noSpeech('the ministry declined to comment but said talks would go on', 'said')).toBe(false);
    expect(noSpeech('he was quick to say the plan failed', 'say')).toBe(false);
  });

  it('has a subject that names no one', () => {
    expect(noSpeech('no group has claimed the bombing', 'claimed')).toBe(true);
    expect(noSpeech('so far , no militant group has so far claimed it', 'claimed')).toBe(true);
    expect(noSpeech('nobody has confirmed the toll', 'confirmed')).toBe(true);
    expect(noSpeech('there is no doubt iran said it would strike', 'said')).toBe(false);
    expect(noSpeech('" no , " said the mayor', 'said')).toBe(false);
    expect(noSpeech('no one will be spared , the minister said', 'said')).toBe(false);
  });

  it('makes no statement, from the rules or the attribution model', async () => {
    for (const text of [
      'The Interior Ministry did not immediately respond to a request for comment.',
      'Neither the army nor the police has confirmed the figures.',
      'Rami Saleh offered no evidence for the claim.',
      'How far the ceasefire extends was not immediately made clear.',
      'The Health Ministry declined to comment on the outbreak.',
      'No group has claimed responsibility for the bombing in the northern city.',
      'The two governments have said nothing about the detained fishermen.',
    ])
      expect(found(await analyze(text)), text).toEqual([]);
  });

  it('leaves the statement of a verb whose content is negated', async () => {
    expect(found(await analyze('Rami Saleh said he would not comment on the talks.'))).toEqual([
      { speaker: 'Rami Saleh', speakerText: 'Rami Saleh', cue: 'said' },
    ]);
  });
});

describe('a cue word that is not a verb', () => {
  it('is an adjective after a determiner or a noun after a preposition', async () => {
    expect(found(await analyze('The alleged plotters remain in custody.'))).toEqual([]);
    expect(found(await analyze('The army cracked down on protests in the capital.'))).toEqual([]);
  });

  it('is an adjective between a word that is no subject and a noun, but a verb after its subject', async () => {
    expect(found(await analyze('The rebels carried out repeated raids across the river.'))).toEqual([]);
    expect(found(await analyze('Vietnam is one of the most promising markets in Asia.'))).toEqual([]);
    expect(found(await analyze('Towson said China is fully dedicated to the project.')).map((s) => s.cue)).toEqual(['said']);
  });

  it('is the subject noun before its own verb', async () => {
    expect(found(await analyze('Local media reports say the toll may rise.'))).toEqual([
      { speaker: null, speakerText: 'Local media reports', cue: 'say' },
    ]);
  });

  it('is a plural noun before an auxiliary, unless a name or pronoun before it is its subject', async () => {
    expect(found(await analyze('Media reports have said the talks collapsed.'))).toEqual([
      { speaker: null, speakerText: 'Media reports', cue: 'said' },
    ]);
    const gap = found(await analyze('Omar Banjai hopes others will learn of the kingdoms that he says are forgotten.'));
    expect(gap.map((s) => s.cue)).toEqual(['says']);
  });

  it('is another verb before a word the lexicon marks ("adds to", "charge less")', async () => {
    expect(found(await analyze('The ruling adds to mounting friction between the two countries.'))).toEqual([]);
    expect(
      found(await analyze('Vietnam could join peers such as Singapore and Thailand as magnets for tourists, yet charge less.')),
    ).toEqual([]);
    expect(found(await analyze('The minister added that the talks would resume.')).map((s) => s.cue)).toEqual(['added']);
    // A reporter's credit line: "reported from" a place reports nothing.
    expect(found(await analyze('Lena Moss reported from Kabul, and Omar Saleh from Herat.'))).toEqual([]);
  });

  it('is a preposition in "thanks to", past a hedge ("thanks in large part to"), and still a verb with an object', async () => {
    expect(found(await analyze('The rebels held the valley, thanks in large part to cheap drones.'))).toEqual([]);
    expect(found(await analyze('Thanks to the rain, the fires died down.'))).toEqual([]);
    expect(found(await analyze('The rebels held the valley, thanks, largely, to cheap drones.'))).toEqual([]);
    expect(found(await analyze('The minister thanks the donors for their help.')).map((s) => s.cue)).toEqual(['thanks']);
    // Only a hedge word opens the way past a comma: "added, to laughter," is still speech.
    expect(found(await analyze('He added, to laughter, that the plan was dead.')).map((s) => s.cue)).toEqual(['added']);
  });

  it('is a noun in a form that mostly is one ("states"), unless a subject or "to" stands before it or "that" after it', async () => {
    expect(found(await analyze('The party will run ads in swing states after Monday.'))).toEqual([]);
    expect(found(await analyze('Unlike most member states, Chile has never condemned the raid.'))).toEqual([]);
    expect(found(await analyze('The report states that the camps were full.')).map((s) => s.cue)).toEqual(['states']);
    expect(found(await analyze('They state their goal plainly.')).map((s) => s.cue)).toEqual(['state']);
    expect(found(await analyze('The minister refused to state a date.'))).toEqual([]);
    expect(found(await analyze('The minister stated the border was closed.')).map((s) => s.cue)).toEqual(['stated']);
  });
});

describe('an agentless passive', () => {
  it('names no speaker: its subject is whom it was said of', async () => {
    const [statement] = found(await analyze('Former lawmaker Arnel Belizaire was accused of illegal possession of firearms.'));
    expect(statement).toMatchObject({ speaker: null, speakerText: null });
  });

  it('with its agent speaks through the agent', async () => {
    const [statement] = found(await analyze('Arnel Belizaire was accused by the prosecutor of illegal possession of firearms.'));
    expect(statement?.speaker).not.toBe('Arnel Belizaire');
    expect(statement?.speakerText).toMatch(/prosecutor/);
  });
});

describe('speech cues beyond single verbs', () => {
  it('finds speaking out, raising concerns and likening', async () => {
    expect(found(await analyze('Opposition lawmakers have spoken out against the decision.'))).toHaveLength(1);
    expect(found(await analyze('Analysts are raising concerns that the law will tighten control of the strait.'))).toHaveLength(1);
    expect(found(await analyze('Amal Haddad likened the blockade to a siege.'))[0]?.speaker).toBe('Amal Haddad');
  });

  it('finds defending a decision, proposing and having opposed, but not "opposed to" or "the proposed wall"', async () => {
    expect(found(await analyze('Amal Haddad defended the decision to close the border.'))[0]).toMatchObject({
      speaker: 'Amal Haddad',
      cue: 'defended',
    });
    expect(found(await analyze('Omar Saleh has proposed a ceasefire along the river.'))[0]).toMatchObject({
      speaker: 'Omar Saleh',
      cue: 'proposed',
    });
    expect(found(await analyze('Omar Saleh opposed the new tax in parliament.'))[0]).toMatchObject({
      speaker: 'Omar Saleh',
      cue: 'opposed',
    });
    expect(found(await analyze('Omar Saleh is opposed to any delay.'))).toEqual([]);
    expect(found(await analyze('The proposed wall would run along the river.'))).toEqual([]);
    // Defending a place and a held opposition are no speech.
    expect(found(await analyze('The army will defend the city against any attack.'))).toEqual([]);
    expect(found(await analyze('The group also opposes foreign investment in the province.'))).toEqual([]);
  });
});

describe('a verb of finding', () => {
  it('reports a finding after a poll, study or report, and speaks through its named owner', async () => {
    expect(found(await analyze('A Reuters/Ipsos poll released Sunday showed most voters backed the plan.'))).toEqual([
      { speaker: 'Reuters/Ipsos', speakerText: 'A Reuters/Ipsos poll released Sunday', cue: 'showed' },
    ]);
    expect(found(await analyze('A study by the World Bank shows growth slowing across the region.'))).toEqual([
      { speaker: 'World Bank', speakerText: 'A study by the World Bank', cue: 'shows' },
    ]);
    expect(found(await analyze('Another poll, however, found few voters want higher taxes.'))).toEqual([
      { speaker: null, speakerText: 'Another poll', cue: 'found' },
    ]);
  });

  it('is the study’s, not its authors’, and the head noun’s, not the one in its phrase', async () => {
    const study = found(await analyze('A study released on Tuesday by a group of researchers shows that most firms avoid taxes.'));
    expect(study.map((s) => s.speakerText)).toEqual(['A study released on Tuesday by a group of researchers']);
    const analysis = found(await analyze('An analysis of newly filed campaign reports shows the Democrats ahead.'));
    expect(analysis.map((s) => s.speakerText)).toEqual(['An analysis of newly filed campaign reports']);
  });

  it('is said by people only with a that-clause, and never as an infinitive', async () => {
    expect(found(await analyze('Researchers found that poor diets drive the disease.'))).toEqual([
      { speaker: null, speakerText: 'Researchers', cue: 'found' },
    ]);
    expect(found(await analyze('Investigators found the wreckage near the border.'))).toEqual([]);
    expect(found(await analyze('Experts were surprised to find that the model was cheap to build.'))).toEqual([]);
  });

  it('is no cue after what only depicts ("the video shows")', async () => {
    expect(found(await analyze('The video shows fighters firing at a tank.'))).toEqual([]);
  });
});
