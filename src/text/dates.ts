import * as chrono from 'chrono-node';
import { layoutPatterns } from '../resources/layout.js';

/**
 * The first complete calendar date in `text` as ISO `YYYY-MM-DD`, and how much
 * of the text it covers (a date line is mostly date). Only dates with a
 * certain year, month and day count: "on Tuesday" is no article date.
 * `end` is the offset in `text` just after the date.
 */
export function parseDate(text: string): { iso: string; coverage: number; end: number } | undefined {
  const dateLabel = layoutPatterns().dateLabel;
  const label = dateLabel.exec(text)?.[0].length ?? 0;
  const results = chrono.strict.parse(text.slice(label));
  const result = results.find((r) => r.start.isCertain('year') && r.start.isCertain('month') && r.start.isCertain('day'));
  if (!result) return undefined;
  const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');
  const iso = `${result.start.get('year')}-${pad(result.start.get('month'))}-${pad(result.start.get('day'))}`;
  const content = text.replace(dateLabel, '').replace(/[^\p{L}\p{N}]/gu, '');
  const matched = result.text.replace(/[^\p{L}\p{N}]/gu, '');
  return { iso, coverage: content.length === 0 ? 0 : matched.length / content.length, end: label + result.index + result.text.length };
}
