import { describe, expect, it } from 'vitest';
import { StanceLabeller } from '../../../src/models/statements/stance-labels.js';
import { languageIndex } from '../../../src/resources/language.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';
import { analyze } from '../../helpers/documents.js';

const labeller = new StanceLabeller(languageIndex(loadLexicons()).statements);
const words = (text: string) => text.toLowerCase().match(/[\p{L}\d'$]+|[^\s\p{L}\d]/gu)!;
const content = (text: string) => {
  const w = words(text);
  return labeller.contentStance(w, 0, w.length);
};
/** Each statement's label over the whole pipeline. */
const labels = async (text: string) => (await analyze(text)).statements.map((s) => s.label);

describe('stance labels: harm verbs', () => {
  it('a harm verb of several words needs all of them: "hold talks" is no harm, "hold them accountable" is', () => {
    expect(content('officials said they would hold talks with the rebels').threat).toBe(false);
    expect(content('we will hold them accountable').threat).toBe(true);
  });

  it('a punishment intended on a condition is a threat; one without a condition, or ruled out, is not', () => {
    expect(content('if they follow through, we will impose a 200 percent tariff on their wine').threat).toBe(true);
    expect(content("if you do it, we're going to revoke it and kick you out").threat).toBe(true);
    expect(content('the ministry will impose new rules on imports next year').threat).toBe(false);
    expect(content('if talks fail, we will not impose sanctions').threat).toBe(false);
    expect(content('if the push comes again, these people will be deported').threat).toBe(false);
  });

  it('determiners and degree words may stand inside a punitive phrase', () => {
    expect(content('if they do not drop the tax, we will substantially increase the tariffs on their cars').threat).toBe(true);
    expect(content('if they do not drop the tax, we will increase the number of inspectors').threat).toBe(false);
  });

  it('a harm verb with a harmless object is no harm: "strike a deal", "hit a record"', () => {
    expect(content('he said he will strike a new trade deal with them').threat).toBe(false);
    expect(content('exports will hit a record this year').threat).toBe(false);
    expect(content('we will strike the base before any deal').threat).toBe(true);
  });

  it('a modal of possibility after the speaker’s pronoun is an intention on a condition only', () => {
    expect(content('it could retaliate with tariffs if washington goes ahead').threat).toBe(true);
    expect(content('we can hit any ship in the sea if the siege continues').threat).toBe(true);
    expect(content('it could retaliate with tariffs').threat).toBe(false);
    expect(content('israel could strike iran if the talks fail').threat).toBe(false);
    expect(content('you could hit the wall if you drive fast').threat).toBe(false);
  });

  it('coming back somewhere is no harm', async () => {
    expect(await labels('The economist Maria Lind said foreign firms will return to the market next year.')).toEqual(['claim']);
  });
});

describe('stance labels: who holds the stance', () => {
  it('a stance word inside a name carries no stance', async () => {
    expect(await labels('Blessed Okonkwo said the talks would resume next week.')).toEqual(['claim']);
  });

  it('praise received, and support imputed to another, are not the speaker’s stance', async () => {
    expect(await labels('The novelist Ana Reyes said her first book received warm praise from critics.')).toEqual(['claim']);
    expect(await labels('The opposition leader Tomas Vidal accused the minister of supporting the militia.')).toEqual(['claim']);
  });

  it('refusing, or reluctance, to endorse is no support; nor is ending one’s support', async () => {
    expect(await labels('The spokesman Ali Hassan said the party refused to endorse the plan.')).toEqual(['claim']);
    expect(await labels('Senator Ruth Okafor urged the government to end its support for the junta.')).toEqual(['claim']);
  });

  it('a commitment described is no support', async () => {
    expect(await labels('The analyst Karen Holt said the company had not met its commitment to investors.')).toEqual(['claim']);
  });
});

describe('stance labels: frames of a verb and its object', () => {
  it('condemning someone’s detention and calling for the charges to be dropped support that person', async () => {
    expect(
      await labels('Rights groups condemned the detention of Amina Yusuf and urged the police to drop all charges against her.'),
    ).toEqual(['support']);
  });

  it('calling for war against an actor is a threat, quotation marks inside the phrase or not', async () => {
    expect(await labels('President Omar Farah called for a “total war” against the insurgents.')).toEqual(['threat']);
  });

  it('consequences threaten only when someone is to face or bear them', async () => {
    expect(await labels('The economist Maria Lind said the merger would have serious consequences for prices.')).toEqual(['claim']);
    expect(await labels('The interior minister warned that those responsible will face the consequences.')).toEqual(['threat']);
  });

  it('"necessary measures" threaten only as what the speaker will take', async () => {
    expect(content('the regulator may take necessary measures to limit imports').threat).toBe(false);
    expect(content('we will take all necessary measures against the smugglers').threat).toBe(true);
  });
});

describe('stance labels: approval without a support verb', () => {
  it('calling a step positive, or people extraordinary, is support', async () => {
    expect(content('the new law is a positive step for the city').support).toBe(true);
    expect(content('the young players have been extraordinary').support).toBe(true);
    expect(content('the new law is a step for the city').support).toBe(false);
  });
});

describe('stance labels: verbs of support in the content', () => {
  it('a speaker who supports, or will go on supporting, an actor or a plan is support', async () => {
    expect(await labels('Foreign Minister Lena Berg said Norway supports the truce plan.')).toEqual(['support']);
    expect(await labels('Foreign Minister Lena Berg said we will continue to support Moldova.')).toEqual(['support']);
  });

  it('support as a purpose, a noun, or received from someone else is none', async () => {
    expect(await labels('Mayor Tom Reed said the farmers need jobs to support their families.')).toEqual(['claim']);
    expect(await labels('Mayor Tom Reed said the office offers training and support services to migrants.')).toEqual(['claim']);
    expect(await labels('Mayor Tom Reed said the militia, supported by local clans, took the town.')).toEqual(['claim']);
    expect(await labels('Mayor Tom Reed noted that his rival once supported the dam project.')).toEqual(['claim']);
    expect(await labels('Mayor Tom Reed said the new data supports the dam project.')).toEqual(['claim']);
    expect(await labels('Mayor Tom Reed said the new data “supports what the engineers found.”')).toEqual(['claim']);
  });

  it('a negator inside a name negates nothing', async () => {
    expect(await labels('Doctors Without Borders welcomed the ceasefire.')).toEqual(['support']);
  });
});

describe('stance labels: conditional and forceful threats', () => {
  it('"do this or face that" and a response "with full force" are threats', async () => {
    expect(content('the council urged the junta to hand over power or face sanctions').threat).toBe(true);
    expect(content('such attacks will be dealt with with full force').threat).toBe(true);
  });
});

describe('stance labels: self-description and coercion', () => {
  it('a praise word after "we felt" or "our" describes the speaker or its own side, praising no one', () => {
    expect(content('at dawn we felt brave and walked out of the camp').support).toBe(false);
    expect(content('our brave medics carried the wounded across the river').support).toBe(false);
    expect(content('our medics were brave').support).toBe(true);
  });

  it('an intention to push a leader out of office is a threat; a past ouster reported is not', () => {
    expect(content('he would lead marches to push the governor out of office').threat).toBe(true);
    expect(content('voters pushed the governor out of office in May').threat).toBe(false);
  });
});

describe('stance labels: a thing holds no stance', () => {
  it('a stance verb whose subject is a thing is a claim; a group’s stays a threat', async () => {
    expect(await labels('Critics said the new agreement could threaten the island’s fisheries.')).toEqual(['claim']);
    expect(await labels('The militia threatened to shell the port.')).toEqual(['threat']);
  });
});

describe('stance labels: advice is no intention', () => {
  it('what others "should" do is advice, not the speaker’s threat; what the speaker will do is', () => {
    expect(content('the donors should respond to the coup by freezing the talks').threat).toBe(false);
    expect(content('we will respond to the coup').threat).toBe(true);
  });
});

describe('stance labels: consequences promised', () => {
  it('vowing consequences, or saying there will be consequences, is a threat', () => {
    expect(content('the allies vowed consequences for the missile test').threat).toBe(true);
    expect(content('there will be consequences for the regime').threat).toBe(true);
  });
});

describe('stance labels: negation of threat phrases', () => {
  it('a negated threat phrase threatens no one, a contraction negating as "not" does', () => {
    expect(content('police said there had been no threats against the school').threat).toBe(false);
    expect(content("the envoy didn't demand retaliation").threat).toBe(false);
  });

  it('a negator held by a longer threat phrase, or a double negative, keeps the threat', () => {
    expect(content('the killing will not go unanswered').threat).toBe(true);
    expect(content('this crime cannot be left without consequences').threat).toBe(true);
  });

  it('facing a cost or answering a question is no harm; answering for a crime is', () => {
    expect(content('families would face higher bills next year').threat).toBe(false);
    expect(content('i would answer the question').threat).toBe(false);
    expect(content('they will answer for this crime').threat).toBe(true);
  });
});

describe('stance labels: readiness to join the fighting, wishes to thank', () => {
  it('readiness to join a battle is a threat; having joined one is not', () => {
    expect(content('the brigades are ready to join the battle if the war spreads').threat).toBe(true);
    expect(content('thousands of volunteers joined the battle last year').threat).toBe(false);
  });

  it('"would like to thank" is support', async () => {
    expect(await labels('“We would like to thank the volunteers,” Mayor Tom Reed said.')).toEqual(['support']);
  });
});
