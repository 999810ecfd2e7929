import { FatalError } from '../../errors.js';

/**
 * BRAT standoff (`.ann`) as PolNeAR writes it. Offsets stay as written: code-point
 * indices into the article text (Python counts them so); offsets.ts turns them
 * into UTF-16 indices.
 */

/** A `T` line: `T4<TAB>Label s e[;s e…]<TAB>text`. */
export interface TextBound {
  id: string;
  label: string;
  /** `[start, end]` in code points, as written (zero-length fragments included). */
  fragments: Array<[number, number]>;
  /** The text BRAT recorded: the fragments' texts joined by one space. */
  text: string;
  /** 1-based line where the record starts. */
  line: number;
}

/** An `E` line: `E2<TAB>Attribution:T9 Cue:T3 Source:T1 Content:T5 Content2:T6`. */
export interface BratEvent {
  id: string;
  /** The trigger's type (`Attribution`, `Attribution-no-source`); null for an empty line. */
  trigger: string | null;
  args: Array<{ role: string; target: string }>;
  line: number;
}

export interface BratDocument {
  textBounds: Map<string, TextBound>;
  events: BratEvent[];
}

/** The record types of BRAT standoff; any other line continues the record before it. */
const RECORD_START = /^[TERAMN#]\d*\t/;
const OFFSET = /^\d+$/;

interface RawRecord {
  body: string;
  line: number;
}

/**
 * Joins physical lines into records. A T text may itself hold line breaks (its
 * span crosses one), so a line that does not open a record belongs to the
 * previous record, newline included.
 */
function splitRecords(content: string, file: string): RawRecord[] {
  // Only the final newline ends the file; a second one would be part of the last T text.
  const lines = content.replace(/\n$/, '').split('\n');
  const records: RawRecord[] = [];
  lines.forEach((line, index) => {
    const last = records[records.length - 1];
    if (RECORD_START.test(line)) records.push({ body: line, line: index + 1 });
    else if (last) last.body += `\n${line}`;
    else if (line.trim() !== '')
      throw new FatalError('E005', `${file}:${index + 1}: text before the first annotation: "${line.slice(0, 60)}"`);
  });
  return records;
}

function parseFragments(offsets: string, where: string): Array<[number, number]> {
  return offsets.split(';').map((piece) => {
    const numbers = piece.trim().split(/\s+/);
    const [start, end] = numbers.map(Number);
    if (numbers.length !== 2 || !numbers.every((n) => OFFSET.test(n)) || start! > end!) {
      throw new FatalError('E005', `${where}: bad offsets "${offsets}"`);
    }
    return [start!, end!];
  });
}

function parseTextBound(id: string, rest: string, line: number, file: string): TextBound {
  const where = `${file}:${line}: ${id}`;
  const tab = rest.indexOf('\t');
  const head = tab < 0 ? rest : rest.slice(0, tab);
  const space = head.indexOf(' ');
  if (space <= 0) throw new FatalError('E005', `${where}: expected "Label start end", found "${head}"`);
  return {
    id,
    label: head.slice(0, space),
    fragments: parseFragments(head.slice(space + 1), where),
    text: tab < 0 ? '' : rest.slice(tab + 1),
    line,
  };
}

function parseEvent(id: string, rest: string, line: number, file: string): BratEvent {
  const pairs = rest
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const colon = item.lastIndexOf(':');
      if (colon <= 0) throw new FatalError('E005', `${file}:${line}: ${id}: argument "${item}" is not Role:Id`);
      return { role: item.slice(0, colon), target: item.slice(colon + 1) };
    });
  const [trigger, ...args] = pairs;
  return { id, trigger: trigger?.role ?? null, args, line };
}

/**
 * Parses a `.ann` file. `T` and `E` records are kept; attributes, relations and
 * notes (`A`, `R`, `M`, `N`, `#`) are not used by PolNeAR's attributions and
 * are skipped. Throws `FatalError('E005')` naming `file` and the line.
 */
export function parseBrat(content: string, file: string): BratDocument {
  const textBounds = new Map<string, TextBound>();
  const events: BratEvent[] = [];
  for (const record of splitRecords(content, file)) {
    const tab = record.body.indexOf('\t');
    const id = record.body.slice(0, tab);
    const rest = record.body.slice(tab + 1);
    if (id.startsWith('T')) textBounds.set(id, parseTextBound(id, rest, record.line, file));
    else if (id.startsWith('E')) events.push(parseEvent(id, rest, record.line, file));
  }
  return { textBounds, events };
}
