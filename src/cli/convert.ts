import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { FatalError, describeError } from '../errors.js';
import { convertConll, formatSummary, summarize, type ConversionSummary } from '../evaluate/conll.js';
import { formatPolnearSummary, readPolnearSplit, type PolnearManifest, type PolnearReadOptions } from '../evaluate/polnear/folder.js';
import { writeFileAtomic } from '../io/atomic.js';
import { outputPathOption } from './options.js';

interface ConvertConllFlags {
  out: string;
}

interface ConvertPolnearFlags {
  out: string;
  split: string;
  coref: boolean;
}

async function writeOrFail(path: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (error) {
    throw new FatalError('E003', `${path}: ${describeError(error)}`);
  }
}

/**
 * Converts a CoNLL file into `<outDir>/corpus/<name>-<NNNN>.txt` and
 * `<outDir>/gold/<name>-<NNNN>.json`, where `<name>` is the file's base name
 * without its extension. The whole file is parsed and checked before anything
 * is written, so bad input leaves the output folder untouched.
 */
export async function convertConllFile(file: string, outDir: string): Promise<ConversionSummary> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FatalError('E002', file);
    throw new FatalError('E001', `${file}: cannot read: ${describeError(error)}`);
  }
  const name = basename(file, extname(file));
  const converted = convertConll(content, name, file);
  for (const doc of converted) {
    const targets: Array<[string, string]> = [
      [join(outDir, 'corpus', `${doc.docId}.txt`), doc.text],
      [join(outDir, 'gold', `${doc.docId}.json`), `${JSON.stringify(doc.gold, null, 2)}\n`],
    ];
    for (const [path, content] of targets) await writeOrFail(path, content);
  }
  return summarize(converted);
}

/**
 * Converts one split of PolNeAR (the repository or its data/ folder) into
 * `<outDir>/corpus/<stem>.txt` (the article bytes unchanged), `<outDir>/gold/
 * <stem>.json` (../shared/data/README.md "PolNeAR gold format") and
 * `<outDir>/manifest.json`. Every article is read, converted and verified
 * before the first file is written, so bad input leaves the folder untouched.
 */
export async function convertPolnearFolder(folder: string, outDir: string, options: PolnearReadOptions): Promise<PolnearManifest> {
  const { articles, manifest } = await readPolnearSplit(folder, options);
  for (const article of articles) {
    await writeOrFail(join(outDir, 'corpus', `${article.docId}.txt`), article.rawText);
    // One line per file: with coreference chains an indented gold file is several times larger.
    await writeOrFail(join(outDir, 'gold', `${article.docId}.json`), `${JSON.stringify(article.gold)}\n`);
  }
  await writeOrFail(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function registerConvert(program: Command): void {
  const convert = program.command('convert').description('turn annotated datasets into a corpus folder and gold files for evaluate');
  convert
    .command('conll')
    .description('CoNLL-2003-style NER file (IOB1 or IOB2/BIO; token first column, tag last) → <out>/corpus/*.txt and <out>/gold/*.json')
    .argument('<file>', 'the CoNLL file; -DOCSTART- lines separate documents, blank lines sentences')
    .requiredOption('-o, --out <dir>', 'output folder (corpus/ and gold/ are written inside it)', outputPathOption('--out'))
    .action(async (file: string, flags: ConvertConllFlags) => {
      const summary = await convertConllFile(file, flags.out);
      process.stderr.write(`stancemap: converted ${file} → ${flags.out}: ${formatSummary(summary)}\n`);
    });
  convert
    .command('polnear')
    .description(
      'PolNeAR attributions (BRAT standoff) → <out>/corpus/*.txt, <out>/gold/*.json and <out>/manifest.json, for evaluate --attribution',
    )
    .argument('<folder>', 'the PolNeAR repository (holding data/) or its data/ folder')
    .option('--split <name>', 'which split to convert (a folder under data/)', 'dev')
    .requiredOption('-o, --out <dir>', 'output folder (corpus/, gold/ and manifest.json are written inside it)', outputPathOption('--out'))
    .option('--no-coref', 'leave out the CoreNLP coreference chains of sources')
    .action(async (folder: string, flags: ConvertPolnearFlags) => {
      const manifest = await convertPolnearFolder(folder, flags.out, { split: flags.split, coref: flags.coref });
      process.stderr.write(`stancemap: converted ${folder} → ${flags.out}: ${formatPolnearSummary(manifest)}\n`);
    });
}
