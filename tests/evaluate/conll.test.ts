import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/main.js';
import { FatalError } from '../../src/errors.js';
import {
  convertConll,
  decodeTags,
  formatSummary,
  joinTokens,
  parseConll,
  parseTag,
  summarize,
  type ConvertedDocument,
} from '../../src/evaluate/conll.js';
import { GoldSchema } from '../../src/schema/article.js';

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLE = join(here, '..', 'fixtures', 'conll', 'sample.conll');

async function sample(): Promise<ConvertedDocument[]> {
  return convertConll(await readFile(SAMPLE, 'utf8'), 'sample', SAMPLE);
}

/** [type, text] for every entity, in order. */
function entities(doc: ConvertedDocument): Array<[string, string]> {
  return doc.gold.entities.map((e) => [e.type, e.mentions[0]!.text ?? '']);
}

function ignored(doc: ConvertedDocument): string[] {
  return (doc.gold.ignore ?? []).map((s) => doc.text.slice(s.start, s.end));
}

/** Rewrites IOB1 tags as IOB2 (an `I-X` that does not follow an X token becomes `B-X`), keeping every other column. */
function toIob2(content: string): string {
  let previousType: string | null = null;
  return content
    .split('\n')
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      if (line.trim() === '' || columns[0] === '-DOCSTART-') {
        previousType = null;
        return line;
      }
      const tag = columns[columns.length - 1]!;
      const type = tag === 'O' ? null : tag.slice(2);
      if (tag.startsWith('I-') && previousType !== type) columns[columns.length - 1] = `B-${type}`;
      previousType = type;
      return columns.join(' ');
    })
    .join('\n');
}

function fatal(fn: () => unknown): FatalError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FatalError);
    return error as FatalError;
  }
  throw new Error('expected a FatalError');
}

describe('joinTokens', () => {
  it('joins with spaces except around punctuation, brackets and clitics', () => {
    expect(joinTokens(['Hello', ',', 'world', '!']).text).toBe('Hello, world!');
    expect(joinTokens(['a', '(', 'b', ')', '[', 'c', ']', '{', 'd', '}', '.']).text).toBe('a (b) [c] {d}.');
    expect(joinTokens(['up', '12', '%', ';', 'x', ':', 'y', '?', 'z', '...']).text).toBe('up 12%; x: y? z...');
    expect(joinTokens(['Trust', "'s", 'we', 'did', "n't", 'IT', "'S", 'DO', "N'T"]).text).toBe("Trust's we didn't IT'S DON'T");
    expect(joinTokens(['"', 'Quote', '"', 'stays']).text).toBe('" Quote " stays');
  });

  it('returns the start offset of every token', () => {
    const tokens = ['(', 'Port', 'Elda', ')', 'said', '.'];
    const { text, starts } = joinTokens(tokens);
    expect(text).toBe('(Port Elda) said.');
    tokens.forEach((token, i) => expect(text.slice(starts[i], starts[i]! + token.length)).toBe(token));
  });
});

describe('tags', () => {
  it('parses O, B- and I- tags and rejects anything else', () => {
    expect(parseTag('O')).toBeNull();
    expect(parseTag('B-PER')).toEqual({ prefix: 'B', type: 'PER' });
    expect(parseTag('I-MISC')).toEqual({ prefix: 'I', type: 'MISC' });
    for (const bad of ['X-PER', 'B-', 'PER', 'E-PER', 'S-LOC', 'o', 'B_PER']) expect(parseTag(bad)).toBeUndefined();
  });

  it('decodes IOB1 and IOB2 to the same spans', () => {
    const tags = (s: string) => s.split(' ').map((t) => parseTag(t)!);
    // "Velmora Dunmore railway , Maria Okonkwo ( Harbour Trust )"
    const iob1 = decodeTags(tags('I-LOC B-LOC O O I-PER I-PER O I-ORG I-ORG O'));
    const iob2 = decodeTags(tags('B-LOC B-LOC O O B-PER I-PER O B-ORG I-ORG O'));
    const expected = [
      { type: 'LOC', start: 0, end: 1 },
      { type: 'LOC', start: 1, end: 2 },
      { type: 'PER', start: 4, end: 6 },
      { type: 'ORG', start: 7, end: 9 },
    ];
    expect(iob1).toEqual(expected);
    expect(iob2).toEqual(expected);
  });

  it('starts a new span when an I- tag changes type', () => {
    const spans = decodeTags(['I-PER', 'I-ORG', 'I-ORG'].map((t) => parseTag(t)!));
    expect(spans).toEqual([
      { type: 'PER', start: 0, end: 1 },
      { type: 'ORG', start: 1, end: 3 },
    ]);
  });
});

describe('convertConll on the sample', () => {
  it('splits documents at -DOCSTART- and sentences at blank lines, one sentence per line', async () => {
    const docs = await sample();
    expect(docs.map((d) => d.docId)).toEqual(['sample-0000', 'sample-0001', 'sample-0002']);
    expect(docs.map((d) => d.sentences)).toEqual([3, 3, 2]);
    expect(docs[0]!.text).toBe(
      'Maria Okonkwo, the mayor of Port Elda, met officials from the Harbour Trust on Monday.\n' +
        "The Trust's board said the (Northern) ferry plan would cost 12% more.\n" +
        "Okonkwo didn't comment.\n",
    );
    expect(docs[1]!.text.split('\n')[1]).toBe("Engineers from Castell Rail (CR) praised Anna Berg's team.");
    expect(docs[2]!.text).toBe(
      'Did the Alder Institute really say that?\nLena Fisch, a Norwegian economist at Kvist University, says yes: prices in Oslo fell!\n',
    );
  });

  it('maps types, with an IOB1 I- start and a B- between two adjacent entities of one type', async () => {
    const docs = await sample();
    expect(entities(docs[0]!)).toEqual([
      ['PERSON', 'Maria Okonkwo'],
      ['LOCATION', 'Port Elda'],
      ['ORGANIZATION', 'Harbour Trust'],
      ['ORGANIZATION', 'Trust'],
      ['PERSON', 'Okonkwo'],
    ]);
    expect(entities(docs[1]!)).toEqual([
      ['LOCATION', 'Velmora'],
      ['LOCATION', 'Dunmore'],
      ['ORGANIZATION', 'Castell Rail'],
      ['ORGANIZATION', 'CR'],
      ['PERSON', 'Anna Berg'],
    ]);
    expect(entities(docs[2]!)).toEqual([
      ['ORGANIZATION', 'Alder Institute'],
      ['PERSON', 'Lena Fisch'],
      ['ORGANIZATION', 'Kvist University'],
      ['LOCATION', 'Oslo'],
    ]);
    for (const doc of docs) {
      for (const e of doc.gold.entities) {
        expect(e.mentions).toHaveLength(1);
        expect(e.name).toBe(e.mentions[0]!.text);
      }
      expect(doc.gold.statements).toEqual([]);
    }
  });

  it('places every span so that text.slice(start, end) is its tokens', async () => {
    const content = await readFile(SAMPLE, 'utf8');
    const parsed = parseConll(content, SAMPLE);
    const docs = await sample();
    docs.forEach((doc, d) => {
      // The tokens of each span, straight from the file, in order.
      const spanTokens: string[][] = [];
      for (const sentence of parsed[d]!.sentences) {
        for (const span of decodeTags(sentence.tokens.map((t) => t.tag))) {
          spanTokens.push(sentence.tokens.slice(span.start, span.end).map((t) => t.text));
        }
      }
      const spans = [...doc.gold.entities.map((e) => e.mentions[0]!), ...(doc.gold.ignore ?? [])].sort((a, b) => a.start - b.start);
      expect(spans).toHaveLength(spanTokens.length);
      spans.forEach((span, i) => {
        const slice = doc.text.slice(span.start, span.end);
        expect(slice).toBe(spanTokens[i]!.join(' '));
        expect(slice.split(' ')).toEqual(spanTokens[i]);
        if ('text' in span) expect(span.text).toBe(slice);
      });
    });
  });

  it('turns MISC into ignore spans', async () => {
    const docs = await sample();
    expect(docs.map(ignored)).toEqual([['Northern'], ['Easter'], ['Norwegian']]);
    for (const doc of docs) expect(doc.gold.entities.some((e) => ['Northern', 'Easter', 'Norwegian'].includes(e.name))).toBe(false);
  });

  it('gives the same result for the sample rewritten as IOB2', async () => {
    const content = await readFile(SAMPLE, 'utf8');
    const iob2 = toIob2(content);
    expect(iob2).not.toBe(content);
    expect(iob2).toContain('Maria NNP B-NP B-PER');
    expect(iob2).toContain('Dunmore NNP I-NP B-LOC');
    expect(convertConll(iob2, 'sample', 'iob2.conll')).toEqual(await sample());
  });

  it('produces gold that passes GoldSchema, and sums it up', async () => {
    const docs = await sample();
    for (const doc of docs) expect(GoldSchema.parse(doc.gold)).toEqual(doc.gold);
    const summary = summarize(docs);
    expect(summary).toEqual({
      documents: 3,
      sentences: 8,
      tokens: 100,
      entities: { PERSON: 4, ORGANIZATION: 6, LOCATION: 4 },
      ignored: { MISC: 3 },
    });
    expect(formatSummary(summary)).toBe(
      '3 documents, 8 sentences, 100 tokens; entities: 4 PERSON, 6 ORGANIZATION, 4 LOCATION; ignored: 3 MISC',
    );
  });
});

describe('convertConll on other input', () => {
  it('reads a file without -DOCSTART- as one document, with 2 columns, CRLF and a BOM', () => {
    const docs = convertConll('\uFEFFJohn B-PER\r\nlives O\r\nin O\r\nRome B-LOC\r\n.\tO\r\n\r\nHe O\r\nleft O\r\n', 'plain', 'plain.bio');
    expect(docs).toHaveLength(1);
    expect(docs[0]!.docId).toBe('plain-0000');
    expect(docs[0]!.text).toBe('John lives in Rome.\nHe left\n');
    expect(entities(docs[0]!)).toEqual([
      ['PERSON', 'John'],
      ['LOCATION', 'Rome'],
    ]);
  });

  it('turns unknown types into ignore spans too', () => {
    const [doc] = convertConll('On O\nMonday B-DATE\nAcme B-ORG\nCorp I-ORG\nsold O\n', 'x', 'x.conll');
    expect(ignored(doc!)).toEqual(['Monday']);
    expect(entities(doc!)).toEqual([['ORGANIZATION', 'Acme Corp']]);
    expect(summarize([doc!]).ignored).toEqual({ DATE: 1 });
  });

  it('does not carry an entity across a sentence break, and skips empty documents', () => {
    const docs = convertConll('-DOCSTART- O\n\n-DOCSTART- O\n\nNew I-LOC\n\nYork I-LOC\n', 'x', 'x.conll');
    expect(docs).toHaveLength(1);
    expect(docs[0]!.docId).toBe('x-0000');
    expect(entities(docs[0]!)).toEqual([
      ['LOCATION', 'New'],
      ['LOCATION', 'York'],
    ]);
  });

  it('names the file and line of a malformed tag', () => {
    const error = fatal(() => convertConll('-DOCSTART- -X- -X- O\n\nAnna NNP B-NP X-PER\n', 'bad', 'bad.conll'));
    expect(error.code).toBe('E001');
    expect(error.message).toContain('bad.conll:3');
    expect(error.message).toContain('"X-PER"');
  });

  it('names the file and line of a line without a tag', () => {
    const error = fatal(() => convertConll('Anna B-PER\nBerg\n', 'bad', 'bad.conll'));
    expect(error.code).toBe('E001');
    expect(error.message).toContain('bad.conll:2');
  });

  it('rejects a file without tokens', () => {
    for (const content of ['', '\n\n  \n', '-DOCSTART- -X- -X- O\n\n']) {
      const error = fatal(() => convertConll(content, 'empty', 'empty.conll'));
      expect(error.code).toBe('E001');
      expect(error.message).toContain('empty.conll');
    }
  });
});

describe('stancemap convert conll', () => {
  let dir: string;
  let stderr: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stancemap-conll-'));
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the corpus and the gold files and prints a summary', async () => {
    const out = join(dir, 'out');
    expect(await run(['convert', 'conll', SAMPLE, '--out', out])).toBe(0);
    expect((await readdir(join(out, 'corpus'))).sort()).toEqual(['sample-0000.txt', 'sample-0001.txt', 'sample-0002.txt']);
    expect((await readdir(join(out, 'gold'))).sort()).toEqual(['sample-0000.json', 'sample-0001.json', 'sample-0002.json']);
    const expected = await sample();
    for (const doc of expected) {
      const text = await readFile(join(out, 'corpus', `${doc.docId}.txt`), 'utf8');
      const gold = GoldSchema.parse(JSON.parse(await readFile(join(out, 'gold', `${doc.docId}.json`), 'utf8')));
      expect(text).toBe(doc.text);
      expect(gold).toEqual(doc.gold);
      expect(gold.docId).toBe(doc.docId);
      for (const e of gold.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    }
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('3 documents, 8 sentences, 100 tokens');
    expect(stderr).toContain('4 PERSON, 6 ORGANIZATION, 4 LOCATION');
  });

  it('exits 1 and writes nothing for a malformed file', async () => {
    const file = join(dir, 'bad.conll');
    await writeFile(file, 'Anna B-PER\nBerg I-PER\nsaid O\nno Z-LOC\n');
    const out = join(dir, 'out');
    expect(await run(['convert', 'conll', file, '--out', out])).toBe(1);
    expect(stderr).toContain('E001');
    expect(stderr).toContain(`${file}:4`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 for a missing file, an empty file, or no --out', async () => {
    expect(await run(['convert', 'conll', join(dir, 'missing.conll'), '--out', join(dir, 'out')])).toBe(1);
    expect(stderr).toContain('missing.conll');
    const empty = join(dir, 'empty.conll');
    await writeFile(empty, '');
    expect(await run(['convert', 'conll', empty, '--out', join(dir, 'out')])).toBe(1);
    expect(stderr).toContain('no tokens');
    expect(await run(['convert', 'conll', SAMPLE])).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
