import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/types.js';
import { analyze } from '../../helpers/documents.js';
import { inflections } from '../../../src/resources/cue-index.js';

function statements(doc: Document) {
  return doc.statements.map((s) => ({
    label: s.label,
    speaker: s.speaker === null ? null : doc.entities[s.speaker]!.name,
    speakerText: s.speakerText,
    cue: s.cue,
    text: s.text,
  }));
}

/** Each statement's speaker name and speaker phrase. */
const speakers = async (text: string) => statements(await analyze(text)).map((s) => [s.speaker, s.speakerText]);
/** Each statement's speaker name. */
const speakerNames = async (text: string) => statements(await analyze(text)).map((s) => s.speaker);
const labels = async (text: string) => statements(await analyze(text)).map((s) => s.label);

describe('cue lexicon', () => {
  it('generates every inflection of a lemma, irregular ones included', () => {
    expect(inflections('say')).toEqual(expect.arrayContaining(['say', 'says', 'said', 'saying']));
    expect(inflections('tell')).toEqual(expect.arrayContaining(['told', 'tells']));
    expect(inflections('vow')).toEqual(expect.arrayContaining(['vowed', 'vows', 'vowing']));
  });
});

describe('cue lexicon: communication verbs beyond "say"', () => {
  it('reads cited, recounted and lambasted as speech of their subject', async () => {
    const doc = await analyze(
      'Hassan Nasrallah cited the attacks as proof. Benjamin Netanyahu recounted the meeting. Joe Biden lambasted the decision.',
    );
    expect(statements(doc).map((s) => [s.speaker, s.cue, s.label])).toEqual([
      ['Hassan Nasrallah', 'cited', 'claim'],
      ['Benjamin Netanyahu', 'recounted', 'claim'],
      ['Joe Biden', 'lambasted', 'claim'],
    ]);
  });

  it('a cue word inside a name, or turned into another verb by the word after it, is no cue', async () => {
    const doc = await analyze('Blessed Okonkwo has been in custody since Monday. The three men hail from Jordan.');
    expect(statements(doc)).toEqual([]);
  });

  it('the head of the subject is the speaker: a spokesperson for, or a source close to, a named group is unnamed', async () => {
    const doc = await analyze(
      'A spokesperson for the U.S. State Department told reporters on Sunday that talks had resumed. A source close to Hezbollah said the group would respond.',
    );
    expect(statements(doc).map((s) => [s.speaker, s.speakerText])).toEqual([
      [null, 'A spokesperson for the U.S. State Department'],
      [null, 'A source close to Hezbollah'],
    ]);
  });

  it('a warning to execute someone is a threat', async () => {
    const doc = await analyze('Hamas warned that it would execute the hostages.');
    expect(statements(doc).map((s) => [s.speaker, s.label])).toEqual([['Hamas', 'threat']]);
  });

  it('a cue word used as a noun is still no statement', async () => {
    const doc = await analyze('The blast destroyed the bridge. A request for aid went unanswered.');
    expect(statements(doc)).toEqual([]);
  });
});

describe('RuleStatementExtractor', () => {
  it('attributes a claim to a named subject', async () => {
    expect(statements(await analyze('Kata’ib Hizballah said on Sunday that its fighters had struck Ain al-Asad Airbase.'))).toEqual([
      expect.objectContaining({ label: 'claim', speaker: 'Kata’ib Hizballah', cue: 'said' }),
    ]);
  });

  it('labels a threat when the reported speech states an intention to harm', async () => {
    const [statement] = statements(await analyze('Hassan Nasrallah said Hezbollah will strike Israeli bases if the war continues.'));
    expect(statement).toMatchObject({ label: 'threat', speaker: 'Hassan Nasrallah' });
  });

  it('labels support cues', async () => {
    const [statement] = statements(await analyze('Ismail Haniyeh praised the fighters of the Qassam Brigades.'));
    expect(statement).toMatchObject({ label: 'support', speaker: 'Ismail Haniyeh', cue: 'praised' });
  });

  it('splits one sentence holding two stances into two clauses with one speaker', async () => {
    const result = statements(await analyze('Nasrallah praised the attack and vowed to strike U.S. forces.'));
    expect(result).toEqual([
      expect.objectContaining({ label: 'support', speaker: 'Nasrallah', text: 'Nasrallah praised the attack' }),
      expect.objectContaining({ label: 'threat', speaker: 'Nasrallah', text: 'vowed to strike U.S. forces.' }),
    ]);
  });

  it('treats a negated threat and a denial as claims', async () => {
    expect(statements(await analyze('The Houthis did not threaten shipping in the Red Sea, Yahya Saree said.'))[0]?.label).toBe('claim');
    expect(statements(await analyze('Iran denied any role in the attack.'))[0]).toMatchObject({ label: 'claim', speaker: 'Iran' });
  });

  it('keeps a warning without harm a claim', async () => {
    expect(statements(await analyze('Jensen Huang warned that demand could slow next year.'))[0]).toMatchObject({
      label: 'claim',
      speaker: 'Jensen Huang',
    });
  });

  it('keeps unnamed sources as speakerText with a null speaker', async () => {
    const [statement] = statements(
      await analyze('Hamas fighters were seen in Gaza. An Iraqi security official said the drone came from Jurf al-Sakhar.'),
    );
    expect(statement).toMatchObject({ speaker: null, speakerText: 'An Iraqi security official' });
  });

  it('finds the source after "according to"', async () => {
    const [statement] = statements(await analyze('According to Al-Mayadeen, the strike killed two fighters.'));
    expect(statement).toMatchObject({ speaker: 'Al-Mayadeen', cue: 'According to' });
  });

  it('resolves "he" and "the group" to the nearest compatible entity', async () => {
    const doc = await analyze(
      'Akram al-Kaabi met Harakat al-Nujaba commanders in Baghdad. He said the fight would go on. The group said it had lost no men.',
    );
    expect(statements(doc).map((s) => s.speaker)).toEqual(['Akram al-Kaabi', 'Harakat al-Nujaba']);
  });

  it('attributes a quotation across sentences, before and after the attribution', async () => {
    const doc = await analyze('“We will not stop. Our drones are ready,” Yahya Saree said. “The ships will burn.”');
    const result = statements(doc);
    expect(result).toHaveLength(3);
    expect(result.every((s) => s.speaker === 'Yahya Saree')).toBe(true);
    expect(result[0]!.text).toBe('“We will not stop.');
  });

  it('does not make narration without a source into a statement', async () => {
    expect((await analyze('American troops returned to Iraq in 2014. They stayed at Ain al-Asad Airbase.')).statements).toEqual([]);
  });

  it('never makes a headline, byline or footnote into a statement', async () => {
    const doc = await analyze(
      'Hezbollah Says It Will Strike\nBy: Jane Roe\n\nThe group said it struck a base.[1]\n\n[1] Telegram, October 18, 2023, said Hamas.\n',
    );
    expect(statements(doc).map((s) => s.text)).toEqual(['The group said it struck a base.']);
  });

  it('gives each statement a cue, a rule and a confidence between 0 and 1', async () => {
    const doc = await analyze('Israel threatened Hezbollah with war. The ministry reported three deaths.');
    for (const s of doc.statements) {
      expect(s.cue).toBeTruthy();
      expect(s.provenance.rule).toMatch(/^cue:|quote/);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    expect(doc.statements[0]).toMatchObject({ label: 'threat' });
  });

  it('lists the entities a statement is about as targets, not its speaker', async () => {
    const doc = await analyze('Hezbollah threatened Israel and the United States.');
    const [statement] = doc.statements;
    expect(statement!.targets.map((t) => doc.entities[t]!.name)).toEqual(['Israel', 'United States']);
  });
});

describe('speakers: clause structure and reference', () => {
  it('an adverb between subject and verb does not hide the subject', async () => {
    expect(await speakers('Prime Minister Mark Rutte sharply criticized the ruling.')).toEqual([['Mark Rutte', 'Mark Rutte']]);
  });

  it('a coordinated verb shares the subject of the clause’s first verb', async () => {
    expect((await speakers('The African Union is weighing sanctions and warned that the junta would face isolation.'))[0]![0]).toBe(
      'African Union',
    );
  });

  it('a participle after a comma belongs to the main subject', async () => {
    expect((await speakers('Governor Kathy Hochul signed the bill on Friday, calling on lawmakers to fund it.'))[0]![0]).toBe(
      'Kathy Hochul',
    );
  });

  it('the first named conjunct of a coordinated subject speaks, unless the conjuncts modify a source noun', async () => {
    expect((await speakers('The European Union, the African Union and several aid groups condemned the coup.'))[0]![0]).toBe(
      'European Union',
    );
    expect(await speakers('Israeli and Hamas officials said the talks had stalled.')).toEqual([[null, 'Israeli and Hamas officials']]);
  });

  it('"X, who says …" is X', async () => {
    expect((await speakers('Among the sellers is Amina Diallo, who says prices have doubled.'))[0]![0]).toBe('Amina Diallo');
  });

  it('a statement speaks for whoever issued it: "a statement from X", "said a statement posted by X"', async () => {
    expect((await speakers('A statement from UNICEF said the camps were full.'))[0]![0]).toBe('UNICEF');
    expect((await speakers('The camps were full, said a statement released by the Norwegian Refugee Council.'))[0]![0]).toBe(
      'Norwegian Refugee Council',
    );
  });

  it('a description naming an organization wins over the organization that spoke last', async () => {
    const found = await speakers(
      'The Association of Cocoa Farmers met in Abidjan. The European Commission said imports would rise. The cocoa farmers group says prices are too low.',
    );
    expect(found.at(-1)![0]).toBe('Association of Cocoa Farmers');
  });

  it('a definite description names the organization whose name holds its words', async () => {
    const found = await speakers(
      'The Kenya Medical Research Institute published a study on Monday. The institute said the vaccine worked.',
    );
    expect(found.at(-1)).toEqual(['Kenya Medical Research Institute', 'The institute']);
  });

  it('a pronoun after an unnamed source stays unnamed, and "they" is never a country', async () => {
    const unnamed = await speakers(
      'Prime Minister Keir Starmer visited the base. A senior official said the talks had failed. He added that a deal was unlikely.',
    );
    expect(unnamed.at(-1)).toEqual([null, 'He']);
    const plural = await speakers('Rights groups criticized Thailand over the deportations. They say the men face torture.');
    expect(plural.at(-1)![0]).toBeNull();
  });
});

describe('labels beyond the stance verb', () => {
  it('a passive stance verb with no named agent is a claim', async () => {
    expect(await labels('The ministry said the river is threatened by pollution.')).toEqual(['claim']);
  });

  it('a demand to stop harming, or not to escalate, is no threat', async () => {
    expect(await labels('The envoy said the militias must stop killing civilians.')).toEqual(['claim']);
    expect(await labels('The mediators urged both sides not to escalate.')).toEqual(['claim']);
  });

  it('purpose with a harm verb is a threat; an offer of help and taking sides are support', async () => {
    expect(await labels('The commander said their task is to strike the convoy.')).toEqual(['threat']);
    expect(await labels('The governor said the province is ready to help the refugees.')).toEqual(['support']);
    expect(await labels('The cleric said the movement stands on the side of the protesters.')).toEqual(['support']);
  });

  it('"stand by" with no object supports no one', async () => {
    expect(await labels('The minister said she would stand by.')).toEqual(['claim']);
  });
});

describe('opinion pieces', () => {
  const piece = (label: string) =>
    `${label}\nThe Harbour Deserves Better\nBy Maria Lindqvist\n\nThe council approved the new terminal in March. The city should halt the project before more damage is done. Maria Lindqvist has covered the port since 2015.`;

  it('the author’s evaluative narration is the author’s statement; plain narration is not', async () => {
    const doc = await analyze(piece('OPINION'));
    expect(statements(doc).map((s) => [s.text, s.speakerText])).toEqual([
      ['The city should halt the project before more damage is done.', 'Maria Lindqvist'],
    ]);
  });

  it('the same sentences in a news report are no statements', async () => {
    const doc = await analyze(piece('NEWS'));
    expect(statements(doc)).toEqual([]);
  });
});

describe('one sentence, two sources', () => {
  it('"X said A, while Y said B" is two statements, one per source', async () => {
    const doc = await analyze('The Kenyan government said the border would reopen, while the Somali army said its troops would stay.');
    expect(statements(doc).map((s) => [s.speakerText, s.text])).toEqual([
      ['The Kenyan government', 'The Kenyan government said the border would reopen'],
      ['the Somali army', 'the Somali army said its troops would stay.'],
    ]);
  });

  it('a report inside a report stays one statement', async () => {
    const doc = await analyze('Emmanuel Macron said Olaf Scholz told him the plan would fail.');
    expect(statements(doc).map((s) => s.speaker)).toEqual(['Emmanuel Macron']);
  });

  it('the head of a subject phrase comes before its preposition', async () => {
    const doc = await analyze(
      'The journalist Farai Moyo was arrested in March. Lawyers for the journalist said the charges were baseless.',
    );
    expect(statements(doc).map((s) => [s.speaker, s.speakerText])).toEqual([[null, 'Lawyers for the journalist']]);
  });
});

describe('speakers: the subject phrase and the name after the cue', () => {
  it('a subject phrase ends before its first verb: "X has often said" is X', async () => {
    expect((await speakers('Critics of the plan, Senator Ilona Varga has often said, ignore the cost.')).at(-1)![0]).toBe('Ilona Varga');
  });

  it('"…, said X." takes X even after a comma-separated aside', async () => {
    expect((await speakers('For some families, the losses were too heavy to bear, said Doreen Mutasa.')).at(-1)).toEqual([
      'Doreen Mutasa',
      'Doreen Mutasa',
    ]);
  });

  it('after "told" the name is the listener', async () => {
    const found = await speakers('“The port will reopen,” Halima Osei, head of the port authority, told Reuters.');
    expect(found.at(-1)![0]).toBe('Halima Osei');
  });

  it('"X, who said" names X and keeps "who" as the words that name the source', async () => {
    expect((await speakers('The talks were led by Oruba Tesfanet, who said the deal was close.')).at(-1)).toEqual([
      'Oruba Tesfanet',
      'who',
    ]);
  });

  it('"what the party described as" is the party’s statement', async () => {
    const found = await speakers('The Zanu PF party expelled him. He was expelled for what the party described as indiscipline.');
    expect(found.at(-1)![0]).toBe('Zanu PF');
  });
});

describe('pronouns after a newly introduced person', () => {
  it('"he said" after narration that introduces a new man is that man, not the previous speaker', async () => {
    const doc = await analyze(
      'Dr. Rahul Menon said the clinic was full. Michael Osei was diagnosed with diabetes in 2019. “I have to take six pills every day,” he said.',
    );
    expect(statements(doc).map((s) => s.speaker)).toEqual(['Rahul Menon', 'Michael Osei']);
  });

  it('the new man is the subject of the narration that introduced him, not a man named after it', async () => {
    const doc = await analyze(
      'Omar Haddad said the talks had failed. Rami Saleh met Sami Aziz in Beirut on Friday. “The talks can still be saved,” he said.',
    );
    expect(statements(doc).map((s) => s.speaker)).toEqual(['Omar Haddad', 'Rami Saleh']);
  });

  it('a subject of the other gender is not "he"', async () => {
    const doc = await analyze(
      'Omar Haddad said the talks had failed. Maria Lopez met Sami Aziz in Beirut on Friday. “The talks can still be saved,” he said.',
    );
    expect(statements(doc).map((s) => s.speaker)).not.toContain('Maria Lopez');
  });

  it('a name inside the quotation a pronoun closes is no antecedent', async () => {
    const doc = await analyze(
      'Grace Mensah said the count was slow. “I congratulate Geert Wilders on a fine result,” she told supporters.',
    );
    expect(statements(doc).map((s) => s.speaker)).toEqual(['Grace Mensah', 'Grace Mensah']);
  });
});

describe('outlets and reported stances', () => {
  it('an outlet reporting another actor’s threat makes a claim', async () => {
    const doc = await analyze('Al-Manar reported that Hezbollah vowed to strike the base.');
    expect(statements(doc).map((s) => [s.speaker, s.label])).toEqual([['Al-Manar', 'claim']]);
  });

  it('the source’s own threat inside its report stays a threat', async () => {
    const doc = await analyze('Hezbollah said it would strike the base.');
    expect(statements(doc).map((s) => [s.speaker, s.label])).toEqual([['Hezbollah', 'threat']]);
  });

  it('"the daily" is the outlet that spoke last', async () => {
    const doc = await analyze('The Saudi daily Asharq Al-Awsat reported that talks had resumed. The daily said a deal was near.');
    expect(statements(doc).map((s) => s.speaker)).toEqual(['Asharq Al-Awsat', 'Asharq Al-Awsat']);
  });
});

describe('a country speaks through its government', () => {
  it('"the Thai government said" is Thailand when the document names it, else unnamed', async () => {
    const named = await analyze('Thailand deported 40 men in February. The Thai government said the men were safe.');
    expect(statements(named).map((s) => [s.speaker, s.speakerText])).toEqual([['Thailand', 'The Thai government']]);
    const unnamed = await analyze('The Thai government said the men were safe.');
    expect(statements(unnamed).map((s) => s.speaker)).toEqual([null]);
  });
});

describe('asides, source phrases and gender from the text', () => {
  it('", though," is an aside: the subject before it speaks, and no name from the content is taken', async () => {
    expect(
      await speakers('Thailand sent the men to China. Rights groups, though, say the five could face a forced return to China soon.'),
    ).toEqual([[null, 'Rights groups']]);
  });

  it('the phrase after "according to" ends before its verb', async () => {
    const found = await speakers(
      'The senator, who according to some local outlets is weighing a run against Emmanuel Macron, said nothing.',
    );
    expect(found.some(([speaker]) => speaker === 'Emmanuel Macron')).toBe(false);
  });

  it('a person the lexicon cannot gender takes the gender of the pronouns the text uses for them', async () => {
    const doc = await analyze(
      'Wuraola Dembetsi said she would publish the findings. Obinna Kaluwe said his team had dated the site. “It burned in 1860,” she said.',
    );
    expect(
      statements(doc)
        .map((s) => s.speaker)
        .at(-1),
    ).toBe('Wuraola Dembetsi');
  });
});

describe('NYT-style quotation marks', () => {
  it("''…,'' said X is X's statement, and the next quoted sentence continues it", async () => {
    const doc = await analyze(
      "The plan drew doubts. ''It is tinkering at the edges,'' said Oskar Lindqvist, an economist. ''It will not raise much money.'' The vote is in May.",
    );
    expect(doc.statements.map((s) => [s.speakerText, s.provenance.rule])).toEqual([
      ['Oskar Lindqvist', 'cue:say'],
      ['Oskar Lindqvist', 'quote-continuation'],
    ]);
  });
});

describe('subject phrases in political news', () => {
  it('a role noun makes a subject a speaker, so the outer report keeps its source', async () => {
    const found = await speakers('The Indiana governor said Democrats and the media are to blame.');
    expect(found).toEqual([[null, 'The Indiana governor']]);
  });

  it('a cue word that modifies a noun stays in the phrase: "state officials"', async () => {
    expect(await speakers('Federal and state officials said the two raised $350 million.')).toEqual([
      [null, 'Federal and state officials'],
    ]);
  });

  it('"all" between a listed subject and its verb is skipped, and the first named member speaks', async () => {
    const found = await speakers(
      'Jeff Merkley (D-Ore.), Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.) all suggested that the fines were too small.',
    );
    expect(found[0]![0]).toBe('Jeff Merkley');
  });

  it('a name heading a phrase with a preposition speaks: "Stumpf in a televised interview appeared to blame"', async () => {
    const found = await speakers(
      'John Stumpf led the bank. Last week Stumpf in a televised interview appeared to blame low-level workers.',
    );
    expect(found.at(-1)![0]).toBe('John Stumpf');
  });
});

describe('threats: voice and nouns', () => {
  it('a passive harm against the subject is a threat; a passive of a verb that harms only when active is not', async () => {
    expect(await labels('The militia said any ship will be struck.')).toEqual(['threat']);
    expect(await labels('The analyst said no new agreement will be reached this year.')).toEqual(['claim']);
  });

  it('"be" before a noun phrase is a state, not an act', async () => {
    expect(await labels('The director said farmers will be the hardest hit.')).toEqual(['claim']);
  });

  it('a harm noun is a threat as the object of an act, not of perception', async () => {
    expect(await labels('The commander said his fighters would keep up their attacks on the port.')).toEqual(['threat']);
    expect(await labels('The minister said we must see the attacks on schools as a national emergency.')).toEqual(['claim']);
  });

  it('paying is a threat only as a price paid for something done', async () => {
    // Paying respect is no price: it is approval (support), never a threat.
    expect(await labels('The curator said we should pay respect to oral history.')).toEqual(['support']);
    expect(await labels('The group said the occupiers will pay for their crimes.')).toEqual(['threat']);
  });
});

describe('introducers and page furniture', () => {
  it('"The governor added:" is no statement; the sentence it introduces is the governor’s, quoted or not', async () => {
    const doc = await analyze('Governor Laura Kelly spoke on Monday. The governor added:\n\nThe budget will be balanced by June.');
    expect(doc.statements.map((s) => [s.text, s.provenance.rule])).toEqual([
      ['The budget will be balanced by June.', 'quote-continuation'],
    ]);
  });

  it('embed markup, a reporting credit and a stage direction are never statements', async () => {
    const doc = await analyze(
      'The senator said the bill would pass.\n\n<tweet author="someone">The bill said nothing new, she said.</tweet>\n\n(CROSSTALK)\n\nAmira Haddad contributed reporting.',
    );
    expect(doc.statements.map((s) => s.text)).toEqual(['The senator said the bill would pass.']);
  });
});

describe('appositions around the subject', () => {
  it('a name after capitalised titles and places opens the subject: "Central Java Governor X, after …, told"', async () => {
    expect(
      await speakerNames(
        'Regional Governor Ganjar Pranowo, after a meeting with activists from Animal Rights Asia, told the council to act.',
      ),
    ).toEqual(['Ganjar Pranowo']);
  });

  it('a name that ends an apposition chain describes the person who opens the clause', async () => {
    expect(
      await speakerNames(
        'Siyoka Simasiku, director at the coalition, Ngamiland Council of Non-Governmental Organisations says hunting bans hurt villages.',
      ),
    ).toEqual(['Siyoka Simasiku']);
  });
});

describe('review fixes', () => {
  it('a pronoun’s window counts back from its own sentence, however far the next name is', async () => {
    const filler =
      'The rains came late. The roads closed. The river rose. Farmers waited. Prices climbed. Schools shut. Markets emptied. Buses stopped. Wells dried. ';
    const doc = await analyze(`Grace Mensah led the inquiry. “The records were burned,” she said. ${filler}Kenya declared a drought.`);
    expect(statements(doc).map((s) => s.speaker)[0]).toBe('Grace Mensah');
  });

  it('"the South Sudanese government" is not Sudan', async () => {
    const doc = await analyze('Sudan and South Sudan signed a deal. The South Sudanese government said the oil would flow.');
    expect(statements(doc).map((s) => s.speaker)).not.toContain('Sudan');
  });

  it('a line that only opens with markup, or mentions a contribution in lower case, is prose', async () => {
    const doc = await analyze('<b>Update:</b> The ministry said the border reopened.\n\nThe minister said others contributed research.');
    expect(statements(doc).map((s) => s.text)).toEqual([
      '<b>Update:</b> The ministry said the border reopened.',
      'The minister said others contributed research.',
    ]);
  });
});

describe('plural sources with named members', () => {
  it('"Critics, including X, suggest" and "groups such as X say" speak through X; a plural inside the content does not', async () => {
    expect(await speakerNames('Critics, including Hungary’s Viktor Orban, suggest Europe cannot afford the war.')).toEqual([
      'Viktor Orban',
    ]);
    expect(await speakerNames('Rights groups and lawmakers such as Vince Cable, though, say the law is unjust.')).toEqual(['Vince Cable']);
    expect(await speakerNames('The ministers said that many countries, including France, would send aid.')).toEqual([null]);
  });

  it('a member list followed by a clause with its own subject is not the source: "models, including X, which experts say"', async () => {
    expect(
      await speakerNames('Beijing released several new models, including DeepSeek and Manus, which experts say can rival Google.'),
    ).toEqual([null]);
  });
});
