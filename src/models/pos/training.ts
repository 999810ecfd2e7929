import { AveragedPerceptron, seededRandom, shuffled } from '../learned/perceptron.js';
import { PosTagger } from './tagger.js';

/** One sentence of training or test data: token texts and their Penn tags. */
export interface TaggedSentence {
  texts: string[];
  tags: string[];
}

/** Penn's split-off contractions, which our tokenizer keeps on the word before ("did" + "n't" → "didn't"). */
const CLITICS = new Set(["n't", "'re", "'ll", "'ve", "'m", "'d"]);

/** A tag CoNLL-2003 writes for an ambiguous token ("NN|SYM"): its first reading. */
const firstReading = (tag: string): string => tag.split('|')[0]!;

/**
 * The sentences of a CoNLL-2003 file (word, POS, chunk, NER columns; blank
 * lines end sentences, -DOCSTART- lines end documents), re-tokenized the way
 * our tokenizer splits text: a clitic joins the word before it and the pair
 * keeps that word's tag.
 */
export function readConllPos(content: string): TaggedSentence[] {
  const sentences: TaggedSentence[] = [];
  let current: TaggedSentence = { texts: [], tags: [] };
  const close = () => {
    if (current.texts.length > 0) sentences.push(current);
    current = { texts: [], tags: [] };
  };
  for (const line of content.split('\n')) {
    const columns = line.trim().split(/\s+/u);
    if (columns.length < 2 || columns[0] === '-DOCSTART-') {
      close();
      continue;
    }
    const [word, tag] = columns as [string, string];
    const last = current.texts.length - 1;
    if (last >= 0 && CLITICS.has(word.toLowerCase())) current.texts[last] += word;
    else {
      current.texts.push(word);
      current.tags.push(firstReading(tag));
    }
  }
  close();
  return sentences;
}

export interface PosTrainingOptions {
  epochs: number;
  seed: number;
  /** Hears of each epoch done (from 1). */
  onEpoch?: (epoch: number) => void;
}

/**
 * Trains the greedy tagger as an averaged perceptron: sentences in a seeded
 * order each epoch, each token tagged with the tags the model itself chose
 * before it (so training sees the histories tagging will), a wrong guess
 * moving weight to the truth. Deterministic for a given seed and data.
 */
export function trainPosTagger(sentences: readonly TaggedSentence[], options: PosTrainingOptions): AveragedPerceptron {
  const classes = [...new Set(sentences.flatMap((s) => s.tags))].sort();
  const model = new AveragedPerceptron(classes);
  const tagger = new PosTagger(model);
  const random = seededRandom(options.seed);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const sentence of shuffled(sentences, random)) {
      tagger.tag(sentence.texts, (i, features, guess) => {
        model.update(features, sentence.tags[i]!, guess);
        return guess;
      });
    }
    options.onEpoch?.(epoch);
  }
  model.average();
  return model;
}

/** Token accuracy of a tagger over tagged sentences, and how many tokens it was measured on. */
export function tokenAccuracy(tagger: PosTagger, sentences: readonly TaggedSentence[]): { accuracy: number; tokens: number } {
  let right = 0;
  let tokens = 0;
  for (const sentence of sentences) {
    const guessed = tagger.tag(sentence.texts);
    for (const [i, tag] of sentence.tags.entries()) if (guessed[i] === tag) right++;
    tokens += sentence.tags.length;
  }
  return { accuracy: tokens > 0 ? right / tokens : 0, tokens };
}
