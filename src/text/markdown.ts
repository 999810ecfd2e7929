import type { Span } from '../document/types.js';
import type { Line } from './lines.js';

/** A metadata block at the very top of a Markdown file: YAML between `---` lines, or TOML between `+++` lines. */
export interface FrontMatter extends Span {
  /** Its top-level `key: value` (YAML) or `key = value` (TOML) scalars, keys in lower case, quotes removed. */
  fields: Record<string, string>;
}

const OPENING: Record<string, { close: RegExp; field: RegExp }> = {
  '---': { close: /^(?:---|\.\.\.)\s*$/, field: /^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/ },
  '+++': { close: /^\+\+\+\s*$/, field: /^([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*$/ },
};

/**
 * The front matter that opens `lines` (a Markdown file's lines), or null. It
 * must start on the first line and be closed; its span runs from the
 * opening fence to the end of the closing one.
 */
export function frontMatter(lines: readonly Line[]): FrontMatter | null {
  const fence = OPENING[lines[0]?.text.trimEnd() ?? ''];
  if (!fence) return null;
  const fields: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence.close.test(line.text)) return { start: lines[0]!.start, end: line.end, fields };
    // Indented lines belong to a nested value; only the top level's scalars are read.
    const field = /^\s/.test(line.text) ? null : fence.field.exec(line.text);
    if (field) fields[field[1]!.toLowerCase()] = unquote(field[2]!);
  }
  return null;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return (quoted ? quoted[2]! : value).trim();
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/**
 * The headings of a Markdown text, as spans over whole lines: `# …` lines,
 * and a paragraph underlined by `===` or `---` (with its underline). Lines
 * inside fenced code blocks are not headings; `from` is the line to start at
 * (after the front matter).
 */
export function markdownHeadings(lines: readonly Line[], from = 0): Span[] {
  const headings: Span[] = [];
  let fence: string | null = null;
  let paragraphStart: number | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    const opensOrCloses = FENCE.exec(line.text)?.[1];
    if (opensOrCloses !== undefined && (fence === null || fence === opensOrCloses)) {
      fence = fence === null ? opensOrCloses : null;
      paragraphStart = null;
      continue;
    }
    if (fence !== null) continue;
    if (line.text.trim() === '') paragraphStart = null;
    else if (ATX_HEADING.test(line.text)) {
      headings.push({ start: line.start, end: line.end });
      paragraphStart = null;
    } else if (paragraphStart !== null && SETEXT_UNDERLINE.test(line.text)) {
      headings.push({ start: lines[paragraphStart]!.start, end: line.end });
      paragraphStart = null;
    } else paragraphStart ??= i;
  }
  return headings;
}
