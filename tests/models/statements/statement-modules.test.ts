import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CueFinder } from '../../../src/models/statements/cue-finder.js';
import { buildStatementGrammar } from '../../../src/resources/statement-lexicon.js';
import { languageIndex } from '../../../src/resources/language.js';
import { StanceLabeller } from '../../../src/models/statements/stance-labels.js';
import { findQuotes } from '../../../src/text/quotes.js';
import { mentionIndexByToken } from '../../../src/document/spans.js';
import { loadJsonResource } from '../../../src/resources/load.js';
import { loadLexicons, StatementGrammarSchema } from '../../../src/resources/lexicons.js';
import { resourcePath } from '../../../src/resources/paths.js';
import { analyzeUpTo } from '../../helpers/documents.js';

const lexicon = languageIndex(loadLexicons()).statements;
const labeller = new StanceLabeller(lexicon);
const words = (text: string) => text.toLowerCase().split(/\s+/);

describe('statement grammar lexicon', () => {
  it('is built once per process and shared by every extractor', () => {
    expect(languageIndex(loadLexicons()).statements).toBe(lexicon);
  });

  it('a malformed grammar file is a fatal E004 naming the field', () => {
    const data = JSON.parse(readFileSync(resourcePath('lexicon', 'statement-grammar.json'), 'utf8'));
    data.confidence.namedSpeakerBonus = 3;
    const file = join(mkdtempSync(join(tmpdir(), 'grammar-')), 'statement-grammar.json');
    writeFileSync(file, JSON.stringify(data));
    expect(() => loadJsonResource(file, StatementGrammarSchema)).toThrow(/E004.*confidence\.namedSpeakerBonus/);
  });

  it('folds words to lower case but keeps title tokens as written', () => {
    const grammar = buildStatementGrammar({ ...loadLexicons().statementGrammar.data, determiners: ['The'], titleTokens: ['Dr.'] });
    expect(grammar.determiners.has('the')).toBe(true);
    expect(grammar.titleTokens.has('Dr.')).toBe(true);
    expect(grammar.titleTokens.has('dr.')).toBe(false);
  });
});

describe('StanceLabeller', () => {
  it('reads intention before a harm verb as a threat, and a negated one as negated', () => {
    const sentence = words('we will strike the base');
    expect(labeller.contentStance(sentence, 0, sentence.length)).toMatchObject({ threat: true, negated: false });
    const negated = words('we will not strike the base');
    expect(labeller.contentStance(negated, 0, negated.length)).toMatchObject({ threat: false, negated: true });
  });

  it('"not hesitate" is no negation', () => {
    const sentence = words('we will not hesitate to strike');
    expect(labeller.negates(sentence, 2)).toBe(false);
    expect(labeller.contentStance(sentence, 0, sentence.length).threat).toBe(true);
  });

  it('names what the lexicon saw as features for the learned classifier', () => {
    expect(labeller.signals(words('he vowed to strike back'))).toEqual(expect.arrayContaining(['cue_vow', 'harm_intent']));
  });
});

describe('CueFinder', () => {
  it('finds a verb cue and a source preposition, not a cue word used as a noun', async () => {
    const doc = await analyzeUpTo('According to the ministry, the claims were false, and officials said so.', 'entities');
    const finder = new CueFinder(lexicon);
    const view = {
      doc,
      words: doc.tokens.map((t) => t.text.toLowerCase()),
      sentence: doc.sentences[0]!,
      quotes: findQuotes(doc.text, doc.tokens, doc.sentences),
      mentionAt: mentionIndexByToken(doc),
    };
    const hits = finder.find(view);
    expect(hits.map((h) => [h.text, h.sourceAfter])).toEqual([
      ['According to', true],
      ['said', false],
    ]);
  });
});
