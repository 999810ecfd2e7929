import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { GoldSpan, PolnearGold, TextPiece } from '../../src/evaluate/polnear/types.js';
import { TOOLS_DIR } from '../helpers/shared-data.js';

/** A PolNeAR-shaped tree written for these tests: data/dev/{text,attributions,corenlp}. */
export const FIXTURE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'polnear');

/** The reference implementation the converter and the scorer must agree with. */
export const POLNEAR_MJS = join(TOOLS_DIR, 'polnear.mjs');

const execFileAsync = promisify(execFile);

/** Runs `node polnear.mjs …`; returns stdout (throws with stderr on a non-zero exit). */
export async function runReference(args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, [POLNEAR_MJS, ...args], { maxBuffer: 1 << 28 });
  return stdout;
}

export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** `{ stem: parsed JSON }` for every `*.json` in a folder. */
export function readJsonFolder(dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort())
    out[name.slice(0, -5)] = readJsonFile(join(dir, name));
  return out;
}

/** A gold document without its CoreNLP chains (what a conversion without CoreNLP files gives). */
export function withoutCoref(gold: PolnearGold): PolnearGold {
  return {
    ...gold,
    attributions: gold.attributions.map((a) => {
      if (!a.source) return a;
      const { coref: _coref, ...source } = a.source;
      return { ...a, source };
    }),
  };
}

/**
 * Writes PolNeAR's BRAT standoff back from a gold document, so that both
 * converters can be run on real text without the PolNeAR repository. Offsets
 * go back to code points of the file (BOM counted); odd-numbered discontinuous
 * contents are split over `Content`, `Content2` … arguments, even-numbered ones
 * kept as one multi-fragment T; one Discuss flag and one event without content
 * are added, which must not change the gold.
 */
export function goldToBrat(gold: PolnearGold, rawText: string): string {
  const bom = rawText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = rawText.slice(bom);
  const codePoint = (utf16: number): number => Array.from(text.slice(0, utf16)).length + bom;
  const lines: string[] = [];
  let next = 0;
  const textBound = (label: string, pieces: readonly TextPiece[]): string => {
    const id = `T${++next}`;
    const offsets = pieces.map((p) => `${codePoint(p.start)} ${codePoint(p.end)}`).join(';');
    lines.push(`${id}\t${label} ${offsets}\t${pieces.map((p) => p.text).join(' ')}`);
    return id;
  };
  const spanArgs = (role: string, span: GoldSpan | null): string[] => (span ? [`${role}:${textBound(role, span.fragments)}`] : []);
  gold.attributions.forEach((a, index) => {
    const trigger = a.noSourceMarked ? 'Attribution-no-source' : 'Attribution';
    const triggerId = textBound(trigger, [(a.cue ?? a.content).fragments[0]!]);
    const split = index % 2 === 1 && a.content.fragments.length > 1;
    const content = split
      ? a.content.fragments.map((f, i) => `Content${i === 0 ? '' : i + 1}:${textBound('Content', [f])}`)
      : spanArgs('Content', a.content);
    lines.push(`${a.id}\t${[`${trigger}:${triggerId}`, ...spanArgs('Cue', a.cue), ...spanArgs('Source', a.source), ...content].join(' ')}`);
  });
  const first = gold.attributions[0];
  if (first) {
    textBound('Discuss', first.content.fragments.slice(0, 1));
    const cue = textBound('Cue', (first.cue ?? first.content).fragments.slice(0, 1));
    lines.push(`E${gold.attributions.length + 1000}\tAttribution:${cue} Cue:${cue}`);
  }
  return `${lines.join('\n')}\n`;
}
