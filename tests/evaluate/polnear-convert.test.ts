import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { convertPolnearFolder } from '../../src/cli/convert.js';
import { run } from '../../src/cli/main.js';
import { FatalError } from '../../src/errors.js';
import { parseBrat } from '../../src/evaluate/polnear/brat.js';
import { readPolnearSplit, type PolnearConversion } from '../../src/evaluate/polnear/folder.js';
import { CodePointOffsets } from '../../src/evaluate/polnear/offsets.js';
import type { GoldSpan, PolnearGold } from '../../src/evaluate/polnear/types.js';
import { FIXTURE_ROOT } from './polnear-helpers.js';

const DEV = join(FIXTURE_ROOT, 'data', 'dev');
const BRIDGE = 'gazette_2016-03-01_harbour-bridge';
const BUDGET = 'courier_2016-05-12_mayor-budget';
const PARADE = 'herald_2016-07-04_parade';

async function fatal(promise: Promise<unknown>): Promise<FatalError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FatalError);
    return error as FatalError;
  }
  throw new Error('expected a FatalError');
}

function goldOf(conversion: PolnearConversion, docId: string): { gold: PolnearGold; text: string } {
  const article = conversion.articles.find((a) => a.docId === docId)!;
  return { gold: article.gold, text: article.rawText.replace(/^\uFEFF/, '') };
}

/** [start, end, text] of a span and of each fragment, for compact field-by-field checks. */
function pieces(span: GoldSpan | null): Array<[number, number, string]> {
  if (!span) return [];
  return [[span.start, span.end, span.text], ...span.fragments.map((f): [number, number, string] => [f.start, f.end, f.text])];
}

describe('parseBrat', () => {
  it('joins a T text that crosses a line break, keeps E arguments in order and skips notes', () => {
    const ann =
      'T1\tContent 4 13\tone\ntwo x\nT2\tCue 0 3\tsay\n#1\tAnnotatorNotes T1\ta note\nE1\tAttribution:T2 Cue:T2 Content:T1 Content2:T1\n';
    const brat = parseBrat(ann, 'x.ann');
    expect(brat.textBounds.get('T1')).toEqual({ id: 'T1', label: 'Content', fragments: [[4, 13]], text: 'one\ntwo x', line: 1 });
    expect(brat.textBounds.get('T2')?.line).toBe(3);
    expect(brat.events).toEqual([
      {
        id: 'E1',
        trigger: 'Attribution',
        args: [
          { role: 'Cue', target: 'T2' },
          { role: 'Content', target: 'T1' },
          { role: 'Content2', target: 'T1' },
        ],
        line: 5,
      },
    ]);
  });

  it('reads discontinuous offsets, and rejects malformed ones naming file and line', async () => {
    expect(parseBrat('T3\tSource 0 2;5 9\tab cdef\n', 'x.ann').textBounds.get('T3')?.fragments).toEqual([
      [0, 2],
      [5, 9],
    ]);
    for (const bad of ['T1\tSource 5 2\tx\n', 'T1\tSource 1 x\tx\n', 'T1\tSource\tx\n', 'T1\tSource 1 2 3\tx\n']) {
      const error = await fatal(Promise.resolve().then(() => parseBrat(bad, 'bad.ann')));
      expect(error.code).toBe('E005');
      expect(error.message).toContain('bad.ann:1');
    }
    expect((await fatal(Promise.resolve().then(() => parseBrat('stray\nT1\tCue 0 1\tx\n', 'bad.ann')))).message).toContain('bad.ann:1');
  });
});

describe('CodePointOffsets', () => {
  it('maps code points past an astral character and a BOM onto UTF-16 indices of the text without BOM', () => {
    const offsets = new CodePointOffsets('\uFEFFa🌉b c');
    expect(offsets.text).toBe('a🌉b c');
    expect(offsets.length).toBe(6);
    // code points: BOM 0, a 1, 🌉 2, b 3, space 4, c 5
    expect(offsets.slice(3, 6)).toBe('b c');
    expect(offsets.toUtf16(3)).toBe(3);
    expect(offsets.toUtf16(5)).toBe(5);
    expect(offsets.toUtf16(6)).toBe(6);
    expect(offsets.toUtf16(0)).toBeNull();
    expect(offsets.toUtf16(7)).toBeNull();
    const plain = new CodePointOffsets('plain');
    expect([plain.toUtf16(2), plain.slice(1, 3)]).toEqual([2, 'la']);
  });
});

describe('readPolnearSplit on the fixture', () => {
  let conversion: PolnearConversion;
  beforeEach(async () => {
    conversion = await readPolnearSplit(FIXTURE_ROOT, { split: 'dev', coref: true });
  });

  it('converts every annotated article and lists the others', () => {
    expect(conversion.articles.map((a) => a.docId)).toEqual([BUDGET, BRIDGE]);
    const m = conversion.manifest;
    expect(m.documents).toBe(2);
    expect(m.textsWithoutAnnotation).toEqual([PARADE]);
    expect(m.multiAnnotated).toEqual([{ docId: BRIDGE, annotators: ['3c1a', '9f0b'], chosen: '3c1a' }]);
    expect(m.warnings).toEqual([`${BRIDGE}: no CoreNLP file; no coref for it`]);
    expect(m.totals).toEqual({
      documents: 2,
      attributions: 8,
      withSource: 7,
      withCue: 8,
      discontinuousContent: 2,
      multiContentArgs: 1,
      noContent: 1,
      noSourceMarked: 1,
      discuss: 1,
      discard: 1,
      corefLinked: 3,
      corefMentionMismatch: 1,
      corefMentions: 8,
    });
  });

  it('takes the first annotator, sorts by content and skips the event without content', () => {
    const { gold } = goldOf(conversion, BRIDGE);
    expect([gold.docId, gold.format, gold.split, gold.annotator, gold.annotators]).toEqual([
      BRIDGE,
      'polnear-gold/1',
      'dev',
      '3c1a',
      ['3c1a', '9f0b'],
    ]);
    // The .ann lists E3 first; E5 has no content.
    expect(gold.attributions.map((a) => a.id)).toEqual(['E1', 'E2', 'E3', 'E4', 'E6']);
  });

  it('shifts code-point offsets by one after the astral character in the title', () => {
    const { gold, text } = goldOf(conversion, BRIDGE);
    const [e1] = gold.attributions;
    // The .ann says Source 36 62, Cue 63 67, Content 83 137.
    expect(pieces(e1!.source)).toEqual([
      [37, 63, 'Councillor Maëlle Dufresne'],
      [37, 63, 'Councillor Maëlle Dufresne'],
    ]);
    expect(pieces(e1!.cue)).toEqual([
      [64, 68, 'said'],
      [64, 68, 'said'],
    ]);
    expect([e1!.content.start, e1!.content.end, e1!.noSourceMarked]).toEqual([84, 138, false]);
    expect(text.slice(84, 138)).toBe('the vote on the harbour bridge would wait until spring');
    expect(e1!.source!.coref).toBeUndefined();
  });

  it('keeps a discontinuous content as fragments under a covering span', () => {
    const { gold, text } = goldOf(conversion, BRIDGE);
    const e2 = gold.attributions[1]!;
    expect(pieces(e2.content)).toEqual([
      [141, 217, text.slice(141, 217)],
      [141, 159, 'We need more time,'],
      [187, 217, 'because the costs keep rising.'],
    ]);
    expect(e2.content.text).toContain('Dufresne told reporters');
    expect([e2.source!.text, e2.cue!.text]).toEqual(['Dufresne', 'told']);
    // Content and Content2 arguments make one content too.
    const e6 = gold.attributions[4]!;
    expect(pieces(e6.content).slice(1)).toEqual([
      [399, 408, 'the delay'],
      [409, 420, '“a scandal”'],
    ]);
    expect(e6.source!.text).toBe('Critics');
  });

  it('reads a T text that crosses a line break, and a source-less attribution', () => {
    const { gold } = goldOf(conversion, BRIDGE);
    const [, , e3, e4] = gold.attributions;
    expect(pieces(e3!.content)[0]).toEqual([249, 277, 'the\nold pilings can be saved']);
    expect(e3!.source!.text).toBe('The engineering firm');
    expect(e4!.source).toBeNull();
    expect(e4!.noSourceMarked).toBe(true);
    expect(e4!.cue!.text).toBe('were told');
    expect(e4!.content.text).toBe('the ferry would keep running');
  });

  it('drops the BOM from offsets and links sources to their CoreNLP chain', () => {
    const { gold, text } = goldOf(conversion, BUDGET);
    expect(gold.annotators).toEqual(['77aa']);
    expect(gold.attributions.map((a) => [a.id, a.source?.text])).toEqual([
      ['E1', 'Mayor Inès Alvarado'],
      ['E2', 'She'],
      ['E3', 'The transit board'],
    ]);
    const [e1, e2, e3] = gold.attributions;
    // The .ann says Source 26 45: one less without the BOM.
    expect([e1!.source!.start, e1!.source!.end]).toEqual([25, 44]);
    const mayorChain = [
      { start: 25, end: 44, text: 'Mayor Inès Alvarado', head: { start: 36, end: 44, text: 'Alvarado' } },
      { start: 92, end: 95, text: 'She', head: { start: 92, end: 95, text: 'She' } },
    ];
    // The chain with the larger overlap wins over the one-word "Mayor" chain listed before it; duplicates go.
    expect(e1!.source!.coref).toEqual(mayorChain);
    expect(e2!.source!.coref).toEqual(mayorChain);
    expect(e3!.source!.coref).toEqual([
      { start: 140, end: 157, text: 'The transit board', head: { start: 152, end: 157, text: 'board' } },
      { start: 204, end: 206, text: 'it', head: { start: 204, end: 206, text: 'it' } },
    ]);
    expect(text.slice(204, 206)).toBe('it');
  });

  it('checks that every span is the text at its offsets', () => {
    for (const { gold, rawText } of conversion.articles) {
      const text = rawText.replace(/^\uFEFF/, '');
      for (const a of gold.attributions) {
        for (const span of [a.content, a.cue, a.source]) {
          for (const piece of span ? [span, ...span.fragments, ...(span.coref ?? []).flatMap((m) => [m, m.head])] : []) {
            expect(text.slice(piece.start, piece.end)).toBe(piece.text);
          }
        }
      }
    }
  });

  it('reads the data/ folder itself as well as the repository root, and leaves coref out on request', async () => {
    const fromData = await readPolnearSplit(join(FIXTURE_ROOT, 'data'), { split: 'dev', coref: true });
    expect(fromData.articles).toEqual(conversion.articles);
    const noCoref = await readPolnearSplit(FIXTURE_ROOT, { split: 'dev', coref: false });
    expect(noCoref.manifest.coref).toBe(false);
    expect(noCoref.manifest.warnings).toEqual([]);
    expect(noCoref.manifest.totals.corefMentions).toBe(0);
    expect(JSON.stringify(noCoref.articles)).not.toContain('coref');
  });
});

describe('convert polnear errors', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'stancemap-polnear-'));
    await cp(FIXTURE_ROOT, join(tmp, 'src'), { recursive: true });
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const annPath = (): string => join(tmp, 'src', 'data', 'dev', 'attributions', `${BRIDGE}_3c1a.ann`);
  async function editAnn(edit: (content: string) => string): Promise<void> {
    await writeFile(annPath(), edit(await readFile(annPath(), 'utf8')));
  }

  it('names the file and the annotation when a T text is not the article text, and writes nothing', async () => {
    await editAnn((c) => c.replace('\tCouncillor Maëlle Dufresne', '\tCouncillor Maelle Dufresne'));
    const error = await fatal(convertPolnearFolder(join(tmp, 'src'), join(tmp, 'out'), { split: 'dev', coref: true }));
    expect(error.code).toBe('E005');
    expect(error.message).toContain(`${BRIDGE}_3c1a.ann: T1:`);
    expect(existsSync(join(tmp, 'out'))).toBe(false);
  });

  it('names an event argument that points at no T annotation', async () => {
    await editAnn((c) => c.replace('Content:T15', 'Content:T99'));
    const error = await fatal(readPolnearSplit(join(tmp, 'src'), { split: 'dev', coref: true }));
    expect(error.message).toMatch(/_3c1a\.ann:\d+: E4: argument Content:T99/);
  });

  it('rejects offsets past the end of the text', async () => {
    await editAnn((c) => `${c}T90\tDiscuss 900 901\t\n`);
    expect((await fatal(readPolnearSplit(join(tmp, 'src'), { split: 'dev', coref: true }))).message).toContain('T90');
  });

  it('names the CoreNLP file when a chain mention lies outside the text', async () => {
    const xml = join(tmp, 'src', 'data', 'dev', 'corenlp', `${BUDGET}.txt.xml`);
    await writeFile(
      xml,
      (await readFile(xml, 'utf8')).replace('<CharacterOffsetEnd>45</CharacterOffsetEnd>', '<CharacterOffsetEnd>4500</CharacterOffsetEnd>'),
    );
    const error = await fatal(readPolnearSplit(join(tmp, 'src'), { split: 'dev', coref: true }));
    // "Alvarado" is the head token, so E1 now links to the "Mayor" chain; E2 ("She") still takes the broken one.
    expect(error.message).toContain(`${BUDGET}.txt.xml: E2.source.coref[0] [25, 4499)`);
  });

  it('says which folder is missing', async () => {
    expect((await fatal(readPolnearSplit(join(tmp, 'nowhere'), { split: 'dev', coref: true }))).code).toBe('E002');
    const noSplit = await fatal(readPolnearSplit(join(tmp, 'src'), { split: 'test', coref: true }));
    expect([noSplit.code, noSplit.message.includes('test/text')]).toEqual(['E001', true]);
  });

  it('rejects an article that is not UTF-8', async () => {
    await writeFile(join(tmp, 'src', 'data', 'dev', 'text', `${BRIDGE}.txt`), Buffer.from([0x48, 0xff, 0x0a]));
    expect((await fatal(readPolnearSplit(join(tmp, 'src'), { split: 'dev', coref: true }))).message).toContain('not valid UTF-8');
  });
});

describe('stancemap convert polnear', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'stancemap-polnear-cli-'));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(tmp, { recursive: true, force: true });
  });

  it('writes corpus, gold and manifest, with the article bytes unchanged, and sums up on stderr', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['convert', 'polnear', FIXTURE_ROOT, '--out', tmp])).toBe(0);
    expect((await readdir(join(tmp, 'corpus'))).sort()).toEqual([`${BUDGET}.txt`, `${BRIDGE}.txt`]);
    for (const docId of [BUDGET, BRIDGE]) {
      expect(await readFile(join(tmp, 'corpus', `${docId}.txt`))).toEqual(await readFile(join(DEV, 'text', `${docId}.txt`)));
    }
    const gold = JSON.parse(await readFile(join(tmp, 'gold', `${BRIDGE}.json`), 'utf8')) as PolnearGold;
    expect(gold.attributions).toHaveLength(5);
    const manifest = JSON.parse(await readFile(join(tmp, 'manifest.json'), 'utf8'));
    expect([manifest.documents, manifest.source.split, manifest.annotatorRule]).toEqual([
      2,
      'dev',
      'first annotator id in string order among those who annotated the article',
    ]);
    const line = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(line).toContain('split dev, 2 documents (1 multi-annotated; 1 texts without annotation), 8 attributions');
  });

  it('fails with exit 1 and a message for a missing folder', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['convert', 'polnear', join(tmp, 'missing'), '--out', join(tmp, 'out'), '--split', 'train'])).toBe(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('E002');
  });
});
