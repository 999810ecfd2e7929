import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { FatalError } from '../errors.js';
import { parseConll } from '../evaluate/conll.js';
import { corpusTexts } from '../evaluate/corpus-texts.js';
import { writeFileAtomic } from '../io/atomic.js';
import { clusterWords } from '../models/clusters/exchange.js';
import { serializeWordClasses, wordClassKey } from '../models/clusters/word-classes.js';
import { segmentation, type Segmentation } from '../pipeline/stages/segment.js';
import { createTaskProgress } from '../pipeline/progress.js';
import { loadLexicons } from '../resources/lexicons.js';
import { splitSentences } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import { outputPathOption } from './options.js';

interface TrainClustersFlags {
  conll: string[];
  corpus: string[];
  out: string;
  classes: number;
  minCount: number;
  iterations: number;
}

/** A CoNLL file's tokens (its first column), sentence by sentence. */
function conllSentences(content: string, path: string): string[][] {
  return parseConll(content, path).flatMap((d) => d.sentences.map((s) => s.tokens.map((t) => wordClassKey(t.text))));
}

/** Every document of a corpus cut into sentences and tokens as the pipeline cuts them. */
async function corpusSentences(path: string, { tokenizer, rules }: Segmentation): Promise<string[][]> {
  const sentences: string[][] = [];
  for (const text of (await corpusTexts([path])).values()) {
    const tokens = tokenize(text, tokenizer);
    for (const s of splitSentences(text, tokens, rules))
      sentences.push(tokens.slice(s.tokenStart, s.tokenEnd).map((t) => wordClassKey(t.text)));
  }
  return sentences;
}

async function trainClusters(flags: TrainClustersFlags): Promise<void> {
  const started = Date.now();
  const progress = createTaskProgress(process.stderr);
  const sentences: string[][] = [];
  for (const path of flags.conll) sentences.push(...conllSentences(await readFile(path, 'utf8'), path));
  const segmenting = segmentation(loadLexicons());
  for (const path of flags.corpus) sentences.push(...(await corpusSentences(path, segmenting)));
  const tokens = sentences.reduce((n, s) => n + s.length, 0);
  if (tokens === 0) throw new FatalError('E005', 'train clusters: no text in the given --conll and --corpus inputs');
  progress.note(`${tokens} tokens in ${sentences.length} sentences`);
  const classes = clusterWords(sentences, {
    classes: flags.classes,
    minCount: flags.minCount,
    iterations: flags.iterations,
    onIteration: (done, total, moved) => progress.note(`iteration ${done}/${total}: ${moved} words moved`),
  });
  const trainedOn = [...flags.conll, ...flags.corpus].map((p) => basename(resolve(p))).join(', ');
  const header = {
    trainedOn: `${trainedOn} (${tokens} tokens)`,
    classes: flags.classes,
    minCount: flags.minCount,
    iterations: flags.iterations,
  };
  await writeFileAtomic(flags.out, serializeWordClasses(classes, header));
  progress.note(
    `${classes.words.length} words in ${flags.classes} classes → ${flags.out} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerTrainClusters(train: Command, positiveInteger: (value: string) => number): void {
  train
    .command('clusters')
    .description('learn word classes from unlabelled text (predictive exchange clustering), a feature of the entity tagger')
    .option('--conll <file>', 'a CoNLL-style file (token first, tag last): its tokens are read as text (repeatable)', collect, [])
    .option('--corpus <path>', 'a corpus folder or .jsonl file, tokenised as extract does (repeatable)', collect, [])
    .requiredOption('--out <file>', 'word-class file to write (gzip)', outputPathOption('--out'))
    .option(
      '--classes <n>',
      'number of classes (512: the best of 256, 512 and 1024 for the entity tagger cross-validated on VOA dev)',
      positiveInteger,
      512,
    )
    .option('--min-count <n>', 'words seen fewer times get no class', positiveInteger, 3)
    .option('--iterations <n>', 'passes over the vocabulary', positiveInteger, 15)
    .action(trainClusters);
}
