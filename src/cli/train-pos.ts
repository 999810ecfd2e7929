import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { FatalError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { AveragedPerceptron } from '../models/learned/perceptron.js';
import { loadPosModelFile, serializePosModel } from '../models/pos/model-file.js';
import { PosTagger } from '../models/pos/tagger.js';
import { readConllPos, tokenAccuracy, trainPosTagger, type TaggedSentence } from '../models/pos/training.js';
import { createTaskProgress } from '../pipeline/progress.js';
import { outputPathOption } from './options.js';

interface TrainPosFlags {
  conll: string;
  dev?: string;
  out: string;
  epochs: number;
  seed: number;
  prune: number;
}

async function sentencesOf(path: string): Promise<TaggedSentence[]> {
  const sentences = readConllPos(await readFile(path, 'utf8'));
  if (sentences.length === 0) throw new FatalError('E005', `${path}: no tagged sentences (CoNLL columns: word, POS, …)`);
  return sentences;
}

async function trainPos(flags: TrainPosFlags): Promise<void> {
  const started = Date.now();
  const progress = createTaskProgress(process.stderr);
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const train = await sentencesOf(flags.conll);
  const dev = flags.dev === undefined ? null : await sentencesOf(flags.dev);
  const tokens = train.reduce((n, s) => n + s.texts.length, 0);
  progress.note(`training on ${train.length} sentences, ${tokens} tokens of ${basename(flags.conll)}`);
  const model = trainPosTagger(train, {
    epochs: flags.epochs,
    seed: flags.seed,
    onEpoch: (epoch) => progress.note(`epoch ${epoch}/${flags.epochs} (${seconds()})`),
  });
  const header: Record<string, unknown> = {
    trainedOn: `${basename(resolve(flags.conll))} (${train.length} sentences)`,
    epochs: flags.epochs,
    seed: flags.seed,
    prune: flags.prune,
  };
  const bytes = serializePosModel(model, header, flags.prune);
  await writeFileAtomic(flags.out, bytes);
  progress.note(`POS model → ${flags.out} (${(bytes.length / 1e6).toFixed(2)} MB) in ${seconds()}`);
  if (dev) {
    // Scored as the file will be read back, pruned weights and all.
    const tagger = new PosTagger(AveragedPerceptron.fromData(loadPosModelFile(flags.out).data));
    const { accuracy, tokens: devTokens } = tokenAccuracy(tagger, dev);
    process.stdout.write(`${basename(flags.dev!)}: token accuracy ${(accuracy * 100).toFixed(2)}% over ${devTokens} tokens\n`);
  }
}

export function registerTrainPos(
  train: Command,
  positiveInteger: (value: string) => number,
  numberOption: (value: string) => number,
): void {
  train
    .command('pos')
    .description('train the part-of-speech tagger (averaged perceptron, Penn Treebank tags) on a CoNLL-2003 file')
    .requiredOption('--conll <file>', 'CoNLL-2003-style training file (word first, POS tag second)')
    .option('--dev <file>', 'a CoNLL file to report token accuracy on, as the written model tags it')
    .requiredOption('--out <file>', 'model file to write (gzip)', outputPathOption('--out'))
    .option('--epochs <n>', 'passes over the training data (15: the best on CoNLL-2003 valid of 4–15)', positiveInteger, 15)
    .option('--seed <n>', 'seed of the sentence order (the same seed and data give the same model)', positiveInteger, 1)
    .option('--prune <weight>', 'averaged weights smaller than this are left out of the model file', numberOption, 0.01)
    .action(trainPos);
}
