import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { basename, resolve } from 'node:path';
import { loadPolnearTraining } from './polnear-training.js';
import { trainAttributionModel } from '../models/attribution/training.js';
import type { Document } from '../document/types.js';
import { FatalError } from '../errors.js';
import { corpusDocuments, freshCopy } from '../evaluate/corpus-texts.js';
import { percent } from '../evaluate/format.js';
import { loadGold } from '../evaluate/load.js';
import { evaluate, type EvaluationPair } from '../evaluate/scorer.js';
import { toArticle } from '../io/article.js';
import { writeFileAtomic } from '../io/atomic.js';
import { StanceClassifier, type LabelledText } from '../models/statements/learned.js';
import { RuleStatementExtractor } from '../models/statements/rule-extractor.js';
import { buildDefaultPipeline } from '../pipeline/default.js';
import { createTaskProgress, type TaskProgress } from '../pipeline/progress.js';
import { loadLexicons } from '../resources/lexicons.js';
import { loadKnowledgeBase } from '../resources/kb.js';
import type { Gold } from '../schema/article.js';
import { outputPathOption, positiveInteger } from './options.js';
import { registerTrainNer } from './train-ner.js';
import { registerTrainPos } from './train-pos.js';
import { registerTrainClusters } from './train-clusters.js';

interface TrainFlags {
  gold: string;
  corpus: string;
  out: string;
  folds?: number;
}

interface TrainAttributionFlags {
  polnear: string;
  out: string;
  epochs: number;
  seed: number;
  threshold: number;
}

async function trainAttribution(flags: TrainAttributionFlags): Promise<void> {
  const started = Date.now();
  const progress = createTaskProgress(process.stderr);
  const items = await loadPolnearTraining(flags.polnear, (done, total) => progress.step('rules over documents', done, total));
  if (items.length === 0) throw new FatalError('E005', `${flags.polnear}: no document has a gold file`);
  const rules = new RuleStatementExtractor(loadLexicons(), loadKnowledgeBase());
  const model = trainAttributionModel(items, rules, {
    epochs: flags.epochs,
    seed: flags.seed,
    threshold: flags.threshold,
    onProgress: (phase, done, total) => progress.step(phase, done, total),
  });
  const trainedOn = `${basename(resolve(flags.polnear))}: ${items.length} documents, ${items.reduce((n, i) => n + i.attributions.length, 0)} attributions; ${flags.epochs} epochs, seed ${flags.seed}`;
  await writeFileAtomic(flags.out, JSON.stringify(model.toJSON(trainedOn)) + '\n');
  process.stderr.write(`stancemap: attribution model (${trainedOn}) → ${flags.out} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

function numberOption(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError('must be a number');
  return parsed;
}

export function registerTrain(program: Command): void {
  const train = program.command('train').description('train a statistical model from gold annotations');
  train
    .command('attribution')
    .description('train the attribution model (averaged perceptrons: sentence detector and source tagger) on PolNeAR-style gold')
    .requiredOption('--polnear <dir>', 'a folder written by `stancemap convert polnear` (corpus/ and gold/)')
    .requiredOption('--out <file>', 'model file to write; use it with `extract --attribution-model`', outputPathOption('--out'))
    .option('--epochs <n>', 'passes over the training data', positiveInteger, 5)
    .option('--seed <n>', 'seed of the example order (the same seed gives the same model)', positiveInteger, 1)
    .option('--threshold <score>', 'detector score from which a sentence is an attribution', numberOption, 0)
    .action(trainAttribution);
  registerTrainNer(train, positiveInteger, numberOption);
  registerTrainPos(train, positiveInteger, numberOption);
  registerTrainClusters(train, positiveInteger);
  train
    .command('stance')
    .description('train the stance classifier (logistic regression, natural) on gold statements')
    .requiredOption('--gold <dir>', 'gold files (the gold format of docs/scoring.md)')
    .option('--corpus <dir>', 'the documents the gold annotates (their text is read from here)', 'corpus')
    .requiredOption('--out <file>', 'model file to write; use it with `extract --stance-model`', outputPathOption('--out'))
    .option('--folds <k>', 'also compare with the rules by k-fold cross-validation over documents', positiveInteger)
    .action(trainStance);
}

async function trainStance(flags: TrainFlags): Promise<void> {
  const progress = createTaskProgress(process.stderr);
  const golds = await loadGold(flags.gold);
  const documents = await corpusDocuments([flags.corpus]);
  progress.note(`read ${golds.length} gold documents and ${documents.size} texts`);
  const texts = new Map([...documents].map(([id, doc]) => [id, doc.text]));
  const missing = golds.filter((g) => !documents.has(g.docId)).map((g) => g.docId);
  if (missing.length > 0) throw new FatalError('E005', `no text in ${flags.corpus} for gold documents: ${missing.slice(0, 5).join(', ')}`);
  const rules = new RuleStatementExtractor(loadLexicons(), loadKnowledgeBase());
  const model = StanceClassifier.train(examplesOf(golds, texts), golds.length, rules, (phase, done, total) =>
    progress.step(phase, done, total),
  );
  await writeFileAtomic(flags.out, JSON.stringify(model.toJSON()) + '\n');
  process.stderr.write(
    `stancemap: stance model trained on ${model.trainedOn.statements} statements of ${model.trainedOn.documents} documents → ${flags.out}\n`,
  );
  if (flags.folds !== undefined) process.stdout.write(await crossValidate(golds, documents, { k: flags.folds, rules, progress }));
}

function examplesOf(golds: readonly Gold[], texts: ReadonlyMap<string, string>): LabelledText[] {
  return golds.flatMap((g) => g.statements.map((s) => ({ text: texts.get(g.docId)!.slice(s.start, s.end), label: s.label })));
}

/**
 * k-fold cross-validation by document: each fold's documents are extracted
 * twice — labels from the rules, and from a classifier trained on the other
 * folds — and both sets of predictions are scored together at the end.
 */
export async function crossValidate(
  golds: readonly Gold[],
  documents: ReadonlyMap<string, Document>,
  { k, rules, progress }: { k: number; rules: RuleStatementExtractor; progress?: TaskProgress },
): Promise<string> {
  const texts = new Map([...documents].map(([id, doc]) => [id, doc.text]));
  if (k < 2 || k > golds.length)
    throw new FatalError('E001', `--folds must be between 2 and the number of gold documents (${golds.length})`);
  const ordered = [...golds].sort((a, b) => (a.docId < b.docId ? -1 : 1));
  const rulesPairs: EvaluationPair[] = [];
  const learnedPairs: EvaluationPair[] = [];
  const rulesPipeline = buildDefaultPipeline().pipeline;
  for (let fold = 0; fold < k; fold++) {
    const test = ordered.filter((_, i) => i % k === fold);
    const training = ordered.filter((_, i) => i % k !== fold);
    const classifier = StanceClassifier.train(examplesOf(training, texts), training.length, rules);
    const learnedPipeline = buildDefaultPipeline({ stanceClassifier: classifier }).pipeline;
    for (const [pipeline, pairs] of [
      [rulesPipeline, rulesPairs],
      [learnedPipeline, learnedPairs],
    ] as const) {
      const docs = test.map((g) => freshCopy(documents.get(g.docId)!));
      await pipeline.process(docs);
      docs.forEach((doc, i) => pairs.push({ docId: doc.id, gold: test[i]!, pred: toArticle(doc, pipeline.fingerprint) }));
    }
    progress?.step('cross-validation folds', fold + 1, k);
  }
  const rows = [
    ['rules', evaluate(rulesPairs).statements],
    ['learned (logistic regression)', evaluate(learnedPairs).statements],
  ] as const;
  const lines = [
    `Stance labels, ${k}-fold cross-validation over ${golds.length} documents (statement F1)`,
    `  ${'labeller'.padEnd(32)} support  threat   claim  macro-F1`,
  ];
  for (const [name, s] of rows) {
    const f = (x: number | null, width = 7) => percent(x, width);
    lines.push(`  ${name.padEnd(32)}${f(s.perLabel.support.f1)}${f(s.perLabel.threat.f1)}${f(s.perLabel.claim.f1)}${f(s.macroF1, 10)}`);
  }
  return lines.join('\n') + '\n';
}
