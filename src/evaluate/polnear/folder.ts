import { existsSync, statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FatalError, describeError } from '../../errors.js';
import { buildPolnearGold } from './gold.js';
import { emptyStats, type ConversionStats, type PolnearGold } from './types.js';

/**
 * Reads one split of PolNeAR as its repository lays it out:
 *   <data>/<split>/text/<stem>.txt                  article (title on the first line)
 *   <data>/<split>/attributions/<stem>_<ann>.ann    BRAT standoff, one per annotator
 *   <data>/<split>/corenlp/<stem>.txt.xml           automatic CoreNLP, optional
 * where <data> is the `data/` folder of the repository. Nothing is written here.
 */

export interface PolnearReadOptions {
  split: string;
  /** Attach CoreNLP coreference chains to sources when the XML is there. */
  coref: boolean;
}

export const ANNOTATOR_RULE = 'first annotator id in string order among those who annotated the article';

export interface PolnearManifest {
  tool: 'stancemap convert polnear';
  version: 1;
  created: string;
  source: { repository: string; folder: string; split: string };
  annotatorRule: typeof ANNOTATOR_RULE;
  coref: boolean;
  documents: number;
  textsWithoutAnnotation: string[];
  multiAnnotated: Array<{ docId: string; annotators: string[]; chosen: string }>;
  totals: { documents: number } & ConversionStats;
  /** Every span was checked against its text before anything was written. */
  verified: true;
  warnings: string[];
}

export interface ConvertedArticle {
  docId: string;
  /** The article file decoded, BOM kept: written back it gives the same bytes. */
  rawText: string;
  gold: PolnearGold;
}

export interface PolnearConversion {
  articles: ConvertedArticle[];
  manifest: PolnearManifest;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The repository root (holding `data/`) or the `data/` folder itself → the `data/` folder. */
export function resolveDataFolder(folder: string): string {
  if (!existsSync(folder)) throw new FatalError('E002', folder);
  return isDirectory(join(folder, 'data')) ? join(folder, 'data') : folder;
}

async function namesEndingWith(dir: string, suffix: string): Promise<string[]> {
  if (!isDirectory(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => e.name)
    .sort(byString);
}

/** stem → annotator ids in string order, from `<stem>_<annotator>.ann` names (stems may hold "_" too). */
function groupAnnotations(annNames: readonly string[], dir: string): Map<string, string[]> {
  const byStem = new Map<string, string[]>();
  for (const name of annNames) {
    const base = basename(name, '.ann');
    const cut = base.lastIndexOf('_');
    if (cut <= 0 || cut === base.length - 1) throw new FatalError('E005', `${join(dir, name)}: expected <article>_<annotator>.ann`);
    const stem = base.slice(0, cut);
    byStem.set(stem, [...(byStem.get(stem) ?? []), base.slice(cut + 1)].sort(byString));
  }
  return byStem;
}

/** Decodes an article; its bytes must be valid UTF-8, or the corpus file would not be the article. */
async function readArticle(path: string): Promise<string> {
  const bytes = await readFile(path);
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new FatalError('E005', `${path}: not valid UTF-8`);
  return text;
}

async function readOptional(path: string): Promise<string | null> {
  return existsSync(path) ? readFile(path, 'utf8') : null;
}

interface SplitFolders {
  text: string;
  attributions: string;
  corenlp: string;
}

function splitFolders(folder: string, split: string): SplitFolders {
  const data = resolveDataFolder(folder);
  const base = join(data, split);
  if (!isDirectory(join(base, 'text'))) {
    throw new FatalError(
      'E001',
      `${folder}: no ${split}/text folder (give the PolNeAR repository or its data/ folder, and a split it has)`,
    );
  }
  return { text: join(base, 'text'), attributions: join(base, 'attributions'), corenlp: join(base, 'corenlp') };
}

function newManifest(folder: string, options: PolnearReadOptions): PolnearManifest {
  return {
    tool: 'stancemap convert polnear',
    version: 1,
    created: new Date().toISOString(),
    source: { repository: 'github:networkdynamics/PolNeAR', folder, split: options.split },
    annotatorRule: ANNOTATOR_RULE,
    coref: options.coref,
    documents: 0,
    textsWithoutAnnotation: [],
    multiAnnotated: [],
    totals: { documents: 0, ...emptyStats() },
    verified: true,
    warnings: [],
  };
}

function addStats(totals: PolnearManifest['totals'], stats: ConversionStats): void {
  totals.documents++;
  for (const key of Object.keys(stats) as Array<keyof ConversionStats>) totals[key] += stats[key];
}

/**
 * Reads, converts and verifies one split. Each article takes the annotation of
 * its first annotator in string order; articles nobody annotated are listed in
 * the manifest, not converted. Throws `FatalError` on the first problem.
 */
export async function readPolnearSplit(folder: string, options: PolnearReadOptions): Promise<PolnearConversion> {
  const dirs = splitFolders(folder, options.split);
  const textNames = await namesEndingWith(dirs.text, '.txt');
  const annNames = await namesEndingWith(dirs.attributions, '.ann');
  if (textNames.length === 0) throw new FatalError('E001', `${dirs.text}: no *.txt articles`);
  if (annNames.length === 0) throw new FatalError('E001', `${dirs.attributions}: no *.ann annotations`);
  const annotatorsOf = groupAnnotations(annNames, dirs.attributions);
  const manifest = newManifest(folder, options);
  const articles: ConvertedArticle[] = [];
  for (const name of textNames) {
    const docId = basename(name, '.txt');
    const annotators = annotatorsOf.get(docId) ?? [];
    annotatorsOf.delete(docId);
    if (annotators.length === 0) {
      manifest.textsWithoutAnnotation.push(docId);
      continue;
    }
    const article = await convertArticle({ dirs, options, manifest }, docId, annotators);
    articles.push(article);
  }
  for (const stem of annotatorsOf.keys()) manifest.warnings.push(`${stem}: annotated, but there is no ${stem}.txt; ignored`);
  manifest.documents = articles.length;
  return { articles, manifest };
}

/** The split being read: its folders, the read options, and the manifest that collects warnings and totals. */
interface SplitReading {
  dirs: SplitFolders;
  options: PolnearReadOptions;
  manifest: PolnearManifest;
}

async function convertArticle({ dirs, options, manifest }: SplitReading, docId: string, annotators: string[]): Promise<ConvertedArticle> {
  const annotator = annotators[0]!;
  const annFile = join(dirs.attributions, `${docId}_${annotator}.ann`);
  const xmlFile = join(dirs.corenlp, `${docId}.txt.xml`);
  let rawText: string, annText: string, xml: string | null;
  try {
    rawText = await readArticle(join(dirs.text, `${docId}.txt`));
    annText = await readFile(annFile, 'utf8');
    xml = options.coref ? await readOptional(xmlFile) : null;
  } catch (error) {
    if (error instanceof FatalError) throw error;
    throw new FatalError('E005', `${docId}: cannot read: ${describeError(error)}`);
  }
  if (options.coref && xml === null) manifest.warnings.push(`${docId}: no CoreNLP file; no coref for it`);
  if (annotators.length > 1) manifest.multiAnnotated.push({ docId, annotators, chosen: annotator });
  const input = {
    docId,
    split: options.split,
    annotator,
    annotators,
    rawText,
    annText,
    annFile,
    xml,
    xmlFile: xml === null ? null : xmlFile,
  };
  const { gold, stats } = buildPolnearGold(input);
  addStats(manifest.totals, stats);
  return { docId, rawText, gold };
}

/** One line for stderr, e.g. `split dev, 84 documents (2 multi-annotated; 0 texts without annotation), 2192 attributions, …`. */
export function formatPolnearSummary(manifest: PolnearManifest): string {
  const t = manifest.totals;
  return (
    `split ${manifest.source.split}, ${manifest.documents} documents (${manifest.multiAnnotated.length} multi-annotated; ` +
    `${manifest.textsWithoutAnnotation.length} texts without annotation), ${t.attributions} attributions, ${t.withSource} with source, ` +
    `${t.withCue} with cue, ${t.discontinuousContent} discontinuous content, ${t.noContent} events without content skipped, ` +
    `${t.discuss} Discuss and ${t.discard} Discard flags; coref: ${manifest.coref ? `${t.corefLinked} sources linked, ${t.corefMentionMismatch}/${t.corefMentions} chain mentions off-text` : 'off'}; all spans verified`
  );
}
