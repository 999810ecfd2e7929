import { z } from 'zod';
import { ENTITY_TYPES, type EntityType } from '../../document/types.js';
import { loadJsonResource, type LoadedResource } from '../../resources/load.js';
import { resourcePath } from '../../resources/paths.js';

const LabelMapSchema = z.object({
  _comment: z.string().optional(),
  types: z.record(z.string(), z.enum(ENTITY_TYPES).nullable()),
});

/** Model label type (upper case, without its B-/I- prefix) → our type, or null for types that are not entities here. */
export type LabelMap = ReadonlyMap<string, EntityType | null>;

/** The built-in table, with each extra file's entries added or overriding. */
export function loadLabelMap(extraFiles: readonly string[] = []): { map: LabelMap; files: LoadedResource<unknown>[] } {
  const files = [resourcePath('transformer', 'ner-labels.json'), ...extraFiles].map((path) => loadJsonResource(path, LabelMapSchema));
  const map = new Map<string, EntityType | null>();
  for (const file of files) for (const [type, ours] of Object.entries(file.data.types)) map.set(type.toUpperCase(), ours);
  return { map, files };
}

export type TagPosition = 'B' | 'I' | 'E' | 'S' | 'O';

export interface Tag {
  position: TagPosition;
  /** The model's type name, upper case ("PER", "GPE"); empty for O. */
  type: string;
}

/**
 * Reads a label in any of the usual schemes: IOB1/IOB2 ("B-PER", "I-PER"),
 * BIOES/BILOU ("S-LOC", "E-ORG", "U-", "L-"), suffix style ("PER-B") and
 * plain IO ("PER").
 */
export function parseTag(label: string): Tag {
  const upper = label.trim().toUpperCase();
  if (upper === 'O' || upper === '') return { position: 'O', type: '' };
  const prefixed = /^([BIESLU])[-_](.+)$/.exec(upper);
  if (prefixed) return { position: normalisePosition(prefixed[1]!), type: prefixed[2]! };
  const suffixed = /^(.+)[-_]([BIESLU])$/.exec(upper);
  if (suffixed) return { position: normalisePosition(suffixed[2]!), type: suffixed[1]! };
  return { position: 'I', type: upper };
}

function normalisePosition(letter: string): TagPosition {
  if (letter === 'L') return 'E';
  if (letter === 'U') return 'S';
  return letter as TagPosition;
}

export interface LabelledWord {
  tag: Tag;
  score: number;
}

export interface TagRun {
  /** Index of the first and one past the last word of the run. */
  first: number;
  end: number;
  type: string;
  /** Mean score of the run's words. */
  score: number;
}

/**
 * Joins labelled words into runs. A run starts at B or S, or at an I or E
 * whose type differs from the run before (IOB1 and sloppy IOB2 output); it
 * ends after E or S, at O, or where the type changes.
 */
export function decodeTags(words: readonly LabelledWord[]): TagRun[] {
  const runs: TagRun[] = [];
  let open: { first: number; type: string; scores: number[] } | undefined;
  const close = (end: number): void => {
    if (open) runs.push({ first: open.first, end, type: open.type, score: open.scores.reduce((a, b) => a + b, 0) / open.scores.length });
    open = undefined;
  };
  words.forEach(({ tag, score }, i) => {
    if (tag.position === 'O') return close(i);
    const continues = open !== undefined && open.type === tag.type && (tag.position === 'I' || tag.position === 'E');
    if (!continues) {
      close(i);
      open = { first: i, type: tag.type, scores: [] };
    }
    open!.scores.push(score);
    if (tag.position === 'E' || tag.position === 'S') close(i + 1);
  });
  close(words.length);
  return runs;
}
