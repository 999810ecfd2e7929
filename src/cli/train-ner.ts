import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { FatalError } from '../errors.js';
import { freshCopy } from '../evaluate/corpus-texts.js';
import { percent } from '../evaluate/format.js';
import { evaluate, type EvaluationPair } from '../evaluate/scorer.js';
import { toArticle } from '../io/article.js';
import { writeFileAtomic } from '../io/atomic.js';
import { conllTexts, goldTexts, type NamedText } from '../models/ner/data.js';
import { taggerLexicon } from '../models/ner/features.js';
import { LearnedNerRecognizer } from '../models/ner/recognizer.js';
import type { FrozenWeights } from '../models/ner/tagger.js';
import { trainTagger, type NameScores } from '../models/ner/training.js';
import { buildDefaultPipeline } from '../pipeline/default.js';
import { prepareForTagger } from '../pipeline/tagger-inputs.js';
import { createTaskProgress, type TaskProgress } from '../pipeline/progress.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../resources/kb.js';
import { loadLexicons, type Lexicons } from '../resources/lexicons.js';
import { outputPathOption } from './options.js';

interface TrainNerFlags {
  conll: string[];
  gold: string[];
  corpus: string[];
  dev?: string;
  out: string;
  epochs: number;
  seed: number;
  prune: number;
  folds?: number;
  cvOut?: string;
  goldRepeat: number;
}

interface TrainingSet {
  name: string;
  texts: NamedText[];
}

const log = (line: string) => progress().note(line);

let shared: TaskProgress | undefined;
/** One progress line for the whole command, made when the command runs (it reads whether stderr is a terminal then). */
const progress = (): TaskProgress => (shared ??= createTaskProgress(process.stderr));

/** Documents run through the tagger's input stages at a time, so that progress shows between batches. */
const PREPARE_BATCH = 64;

/** Runs the stages the tagger's features read (zones, segments, feeding recognizers) over a set's documents, in batches. */
async function prepareSet(set: TrainingSet, lexicons: Lexicons, knowledgeBase: KnowledgeBase): Promise<void> {
  const docs = set.texts.map((t) => t.doc);
  for (let i = 0; i < docs.length; i += PREPARE_BATCH) {
    await prepareForTagger(docs.slice(i, i + PREPARE_BATCH), lexicons, knowledgeBase);
    progress().step(`preparing ${basename(set.name)}`, Math.min(docs.length, i + PREPARE_BATCH), docs.length);
  }
}

async function readSets(flags: TrainNerFlags): Promise<{ conll: TrainingSet[]; gold: TrainingSet[]; dev: TrainingSet | null }> {
  const conll = await Promise.all(flags.conll.map(async (path) => ({ name: path, texts: await conllTexts(path) })));
  const gold = await Promise.all(flags.gold.map(async (dir) => ({ name: dir, texts: await goldTexts(dir, flags.corpus) })));
  let dev: TrainingSet | null = null;
  if (flags.dev !== undefined) {
    if (!existsSync(flags.dev)) throw new FatalError('E001', `--dev ${flags.dev}: no such file or folder`);
    dev = {
      name: flags.dev,
      texts: statSync(flags.dev).isDirectory() ? await goldTexts(flags.dev, flags.corpus) : await conllTexts(flags.dev),
    };
  }
  return { conll, gold, dev };
}

const figures = (s: NameScores) =>
  `F1 ${percent(s.f1, 0).trim()} (${Object.entries(s.perType)
    .map(([t, v]) => `${t} ${percent(v.f1, 0).trim()}`)
    .join(', ')})`;

/** How a training run reports: the set scored after every epoch (if any), and whether epochs are logged. */
interface TrainReporting {
  dev?: TrainingSet | null;
  quiet?: boolean;
}

function train(
  texts: readonly NamedText[],
  lexicons: Lexicons,
  flags: TrainNerFlags,
  { dev = null, quiet = false }: TrainReporting = {},
): FrozenWeights {
  const started = Date.now();
  return trainTagger(texts, taggerLexicon(lexicons), {
    epochs: flags.epochs,
    seed: flags.seed,
    prune: flags.prune,
    ...(dev ? { dev: dev.texts } : {}),
    ...(quiet ? {} : { onProgress: (phase: string, done: number, total: number) => progress().step(phase, done, total) }),
    onEpoch: (epoch, scores) => {
      if (!quiet)
        log(
          `epoch ${epoch}/${flags.epochs}${scores ? `: ${basename(dev!.name)} ${figures(scores)}` : ''} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
    },
  });
}

async function trainNer(flags: TrainNerFlags): Promise<void> {
  if (flags.conll.length + flags.gold.length === 0)
    throw new FatalError('E001', 'give training data: --conll <file> or --gold <dir> (repeatable)');
  const started = Date.now();
  const lexicons = loadLexicons();
  const knowledgeBase = loadKnowledgeBase([]);
  const { conll, gold, dev } = await readSets(flags);
  for (const set of [...conll, ...gold, ...(dev ? [dev] : [])]) await prepareSet(set, lexicons, knowledgeBase);
  const all = [
    ...conll.flatMap((s) => s.texts),
    ...repeated(
      gold.flatMap((s) => s.texts),
      flags.goldRepeat,
    ),
  ];
  log(`training on ${all.length} documents (${[...conll, ...gold].map((s) => `${basename(s.name)}: ${s.texts.length}`).join(', ')})`);
  const weights = train(all, lexicons, flags, { dev });
  const trainedOn = [...conll, ...gold].map((s) => `${basename(resolve(s.name))} (${s.texts.length} documents)`).join(', ');
  const bytes = weights.serialize({ trainedOn, epochs: flags.epochs, seed: flags.seed, prune: flags.prune });
  await writeFileAtomic(flags.out, bytes);
  log(
    `NER model (${trainedOn}; ${weights.size} features, ${(bytes.length / 1e6).toFixed(1)} MB) → ${flags.out} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (flags.folds !== undefined) process.stdout.write(await crossValidate(conll, gold, lexicons, flags));
}

/**
 * k-fold cross-validation over the gold folders' documents: each fold is
 * tagged by a tagger trained on the CoNLL files and the other folds, through
 * the whole default pipeline, and the held-out predictions of every fold are
 * scored together per gold folder (mention F1, as `evaluate` computes it).
 */
async function crossValidate(
  conll: readonly TrainingSet[],
  gold: readonly TrainingSet[],
  lexicons: Lexicons,
  flags: TrainNerFlags,
): Promise<string> {
  const k = flags.folds!;
  const documents = gold.flatMap((set) => set.texts.map((text) => ({ set: set.name, text })));
  if (k < 2 || k > documents.length)
    throw new FatalError('E001', `--folds must be between 2 and the number of gold documents (${documents.length})`);
  const pairs = new Map<string, EvaluationPair[]>(gold.map((s) => [s.name, []]));
  const fixed = conll.flatMap((s) => s.texts);
  for (let fold = 0; fold < k; fold++) {
    const held = documents.filter((_, i) => i % k === fold);
    const weights = train(
      [
        ...fixed,
        ...repeated(
          documents.filter((_, i) => i % k !== fold).map((d) => d.text),
          flags.goldRepeat,
        ),
      ],
      lexicons,
      flags,
      { quiet: true },
    );
    const tagger = new LearnedNerRecognizer(weights, lexicons, `fold-${fold}`);
    const { pipeline } = buildDefaultPipeline({ tagger });
    const docs = held.map((d) => freshCopy(d.text.doc));
    await pipeline.process(docs);
    for (const [i, doc] of docs.entries()) {
      const pred = toArticle(doc, pipeline.fingerprint);
      pairs.get(held[i]!.set)!.push({ docId: doc.id, gold: held[i]!.text.gold, pred });
      if (flags.cvOut !== undefined) await writeFileAtomic(join(flags.cvOut, `${doc.id}.json`), JSON.stringify(pred, null, 2) + '\n');
    }
    log(`fold ${fold + 1}/${k} done`);
  }
  const lines = [
    `Entity mentions, ${k}-fold cross-validation over ${documents.length} gold documents (each fold tagged by a model trained without it)`,
    `  ${'gold'.padEnd(40)} micro-F1  PERSON     ORG     LOC`,
  ];
  for (const [name, list] of pairs) {
    const m = evaluate(list).mentions;
    lines.push(
      `  ${basename(name).padEnd(40)}${percent(m.micro.f1, 9)}${percent(m.perType.PERSON.f1, 8)}${percent(m.perType.ORGANIZATION.f1, 8)}${percent(m.perType.LOCATION.f1, 8)}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Each gold document `times` times: our own annotations are few beside CoNLL's, and closer to what users feed us. */
const repeated = <T>(items: readonly T[], times: number): T[] => Array.from({ length: times }, () => items).flat();

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerTrainNer(
  train: Command,
  positiveInteger: (value: string) => number,
  numberOption: (value: string) => number,
): void {
  train
    .command('ner')
    .description('train the named-entity tagger (averaged structured perceptron, BILOU tags) on CoNLL files and gold folders')
    .option('--conll <file>', 'CoNLL-2003-style training file (token first, NER tag last); repeatable', collect, [])
    .option('--gold <dir>', 'gold folder in our format (docs/scoring.md); repeatable', collect, [])
    .option('--corpus <path>', "where the gold documents' texts are (folders or .jsonl); repeatable", collect, [])
    .option('--dev <file|dir>', 'a CoNLL file or gold folder scored after every epoch')
    .requiredOption('--out <file>', 'model file to write (gzip); use it with `extract --tagger-model`', outputPathOption('--out'))
    .option('--epochs <n>', 'passes over the training data', positiveInteger, 8)
    .option('--seed <n>', 'seed of the document order (the same seed and data give the same model)', positiveInteger, 1)
    .option('--prune <weight>', 'averaged weights smaller than this are left out of the model file', numberOption, 0.001)
    .option(
      '--gold-repeat <n>',
      'how many times per epoch each --gold document is seen (our annotation conventions outweigh the CoNLL ones)',
      positiveInteger,
      1,
    )
    .option('--folds <k>', "also cross-validate over the gold folders' documents, through the whole pipeline", positiveInteger)
    .option('--cv-out <dir>', "with --folds: write each held-out document's article JSON here (score it with `evaluate`)")
    .action(trainNer);
}
