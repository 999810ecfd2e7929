import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/document/types.js';
import { analyze } from '../../helpers/documents.js';

/** Each statement's speaker name, speaker phrase and cue. */
async function speakers(text: string) {
  const doc: Document = await analyze(text);
  return doc.statements.map((s) => [s.speaker === null ? null : doc.entities[s.speaker]!.name, s.speakerText, s.cue]);
}

describe('speakers: cues that are no finite verb of their own', () => {
  it("a participle after a verb's object speaks for that verb's subject", async () => {
    expect(await speakers('The Vermont senator emailed supporters saying the fight would go on.')).toEqual([
      [null, 'The Vermont senator', 'saying'],
    ]);
    expect(await speakers('Protesters carried banners denouncing the government.')).toEqual([[null, 'Protesters', 'denouncing']]);
  });

  it('an infinitive speaks through the subject of the verb that governs it', async () => {
    expect(await speakers('Rosa Mendes took her students to the museum on Friday to explain how the war began.')).toEqual([
      ['Rosa Mendes', 'Rosa Mendes', 'explain'],
    ]);
  });

  it('a participle in an adjunct that opens the sentence speaks through the subject after its comma', async () => {
    expect(await speakers('After criticizing the ruling in a long post, Daniel Osei went on television.')).toEqual([
      ['Daniel Osei', 'Daniel Osei', 'criticizing'],
    ]);
  });

  it('a verbless cue ("in a statement") reports the verb of its clause, whose subject speaks', async () => {
    const found = await speakers('The Ministry of Trade called the figures "misleading," in a statement on Friday.');
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Ministry of Trade', 'in a statement']]);
  });

  it('a coordinated verb after a fronted subordinate clause shares the main clause subject', async () => {
    const found = await speakers('As the votes were counted, the Green Party gathered in a hall and accused the governor of fraud.');
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Green Party', 'accused']]);
  });
});

describe('speakers: passives, quotations and appositions', () => {
  it('a passive speaks through its agent when adverbs stand between the auxiliary and the cue', async () => {
    expect(await speakers('The plan to close the port was first reported by Reuters.')).toEqual([['Reuters', 'Reuters', 'reported']]);
  });

  it('a passive speaks through its agent when an adjunct stands between the cue and "by"', async () => {
    expect(await speakers('Tomas Berg was recommended for the post by Ana Ruiz, a friend.')).toEqual([
      ['Ana Ruiz', 'Ana Ruiz', 'recommended'],
    ]);
    expect(await speakers('The plan was praised on Tuesday by the mayor.')).toEqual([[null, 'the mayor', 'praised']]);
  });

  it('a "by" after a clause the passive cue opens is no agent of it', async () => {
    const found = await speakers('Ana Ruiz spoke when it was revealed that Berg funded lawsuits by Lena Fischer.');
    expect(found.some(([name]) => name === 'Lena Fischer')).toBe(false);
  });

  it('a quoted word inside narration is no clause boundary', async () => {
    const found = await speakers('Nadia Petrova called the vote "a farce" and said she would not accept it.');
    expect(found.map(([name]) => name)).toEqual(['Nadia Petrova']);
  });

  it('a comma inside the closing quotation of an aside leaves the subject before the aside', async () => {
    const found = await speakers(
      'Journalist Farai Dube was arrested on Monday. Dube, who faces a charge of "spreading falsehoods," denies the charge.',
    );
    expect(found.map(([name]) => name)).toEqual(['Farai Dube']);
  });

  it('a name that follows a clause or another person is a speaker of its own, not an apposition', async () => {
    const found = await speakers(
      'Tomas Berg, the party treasurer, had signed the cheques and kept the books, the Electoral Commission said. Olsen, Karimi said, misled voters.',
    );
    expect(found.map(([name]) => name)).toEqual(['Electoral Commission', 'Karimi']);
  });
});

describe('speakers: unnamed sources and their modifiers', () => {
  it('an unnamed source keeps its relative clause', async () => {
    const found = await speakers('Neighbours of the mayor who have visited him at home say he is tired.');
    expect(found).toEqual([[null, 'Neighbours of the mayor who have visited him at home', 'say']]);
  });

  it('after "according to", a source keeps its participle modifier', async () => {
    const found = await speakers('The deficit will grow next year, according to officials involved in the budget talks.');
    expect(found).toEqual([[null, 'officials involved in the budget talks', 'according to']]);
  });

  it('a plural person noun names a source, so its cue wins over an infinitive in the content', async () => {
    const found = await speakers('The effects are hard to predict, many economists say.');
    expect(found).toEqual([[null, 'many economists', 'say']]);
  });
});

describe('speakers: counts, asides, names with "of", contractions', () => {
  it('a count of people speaks for them: a percentage, a number word in a phrase, a quantity word', async () => {
    const found = await speakers(
      'On taxes, 52% say the rates are too high. Roughly three in 10 farmers in the region say prices will fall.',
    );
    expect(found.map(([name, text]) => [name, text])).toEqual([
      [null, '52%'],
      [null, 'Roughly three in 10 farmers in the region'],
    ]);
  });

  it('a count of people opening the subject is a source, ahead of a source named inside the content', async () => {
    const found = await speakers('One in three said the party does not care much about farmers and one in four said it cares a lot.');
    expect(found[0]![1]).toBe('One in three');
  });

  it('a cue word joined by a hyphen is part of a compound, and the compound part of the source phrase', async () => {
    const found = await speakers('The new 12-state survey suggests that farmers are tired.');
    expect(found).toEqual([[null, 'The new 12-state survey', 'suggests']]);
  });

  it("an unnamed subject's words run on through its appositive, not through an aside", async () => {
    expect((await speakers('Another pollster, a lecturer at the state college, said prices would fall.'))[0]![1]).toBe(
      'Another pollster, a lecturer at the state college',
    );
    expect((await speakers('Rights groups, though, say the five men could face a return to prison.'))[0]![1]).toBe('Rights groups');
  });

  it('a bare quantity word in a subordinate clause does not outrank "according to"', async () => {
    const found = await speakers('According to Norman Hale, the ministry lost its chiefs because many disagreed with the minister.');
    expect(found[0]![0]).toBe('Norman Hale');
  });

  it('a participle between commas right after the subject is an aside, not the verb a coordinated cue shares', async () => {
    const found = await speakers('The union leaders, hoping for a quick deal, met the minister and said they would wait.');
    expect(found.map(([, text]) => text)).toEqual(['The union leaders']);
  });

  it('after an inverted cue the name before "of" is the speaker, not the place after it', async () => {
    const found = await speakers('"We will not back down," said Senator Jane Roe of Ohio, pointing to the vote.');
    expect(found.map(([name]) => name)).toEqual(['Jane Roe']);
  });

  it('a pronoun with a contracted auxiliary is still the subject', async () => {
    const found = await speakers('Carla Diaz spoke in Denver. She’s often predicted a recession. And they’ve criticized the plan.');
    expect(found.map(([, text]) => text)).toEqual(['She', 'they']);
  });
});

describe('speakers: relative clauses, joined clauses and quotation frames', () => {
  it('"who" after a comma is the source\'s words even when its antecedent is unnamed', async () => {
    const found = await speakers('The vote was backed by a local farmer, who said the new road would help.');
    expect(found.map(([, text]) => text)).toEqual(['who']);
  });

  it('a subordinate clause set off by commas stays an aside when an adverb stands before the cue', async () => {
    const found = await speakers('Ana Ruiz, after the scandal about the budget broke in March, initially said that no money was missing.');
    expect(found).toEqual([['Ana Ruiz', 'Ana Ruiz', 'said']]);
  });

  it('a verb after "but" with no subject of its own shares the subject of the clause before', async () => {
    const found = await speakers('Mary Lopez backed the toll for years - twice, in fact - but has since said the road should be free.');
    expect(found).toEqual([['Mary Lopez', 'Mary Lopez', 'said']]);
  });

  it("a relative pronoun right before its cue is the source's words, and a name right before it the speaker", async () => {
    expect(await speakers('The mayor met farmers who complained about the new tax.')).toEqual([[null, 'who', 'complained']]);
    expect(await speakers('The march was led by Maria Lopez who told the crowd to stay calm.')).toEqual([['Maria Lopez', 'who', 'told']]);
  });

  it('the relative pronoun or conjunction that joins a clause is not part of its source', async () => {
    const found = await speakers('The council approved a new tax, which even landlords say is fair.');
    expect(found.map(([, text]) => text)).toEqual(['landlords']);
  });

  it('"said in a statement" after a named subject is not a source phrase after the cue', async () => {
    const found = await speakers('"We will fight this ruling," Helen Park, the group\'s lawyer, said in a statement.');
    expect(found.map(([name]) => name)).toEqual(['Helen Park']);
  });

  it('a name with any verb right after a closing quotation attributes the quotation and the next one', async () => {
    const found = await speakers(
      'Mayor Ruth Kagame spoke first. "It will work," Kagame said. "We used to agree on roads," Senator Omar Haddad mused. "Not any more."',
    );
    expect(found.map(([name]) => name)).toEqual(['Ruth Kagame', 'Omar Haddad', 'Omar Haddad']);
  });
});

describe('speakers: frames with verbs the lexicon does not know', () => {
  it('a quotation over several sentences takes the frame that closes it, in every sentence', async () => {
    const found = await speakers(
      'Mayor Ana Ruiz met the farmers. "We will build the road," Ruiz said.\n\n"The money is there. We have the votes," she went on.',
    );
    expect(found.map(([, text]) => text)).toEqual(['Ruiz', 'she', 'she']);
  });

  it("a frame opening the sentence attributes the quotation after its comma, and the quotation's next sentence", async () => {
    const found = await speakers(
      'Tomas Berg ran the port for a decade. "Ships come late," Berg said.\n\nHe continued, "The cranes are old. Nobody pays for new ones."',
    );
    expect(found.map(([, text]) => text)).toEqual(['Berg', 'He', 'He']);
  });

  it('a dash and a name after a quotation credit every sentence of it, on its line or on the next', async () => {
    const sameLine = await analyze(
      'Readers wrote to us.\n\n“The water is gone. The wells are dry.” ― Ana Torres\n\nThe mayor did not reply.',
    );
    expect(sameLine.statements.slice(1).map((s) => [s.speakerText, s.provenance.rule])).toEqual([
      ['Ana Torres', 'quote-continuation'],
      ['Ana Torres', 'quote-continuation'],
    ]);
    const nextLine = await speakers('Readers wrote to us.\n\n“The water is gone. The wells are dry.”\n— Ana Torres');
    expect(nextLine.slice(1).map(([name]) => name)).toEqual(['Ana Torres', 'Ana Torres']);
    // A dash that opens narration credits nobody.
    const narration = await speakers('Ana Torres wrote to us. “The wells are dry.” — Luis Vega then left the town.');
    expect(narration.map(([, text]) => text)).toEqual(['Ana Torres', 'Ana Torres']);
  });

  it('a frame between two quotations attributes both, by the rules', async () => {
    const doc = await analyze(
      'Lena Fischer heads the union. "Wages are low," Fischer said.\n\nThe board met twice. "To date," she went on, "nobody has listened."',
    );
    expect(doc.statements.map((s) => [s.speakerText, s.provenance.rule])).toEqual([
      ['Fischer', 'cue:say'],
      ['she', 'quote-continuation'],
    ]);
  });

  it('"it" frames a quotation too: an organisation\'s letter or statement "read"', async () => {
    const doc = await analyze(
      'The Farmers Union said on Monday that it had written to the mayor. "The delay shows contempt for our families," it read.',
    );
    expect(doc.statements.map((s) => [s.speakerText, s.provenance.rule])).toEqual([
      ['Farmers Union', 'cue:say'],
      ['it', 'quote-continuation'],
    ]);
  });

  it('a quoted sentence continues the nearest statement before it, not the one found last', async () => {
    const found = await speakers(
      '"The river is rising," Nadia Petrova said. "It rose all week. We saw it early." "The town is ready," she added. "We have boats."',
    );
    expect(found.map(([, text]) => text)).toEqual(['Nadia Petrova', 'Nadia Petrova', 'Nadia Petrova', 'she', 'she']);
  });
});

describe('speakers: a closing attribution reports the whole sentence', () => {
  it('a cue closing the sentence after a comma outranks the cues inside what it reports', async () => {
    const found = await speakers(
      'Mayor Ana Ruiz criticized the budget and said it would hurt schools, people familiar with the meeting said on Tuesday.',
    );
    expect(found.map(([name, text]) => [name, text])).toEqual([[null, 'people familiar with the meeting']]);
  });

  it('a closing "according to" reports the speech before it, but leaves a stance with its holder', async () => {
    expect((await speakers('Tomas Berg said the port would close, according to a transcript of the hearing.'))[0]![1]).toBe(
      'a transcript of the hearing',
    );
    expect((await speakers('Tomas Berg praised the dock workers, according to a transcript of the hearing.'))[0]![0]).toBe('Tomas Berg');
  });

  it('an inverted closing cue speaks through the name after it', async () => {
    const found = await speakers('The army rejected the report, said Colonel Tom Blake.');
    expect(found.map(([name]) => name)).toEqual(['Tom Blake']);
  });

  it('a cue inverted after a quotation closed inside narration speaks through the name after it', async () => {
    const found = await speakers("In private, Mr. Okafor is ''calling his old friends,'' said Lena Fischer, the campaign's director.");
    expect(found.map(([name]) => name)).toEqual(['Lena Fischer']);
  });

  it("after an inverted cue, a person named right after an organisation's role noun is the speaker", async () => {
    const found = await speakers('"The math is hard for him," said Labour adviser Tomas Berg.');
    expect(found.map(([name]) => name)).toEqual(['Tomas Berg']);
  });

  it('a cue after a comma that takes an object is the reported clause, not a closing frame', async () => {
    const found = await speakers('Omar Haddad said his brother and their producer, Lina Sayed, wrote the new songs in a week.');
    expect(found.map(([name]) => name)).toEqual(['Omar Haddad']);
  });
});

describe('speakers: clauses inside and before the subject', () => {
  it('a subordinate clause opening the sentence with a source of its own is a statement of its own', async () => {
    expect(
      await speakers('While Prime Minister Omar Haddad has condemned the strikes, opposition groups say the aid is too little.'),
    ).toEqual([
      ['Omar Haddad', 'Omar Haddad', 'condemned'],
      [null, 'opposition groups', 'say'],
    ]);
  });

  it('a fronted clause without a finite cue of its own does not split the sentence', async () => {
    expect(await speakers('Though it is hard to assess the figures, analysts say the toll is rising.')).toEqual([
      [null, 'analysts', 'say'],
    ]);
  });

  it('a relative clause inside the subject leaves the main verb its subject', async () => {
    const found = await speakers('The farmers who protested the decision said prices would rise.');
    expect(found.map(([, text, cue]) => [text, cue])).toEqual([['The farmers who protested the decision', 'said']]);
  });

  it("a possessive's noun is no cue", async () => {
    expect(await speakers("It is hard to judge the ministry's claims about the toll.")).toEqual([]);
  });
});

describe('speakers: the head of the subject phrase', () => {
  it('people "in" or "of" places joined by "and" are unnamed, not the last place', async () => {
    expect(await speakers('Politicians in Britain and the United States said the deal was flawed.')).toEqual([
      [null, 'Politicians in Britain and the United States', 'said'],
    ]);
  });

  it('a name that ends a fronted phrase before a comma is not joined to the subject', async () => {
    const found = await speakers('In a conversation with journalists posted on YouTube, Hector Joseph said he was a revolutionary.');
    expect(found.map(([name]) => name)).toEqual(['Hector Joseph']);
  });

  it('a role that names another organization is not the person named last', async () => {
    const found = await speakers(
      'EU foreign policy chief Kaja Kallas said the bloc would respond. The head of UNICEF said children were dying.',
    );
    expect(found.map(([name]) => name)).toEqual(['Kaja Kallas', null]);
  });
});

describe('speakers: a quotation that never closes', () => {
  it('ends before narration that attributes speech, whose speaker is its own', async () => {
    const found = await speakers(
      'Talks\n\n"The blockade must end now," Levin tweeted. "Who will be next? Exantus said three inquiries had opened. Exantus told reporters the vote would go ahead.',
    );
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([
      ['Levin', 'tweeted'],
      ['Levin', 'tweeted'],
      ['Exantus', 'said'],
      ['Exantus', 'told'],
    ]);
  });
});

describe('statements: a report in a relative clause with a source of its own', () => {
  /** Each statement's text and speaker phrase. */
  async function pieces(text: string) {
    const doc: Document = await analyze(text);
    return doc.statements.map((s) => [s.text, s.speakerText]);
  }

  it('is its own statement, and the sentence around it stays its speaker\'s where it holds more than "X said"', async () => {
    expect(await pieces('The strikes hit a depot, which the Pentagon says held Iranian drones, Hamdan Saleh said.')).toEqual([
      ['The strikes hit a depot', 'Hamdan Saleh'],
      ['which the Pentagon says held Iranian drones', 'Pentagon'],
    ]);
  });

  it('reads "who according to X" as such a report', async () => {
    expect(await pieces('Pierre Laval, who according to French media is weighing a run, says the border system is failing.')).toEqual([
      ['who according to French media is weighing a run', 'French media'],
      ['says the border system is failing.', 'Pierre Laval'],
    ]);
  });

  it('leaves one statement where the relative clause reports the same source', async () => {
    expect(await pieces('Rami Saleh said the loans, which he said came with conditions, were repaid.')).toHaveLength(1);
  });
});

describe('speakers: asides and relative clauses around the subject', () => {
  it('a relative clause set off by commas is no part of the source, and what it holds opens no clause', async () => {
    expect(
      await speakers('A White House official, who requested anonymity to discuss it, said the president had spoken with the mayor.'),
    ).toEqual([[null, 'A White House official', 'said']]);
    const found = await speakers(
      'Berisha, who resigned as party leader but remained in parliament after being defeated in 2013, rejected the allegations on Thursday.',
    );
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Berisha', 'rejected']]);
  });

  it('a reporting verb after a comma takes the speaker after it only when a short description ends the clause', async () => {
    const titled = await speakers("However costly the plan, cutting the tax ''is a misguided approach,'' said Mr. Burman, a tax expert.");
    expect(titled.map(([name]) => name)).toEqual(['Burman']);
  });

  it('the subject of a relative clause that follows a preposition or a noun phrase speaks', async () => {
    expect(await speakers('The university faces a lawsuit in which students have alleged they were misled.')).toEqual([
      [null, 'students', 'alleged'],
    ]);
    expect(await speakers('The publisher awaits a trial in a tax case that press freedom groups say is politically motivated.')).toEqual([
      [null, 'press freedom groups', 'say'],
    ]);
    // A subject relative stays in the subject, and "that" after a verb is no relative.
    expect(
      (await speakers('The judges who ruled that Texas could not enforce the law, for instance, said the problem was the ID.')).map(
        ([n]) => n,
      ),
    ).toEqual([null]);
  });

  it('a fronted phrase set off by a comma is no subject, whatever name it holds', async () => {
    const found = await speakers(
      'Like Lutnick, Kevin Hassett, director of the National Economic Council, emphasized that tariffs would end.',
    );
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Kevin Hassett', 'emphasized']]);
  });

  it('a subordinator inside a participle aside between subject and cue opens no clause', async () => {
    const found = await speakers('Senator Mark Dalton, speaking after the governor, said Syria was a problem.');
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Mark Dalton', 'said']]);
    const cited = await speakers('Mark Dalton, speaking after Ruth Perez at the forum, cited problems in Syria and Iran.');
    expect(cited.map(([name]) => name)).toEqual(['Mark Dalton']);
  });

  it("a participle after the main clause speaks for the subject past its relative clause, not for the relative's pronoun", async () => {
    const found = await speakers(
      'Northern governors who have been among the loudest critics of the dam have backed a review, warning that the river will flood.',
    );
    expect(found).toEqual([[null, 'Northern governors who have been among the loudest critics of the dam', 'warning']]);
  });

  it('a participle after "with" speaks for the noun phrase before it, past adverbs, not for the main subject', async () => {
    const found = await speakers('Turkey and Greece have clashed over the radars, with Cavusoglu warning that the bases are at risk.');
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Cavusoglu', 'warning']]);
    const adverb = await speakers('Lena Varga and Tomas Berg spoke in harsh terms, with Berg recently promising to resign.');
    expect(adverb.map(([name]) => name)).toEqual(['Tomas Berg']);
  });

  it('a court speaks as an institution, and frames the report of what another did', async () => {
    const found = await speakers('The court alleged the journalist had posted false reports about the army.');
    expect(found).toEqual([[null, 'The court', 'alleged']]);
  });

  it('"stands accused" is a passive with no agent: the accused is not the source', async () => {
    expect((await speakers('Tomas Berg, who founded the paper, stands accused of collusion.')).map(([name, text]) => [name, text])).toEqual(
      [[null, null]],
    );
  });

  it('a cue in a subordinate clause opening the sentence yields to the main clause after its comma', async () => {
    const found = await speakers(
      'Interestingly, after the department asked Varga to search her e-mails, Berg said the search was complete.',
    );
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Berg', 'said']]);
  });

  it('a document speaks through its whole phrase, however long', async () => {
    const found = await speakers("A memo on the Perez campaign's website states that farmers would receive the subsidy.");
    expect(found).toEqual([[null, "A memo on the Perez campaign's website", 'states']]);
  });

  it('an adverb that joins the sentence to the one before is no part of the source', async () => {
    expect(await speakers('Yet Democratic economists say taxing consumption encourages savings.')).toEqual([
      [null, 'Democratic economists', 'say'],
    ]);
  });
});

describe('speakers: which cue frames the sentence', () => {
  it('a speech verb passed over as infinitive or participle frames the cues whose subjects stand in what it reports', async () => {
    const infinitive = await speakers(
      'Mara Quist spoke on Monday. She went on to say that some mayors, such as Tom Alder, are angry at Quist for agreeing to the talks.',
    );
    expect(infinitive.at(-1)).toEqual(['Mara Quist', 'She', 'say']);
    const participle = await speakers('Ivo Brand opened the forum by asking Lena Moss why she had stated last year that taxes would fall.');
    expect(participle).toEqual([['Ivo Brand', 'Ivo Brand', 'asking']]);
    const adjunct = await speakers(
      'Karl Ost had a mixed view of the budget, while saying that the minister’s speech reassured him about pensions.',
    );
    expect(adjunct.map(([name, , cue]) => [name, cue])).toEqual([['Karl Ost', 'saying']]);
  });

  it('a participle opening the sentence is an adjunct of the clause after its comma, whose subject speaks', async () => {
    const found = await speakers('Asked by Tom Reyes to respond to the charge, Nora Vint said the figures were wrong.');
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Nora Vint', 'said']]);
  });

  it('keeps the main clause where the speech verb opens the sentence, completes a noun, or a closing cue reports it all', async () => {
    const fronted = await speakers('When asked whether the plan would work, most economists said it would not.');
    expect(fronted.map(([, text, cue]) => [text, cue])).toEqual([['most economists', 'said']]);
    const noun = await speakers('Police have no evidence to suggest that Omar Hale admitted the theft.');
    expect(noun.map(([name]) => name)).not.toContain(null);
    const closing = await speakers('He promised to state his case to the board, Nils Varga said.');
    expect(closing.map(([name, , cue]) => [name, cue])).toEqual([['Nils Varga', 'said']]);
  });
});

describe('speakers: pronouns, titles and names in the subject', () => {
  it('a subject pronoun is the source alone, whatever words come before it, and without its auxiliary', async () => {
    expect((await speakers('Every month since the spring we have asked twenty mayors to rank the roads.')).map(([, t]) => t)).toEqual([
      'we',
    ]);
    expect((await speakers("All I'm asking is that the council be careful.")).map(([, t]) => t)).toEqual(['I']);
    expect((await speakers("I'd add one reason for the split.")).map(([, t]) => t)).toEqual(['I']);
    expect((await speakers('Let me just say that the hall was not full.')).map(([, t]) => t)).toEqual(['me']);
    expect((await speakers('Many of you have noted the change in tone.')).map(([, t]) => t)).toEqual(['Many of you']);
    const inRelative = await speakers(
      'For a year, the campaign has lagged with voters that wanted more than the hard work she promised to do.',
    );
    expect(inRelative.map(([, t]) => t)).toEqual(['she']);
  });

  it('a name after a lower-case title and before a party in parentheses speaks, not the appositive', async () => {
    const found = await speakers('Former Ohio governor Dale Wren (D), a union ally, praised the mayor for the deal.');
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Dale Wren', 'praised']]);
  });

  it('a subordinate clause set off by commas after the subject is no part of its words', async () => {
    const found = await speakers("Lund's office, when contacted by the paper, said the senator could not recall the dinner.");
    expect(found.map(([, text]) => text)).toEqual(["Lund's office"]);
  });

  it('a quotation closed by three apostrophes (inner and outer mark) is attributed by the name after its cue', async () => {
    const found = await speakers("''They chant, 'go home,''' said Tom Roost. ''We stay.''");
    expect(found.map(([name]) => name)).toEqual(['Tom Roost', 'Tom Roost']);
  });

  it('a participle that modifies the subject is part of it, and the verb after it is the cue', async () => {
    expect(await speakers('People briefed on the plan said the vote would be delayed.')).toEqual([
      [null, 'People briefed on the plan', 'said'],
    ]);
    expect(await speakers('People involved in the talks said the vote would be delayed.')).toEqual([
      [null, 'People involved in the talks', 'said'],
    ]);
    // A finite verb after its subject, with a clause of another subject after it, is no modifier.
    const found = await speakers('A farmer asked for a loan and Nora Vint said the bank would help.');
    expect(found.map(([, text]) => text)).not.toContain('A farmer asked for a loan and Nora Vint');
  });

  it('a time phrase between the auxiliary and the cue is no part of the source, but a noun phrase ending in a time word is', async () => {
    expect((await speakers('The mayor has in recent weeks said the road would reopen.')).map(([, t]) => t)).toEqual(['The mayor']);
    expect((await speakers('Ines Roa, the party chair, this past week announced a new website.')).map(([n]) => n)).toEqual(['Ines Roa']);
    const phrase = await speakers('Officials in the region over the years said the tone had changed.');
    expect(phrase.map(([, t]) => t)).toEqual(['Officials in the region over the years']);
  });

  it('a time word in a name, or with nothing before it, is the subject', async () => {
    expect((await speakers('Tom Day said the plan was good.')).map(([, t]) => t)).toEqual(['Tom Day']);
    expect((await speakers('Tom Day spoke first. Day said the plan was good.')).map(([n, t]) => [n, t])).toEqual([['Tom Day', 'Day']]);
  });

  it('an infinitive after the object of a verb of causing is spoken by the object', async () => {
    const led = await speakers('The decisive victory led party chairman Omar Saleh to declare the race over.');
    expect(led.map(([n, t]) => [n, t])).toEqual([['Omar Saleh', 'Omar Saleh']]);
    const forced = await speakers('Omar Saleh spoke on Monday. The scandal forced him to admit that the funds were missing.');
    expect(forced.at(-1)!.slice(0, 2)).toEqual(['Omar Saleh', 'him']);
    // Urging someone to speak is the urger's act; the speech it asks for has not happened.
    const urged = await speakers('Omar Saleh is pushing fellow senators to reject the debt deal.');
    expect(urged.map(([n]) => n)).toEqual(['Omar Saleh']);
  });

  it('a phrase that opens the sentence before a comma is no subject, nor is "continued to" part of one', async () => {
    const fronted = await speakers('With just months left in his term, Senate Republicans have all but stopped confirming his judges.');
    expect(fronted.map(([, t]) => t)).toEqual(['Senate Republicans']);
    const continued = await speakers('The party leader, Omar Saleh, continued to assert that the vote was rigged.');
    expect(continued.map(([n]) => n)).toEqual(['Omar Saleh']);
  });

  it('an organisation finds with a that-clause, past a phrase that opens the sentence', async () => {
    const found = await speakers('After an investigation, the Department of Justice found that the police had used excessive force.');
    expect(found).toEqual([['Department of Justice', 'the Department of Justice', 'found']]);
  });

  it('"according to" a thing at the sentence start is the source, not the subject of the clause after its comma', async () => {
    const found = await speakers('According to the results, Omar Saleh increases his lead over the mayor.');
    expect(found.map(([n, t]) => [n, t])).toEqual([[null, 'the results']]);
  });

  it('a participle that modifies a noun takes its agent after "by"; "by" before a gerund names no agent', async () => {
    const agent = await speakers('The law, a measure strongly opposed by the unions, failed in June.');
    expect(agent.map(([, t]) => t)).toEqual(['the unions']);
    const how = await speakers('Omar Saleh concluded by admonishing journalists who cannot put their views aside.');
    expect(how.map(([n]) => n)).toEqual(['Omar Saleh']);
  });

  it('an unnamed source after its cue that ends the sentence keeps its modifiers, however long', async () => {
    const found = await speakers('“We were surprised,” said a source involved in the creation of the new group.');
    expect(found.map(([, t]) => t)).toEqual(['a source involved in the creation of the new group']);
  });

  it('a poll or study heads its source phrase, however long', async () => {
    const found = await speakers('The new poll of voters in all 50 states revealed a split over taxes.');
    expect(found.map(([, t]) => t)).toEqual(['The new poll of voters in all 50 states']);
  });

  it('after a quotation, an inverted source may carry a relative clause, which is no part of it and holds no cue of the sentence', async () => {
    const found = await speakers(
      '“We will keep the border shut,” said an official who asked not to be named because he was not allowed to speak.',
    );
    expect(found.map(([, text, cue]) => [text, cue])).toEqual([['an official', 'said']]);
    // Before the cue, a subject with its apposition: what follows the cue is the reported clause.
    const content = await speakers("The mayor's aide, Lena Moss, said the staff member who replaced her should resign.");
    expect(content.map(([name]) => name)).toEqual(['Lena Moss']);
  });

  it('a person named after an organisation and its role speaks, not the organisation', async () => {
    const inverted = await speakers('“Prices will fall,” said Solaris Group public affairs chief Ilse Brandt.');
    expect(inverted.map(([name]) => name)).toEqual(['Ilse Brandt']);
    const described = await speakers('Omar Selim of the Danish foreign affairs think tank Nordhavn said the talks were stuck.');
    expect(described.map(([name]) => name)).toEqual(['Omar Selim']);
  });

  it('a preposition that opens no clause of its own leaves a coordinated cue the subject of the sentence', async () => {
    const found = await speakers('Mitt Romney spoke in Utah. Romney went after Trump on Wednesday and asserted that the plan had failed.');
    expect(found.map(([name, , cue]) => [name, cue])).toEqual([['Mitt Romney', 'asserted']]);
  });

  it('"the spokesperson" after an unnamed spokesperson spoke is that source, not a person named nearby', async () => {
    const text =
      'Tomas Ruiz escaped from prison on Friday. A Foreign Ministry spokesperson expressed concern about the escape. ' +
      '“We saw reports of Tomas Ruiz’s escape,” the spokesperson told reporters.';
    const found = await speakers(text);
    expect(found.at(-1)!.slice(0, 2)).toEqual([null, 'the spokesperson']);
  });

  it('a named owner speaks through its data, report or government, and a described name through its description', async () => {
    const name = async (text: string) => (await speakers(text)).map(([n]) => n);
    expect(await name('Exports fell, according to data from the Harbor Statistics Office.')).toEqual(['Harbor Statistics Office']);
    expect(await name('Rents rose, according to a report issued by the Lisbon-based Housing Research Institute.')).toEqual([
      'Housing Research Institute',
    ]);
    expect(await name('Demand is rising, according to the Vienna-based Global Grain Council.')).toEqual(['Global Grain Council']);
    expect(await name("Ghana's government says the border will reopen.")).toEqual(['Ghana']);
  });

  it('"it" after narration that introduces an organisation is that organisation, not the previous speaker', async () => {
    const text =
      'Ghana says the camp will close in June. The Northern Relief Council shares that concern. ' +
      'It issued a statement saying the decision would harm families.';
    const found = await speakers(text);
    expect(found.at(-1)!.slice(0, 2)).toEqual(['Northern Relief Council', 'It']);
  });

  it('a coordinated cue shares the main subject past an aside that opens with a preposition and past "because of"', async () => {
    const text =
      'Ana Ruiz spoke first. “Rates will rise,” Ruiz said. Tomas Berg, in an interview with the “Morning Desk” show, ' +
      'dodged a question about rates because of the vote, but said, “There is a period of change.”';
    const found = await speakers(text);
    expect(found.at(-1)!.slice(0, 2)).toEqual(['Tomas Berg', 'Tomas Berg']);
  });

  it('a capitalised cue word after another word is part of a name, not a cue', async () => {
    const found = await speakers('But the U.S. Court of Appeals for the 4th Circuit overruled the board.');
    expect(found.map(([, , cue]) => cue)).not.toContain('Appeals for');
  });
});
