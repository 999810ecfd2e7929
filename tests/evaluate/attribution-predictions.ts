import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PolnearAttribution, PolnearGold, TextPiece } from '../../src/evaluate/polnear/types.js';

/**
 * Contract-shaped predictions made from PolNeAR gold without running the
 * pipeline: each attribution becomes a statement near its content whose
 * speaker is offered in one of the ways below, so that every source rule of
 * the attribution scorer has something to count.
 */
export const VARIANTS = [
  'entityMention', // E1: an entity mention on the source
  'entityName', // E2: the entity's name is the source text, in other case and spacing
  'alias', // E2 through an alias
  'textEqual', // T1: speakerText is the source text
  'textInside', // T2: speakerText is part of the source, found in the text
  'longPhrase', // T2 fails: speakerText runs well past the source
  'chainHead', // lenient: an entity mention on another mention's head of the CoreNLP chain
  'chainText', // lenient: speakerText is another chain mention's text
  'relative', // lenient: an entity mention right before a who/which/that source
  'unresolved', // a speaker id that names no entity
  'none', // no speaker, no speakerText
  'emptySpeaker', // '' speaker and blank speakerText, after an invalid statement
] as const;
export type Variant = (typeof VARIANTS)[number];

interface Entity {
  id: string | number;
  type: string;
  name: string;
  aliases: string[];
  mentions: Array<{ start: number; end: number }>;
}

interface Statement {
  id: string;
  label: string;
  start: number;
  end: number;
  speaker: string | null;
  speakerText: string | null;
}

interface Built {
  statements: Statement[];
  entities: Entity[];
}

const RELATIVE = /^(who|whom|whose|which|that)$/i;

/** The word right before a relative-pronoun source, when only spaces and commas (at most 3) lie between. */
function antecedentBefore(source: TextPiece, text: string): { start: number; end: number } | null {
  let end = source.start;
  while (end > 0 && source.start - end < 3 && /[\s,]/.test(text[end - 1]!)) end--;
  const word = /[\p{L}\p{N}]+$/u.exec(text.slice(0, end));
  return word ? { start: word.index, end } : null;
}

/** Another mention of the source's chain (not overlapping the source), when there is one. */
function otherChainMention(source: NonNullable<PolnearAttribution['source']>) {
  return (source.coref ?? []).find((m) => m.end <= source.start || m.start >= source.end) ?? null;
}

/** Speaker fields and entities offering the gold source in the way `variant` says. */
function offerSource(
  a: PolnearAttribution,
  variant: Variant,
  text: string,
  key: string,
): { speaker: string | null; speakerText: string | null; entities: Entity[] } {
  const source = a.source;
  const entity = (name: string, mentions: Entity['mentions'], aliases: string[] = []): Entity => ({
    id: key,
    type: 'PERSON',
    name,
    aliases,
    mentions,
  });
  const elsewhere = [{ start: a.content.start, end: a.content.start + 1 }];
  if (!source)
    return {
      speaker: variant === 'none' || variant === 'emptySpeaker' ? null : 'nobody',
      speakerText: variant === 'textEqual' ? 'somebody' : null,
      entities: [],
    };
  const first = source.fragments[0]!;
  switch (variant) {
    case 'entityMention':
      // The decoy with the same id comes second and must be ignored.
      return { speaker: key, speakerText: null, entities: [entity('Zz Decoy', [first]), entity('Zz Decoy', elsewhere)] };
    case 'entityName':
      return {
        speaker: key,
        speakerText: null,
        entities: [entity(` ${source.text.toUpperCase().replace(/ /g, '  ')} `, [{ start: 3, end: 1 }])],
      };
    case 'alias':
      return { speaker: key, speakerText: null, entities: [entity('Zz Other', elsewhere, [`${source.text}’`])] };
    case 'textEqual':
      return { speaker: null, speakerText: `  ${source.text.replace(/\s+/g, '   ')} `, entities: [] };
    case 'textInside': {
      const words = source.text.split(/\s+/);
      return {
        speaker: null,
        speakerText: (words.length > 1 ? words.slice(1).join(' ') : source.text.slice(1)).toLowerCase(),
        entities: [],
      };
    }
    case 'longPhrase':
      return { speaker: null, speakerText: text.slice(source.start, Math.min(text.length, source.end + 25)), entities: [] };
    case 'chainHead': {
      const other = otherChainMention(source);
      return { speaker: key, speakerText: null, entities: [entity('Zz Unrelated', other ? [other.head] : elsewhere)] };
    }
    case 'chainText':
      return { speaker: null, speakerText: otherChainMention(source)?.text ?? 'zz nobody', entities: [] };
    case 'relative': {
      const before = RELATIVE.test(source.text) ? antecedentBefore(first, text) : null;
      return { speaker: key, speakerText: null, entities: [entity('Zz Antecedent', before ? [before] : elsewhere)] };
    }
    case 'unresolved':
      return { speaker: `ghost-${key}`, speakerText: null, entities: [] };
    case 'none':
      return { speaker: null, speakerText: null, entities: [] };
    case 'emptySpeaker':
      return { speaker: '', speakerText: '   ', entities: [] };
  }
}

/** The statement's span: the content shifted a little (or only its first fragment, or overrunning it). */
function statementSpan(a: PolnearAttribution, variant: Variant, textLength: number): { start: number; end: number } {
  if (variant === 'alias') return { start: a.content.fragments[0]!.start, end: a.content.fragments[0]!.end };
  if (variant === 'longPhrase') return { start: a.content.start, end: Math.min(textLength, a.content.end + 40) };
  return { start: a.content.start + 2, end: Math.min(textLength, a.content.end + 2) };
}

function buildPrediction(gold: PolnearGold, text: string, pick: (index: number) => Variant): Built {
  const built: Built = {
    statements: [{ id: 's0', label: 'claim', start: 0, end: Math.min(20, text.length), speaker: null, speakerText: null }],
    entities: [],
  };
  gold.attributions.forEach((a, j) => {
    const variant = pick(j);
    const key = `e${j}`;
    if (variant === 'emptySpeaker')
      built.statements.push({ id: `bad${j}`, label: 'claim', start: 5, end: 5, speaker: null, speakerText: null });
    const offered = offerSource(a, variant, text, key);
    built.statements.push({
      id: `s${j + 1}`,
      label: 'claim',
      ...statementSpan(a, variant, text.length),
      speaker: offered.speaker,
      speakerText: offered.speakerText,
    });
    built.entities.push(...offered.entities);
  });
  return built;
}

async function writeText(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

/**
 * Writes a prediction per gold document into `outDir`. With `mixed`, the
 * variant turns with the attribution and document, and some documents get
 * odd files instead: none, not JSON, an array, `null`, another docId, a BOM,
 * statements that are not a list; plus prediction files without gold.
 */
export async function writePredictions(
  golds: readonly PolnearGold[],
  texts: ReadonlyMap<string, string>,
  outDir: string,
  only: Variant | 'mixed',
): Promise<void> {
  for (const [i, gold] of golds.entries()) {
    const path = join(outDir, `${gold.docId}.json`);
    const pick = (j: number): Variant => (only === 'mixed' ? VARIANTS[(i + j) % VARIANTS.length]! : only);
    const prediction = { schemaVersion: 1, docId: gold.docId, ...buildPrediction(gold, texts.get(gold.docId)!, pick) };
    if (only !== 'mixed' || i > 12) await writeText(path, JSON.stringify(prediction));
    else if (i === 3) continue;
    else if (i === 5) await writeText(path, '{"docId": "oops",');
    else if (i === 6) await writeText(path, '[1, 2]');
    else if (i === 7) await writeText(path, 'null');
    else if (i === 8) await writeText(path, JSON.stringify({ ...prediction, docId: 'someone-else' }));
    else if (i === 9) await writeText(path, `\uFEFF${JSON.stringify(prediction)}`);
    else if (i === 10) await writeText(path, JSON.stringify({ ...prediction, statements: 'none' }));
    else await writeText(path, JSON.stringify(prediction));
  }
  if (only === 'mixed') {
    await writeText(join(outDir, 'manifest.json'), '{}');
    await writeText(join(outDir, 'stray.json'), '{}');
    await writeText(join(outDir, 'nested', 'deeper.json'), '{}');
  }
}
