import type { Document } from '../../document/types.js';
import type { Lexicons } from '../../resources/lexicons.js';
import { splitSentences, type SentenceRules } from '../../text/sentences.js';
import { tokenize, type TokenizerOptions } from '../../text/tokenize.js';
import type { Stage } from '../stage.js';

/** How the pipeline cuts text into tokens and sentences; whoever needs to know where a sentence ends asks the same rules. */
export interface Segmentation {
  tokenizer: TokenizerOptions;
  rules: SentenceRules;
}

export function segmentation(lexicons: Lexicons): Segmentation {
  const { titles, acronyms, sentenceStarters } = lexicons.abbreviations.data;
  return {
    tokenizer: { abbreviations: new Set([...titles, ...acronyms]) },
    rules: { titles: new Set(titles), acronyms: new Set(acronyms), sentenceStarters: new Set(sentenceStarters) },
  };
}

/** Tokens and sentences with offsets. */
export class SegmentStage implements Stage {
  readonly name = 'segment';
  readonly requires = ['text'] as const;
  readonly assigns = ['tokens', 'sentences'] as const;
  private readonly tokenizer: TokenizerOptions;
  private readonly rules: SentenceRules;

  constructor(lexicons: Lexicons) {
    ({ tokenizer: this.tokenizer, rules: this.rules } = segmentation(lexicons));
  }

  run(docs: readonly Document[]): void {
    for (const doc of docs) {
      doc.tokens = tokenize(doc.text, this.tokenizer);
      doc.sentences = splitSentences(doc.text, doc.tokens, this.rules);
    }
  }
}
