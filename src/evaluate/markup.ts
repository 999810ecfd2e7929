import { STANCE_LABELS, type EntityType, type StanceLabel } from '../document/types.js';
import type { Gold } from '../schema/article.js';

/** docs/GOLD-MARKUP.md, parsed: the plain text and the annotations with offsets into it. */
export interface ParsedMarkup {
  text: string;
  mentions: Array<{ start: number; end: number; type: EntityType; key: string; isName: boolean }>;
  ignore: Array<{ start: number; end: number }>;
  statements: Array<{ start: number; end: number; label: StanceLabel; speakerKey: string | null }>;
}

const TYPES: Record<string, EntityType> = { P: 'PERSON', O: 'ORGANIZATION', L: 'LOCATION' };
const LABELS: ReadonlySet<StanceLabel> = new Set(STANCE_LABELS);

export class MarkupError extends Error {}

/** Parses an annotated copy; throws MarkupError with the line number of the first problem. */
export function parseMarkup(source: string): ParsedMarkup {
  const result: ParsedMarkup = { text: '', mentions: [], ignore: [], statements: [] };
  let text = '';
  let openStatement: { start: number; label: StanceLabel; speakerKey: string | null } | undefined;
  const fail = (at: number, message: string): never => {
    const line = source.slice(0, at).split('\n').length;
    throw new MarkupError(`line ${line}: ${message}`);
  };
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('[[', i)) {
      const close = source.indexOf(']]', i);
      const bar = source.lastIndexOf('|', close);
      if (close === -1 || bar < i) fail(i, 'unclosed [[mention|T:key]]');
      const surface = source.slice(i + 2, bar);
      const spec = /^([POL]):([a-z0-9-]+)(!?)$/.exec(source.slice(bar + 1, close));
      if (!spec) fail(i, `bad mention spec "${source.slice(bar + 1, close)}"`);
      if (surface.length === 0 || /[[\]{}<>]/.test(surface)) fail(i, `bad mention text "${surface}"`);
      result.mentions.push({
        start: text.length,
        end: text.length + surface.length,
        type: TYPES[spec![1]!]!,
        key: spec![2]!,
        isName: spec![3] === '!',
      });
      text += surface;
      i = close + 2;
    } else if (source.startsWith('{{', i)) {
      const close = source.indexOf('}}', i);
      if (close === -1) fail(i, 'unclosed {{ignore}}');
      const surface = source.slice(i + 2, close);
      result.ignore.push({ start: text.length, end: text.length + surface.length });
      text += surface;
      i = close + 2;
    } else if (source.startsWith('<</>>', i)) {
      if (!openStatement) fail(i, '<</>> without an open statement');
      result.statements.push({ ...openStatement!, end: text.length });
      openStatement = undefined;
      i += 5;
    } else if (source.startsWith('<<', i)) {
      const close = source.indexOf('>>', i);
      const spec = /^<<(\w+) @([a-z0-9-]+|-)>>$/.exec(source.slice(i, close + 2));
      if (close === -1 || !spec) fail(i, 'bad statement opener, expected <<label @key>>');
      if (openStatement) fail(i, 'statements do not nest');
      const label = spec![1] as StanceLabel;
      if (!LABELS.has(label)) fail(i, `unknown label "${label}"`);
      openStatement = { start: text.length, label, speakerKey: spec![2] === '-' ? null : spec![2]! };
      i = close + 2;
    } else {
      text += source[i];
      i++;
    }
  }
  if (openStatement) fail(source.length, 'statement left open at end of file');
  result.text = text;
  return result;
}

/** The gold file (CONTRACT.md) for a parsed annotated copy. */
export function markupToGold(docId: string, parsed: ParsedMarkup): Gold {
  const byKey = new Map<string, ParsedMarkup['mentions']>();
  for (const mention of parsed.mentions) byKey.set(mention.key, [...(byKey.get(mention.key) ?? []), mention]);
  const names = new Map<string, string>();
  const entities: Gold['entities'] = [];
  for (const [key, mentions] of byKey) {
    const types = new Set(mentions.map((m) => m.type));
    if (types.size > 1) throw new MarkupError(`entity "${key}" has more than one type: ${[...types].join(', ')}`);
    const surfaces = mentions.map((m) => parsed.text.slice(m.start, m.end));
    const named = mentions.findIndex((m) => m.isName);
    const name = named !== -1 ? surfaces[named]! : [...surfaces].sort((a, b) => b.length - a.length)[0]!;
    names.set(key, name);
    entities.push({
      type: mentions[0]!.type,
      name,
      mentions: mentions.map((m) => ({ start: m.start, end: m.end, text: parsed.text.slice(m.start, m.end) })),
    });
  }
  const statements = parsed.statements.map((s) => {
    if (s.speakerKey !== null && !names.has(s.speakerKey)) throw new MarkupError(`statement speaker "@${s.speakerKey}" is no entity key`);
    return { label: s.label, start: s.start, end: s.end, speaker: s.speakerKey === null ? null : names.get(s.speakerKey)! };
  });
  return { docId, entities, statements, ignore: parsed.ignore };
}
