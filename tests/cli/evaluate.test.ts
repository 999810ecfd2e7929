import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeArticle, makeGold, spanOf } from '../helpers/articles.js';
import { cli } from '../helpers/cli.js';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `stancemap-${prefix}-`));

afterEach(() => vi.restoreAllMocks());

describe('stancemap evaluate on the sample corpus', () => {
  let pred: string;
  beforeAll(async () => {
    pred = temp('eval-pred');
    expect((await cli('extract', 'corpus', '--out', pred, '--quiet')).code).toBe(0);
  }, 60_000);

  it('scores a gold subfolder, finding predictions by file name, and says so', async () => {
    const { code, stdout } = await cli('evaluate', '--gold', 'gold/heldout', '--pred', pred);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(
      /^stancemap evaluate: 3 gold documents, 3 predictions matched \(3 of them by file name\), 0 missing/,
    );
    expect(stdout).toContain('False attribution');
  });

  it('--json prints the reference keys with unrounded figures', async () => {
    const { code, stdout } = await cli('evaluate', '--gold', 'gold', '--pred', pred, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      documents: { predFound: number };
      mentions: { micro: { f1: number } };
      statements: { speaker: { unnamed: { rate: number | null } } };
    };
    expect(report.documents.predFound).toBeGreaterThanOrEqual(20);
    expect(report.mentions.micro.f1).toBeGreaterThan(0.5);
    expect(report.statements.speaker.unnamed).toHaveProperty('rate');
    expect('errors' in report).toBe(false);
  });

  it('warns when no prediction matches any gold document', async () => {
    const { code, stderr, stdout } = await cli('evaluate', '--gold', 'gold/heldout', '--pred', temp('empty-pred'));
    expect(code).toBe(0);
    expect(stderr).toMatch(/no prediction under .* matches a gold document/);
    expect(stdout).toContain('0 predictions matched, 3 missing');
  });
});

describe('stancemap evaluate with some predictions missing', () => {
  it('names the gold documents without a prediction on stderr, with their count, and counts them in the report', async () => {
    const gold = temp('gold');
    const pred = temp('pred');
    const text = 'The harbour board said the channel would be dredged.';
    const statement = { ...spanOf(text, text), label: 'claim' as const, speaker: null };
    for (const id of ['ferry', 'harbour', 'mill', 'quay']) {
      writeFileSync(join(gold, `${id}.json`), JSON.stringify(makeGold(id, { statements: [statement] })));
    }
    writeFileSync(join(pred, 'harbour.json'), JSON.stringify(makeArticle(text, { docId: 'harbour', statements: [statement] })));
    const { code, stdout, stderr } = await cli('evaluate', '--gold', gold, '--pred', pred);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `stancemap: warning: 3 of 4 gold documents have no prediction under ${pred} and are scored as empty: ferry, mill, quay\n`,
    );
    expect(stdout.split('\n')[0]).toContain('1 predictions matched, 3 missing');
    const json = await cli('evaluate', '--gold', gold, '--pred', pred, '--json');
    expect((JSON.parse(json.stdout) as { documents: { predMissing: number } }).documents.predMissing).toBe(3);
    expect(json.stderr).toContain('3 of 4 gold documents have no prediction');
  });

  it('names at most ten and counts the rest', async () => {
    const gold = temp('gold');
    for (let i = 0; i < 12; i++) {
      const id = `doc-${String(i).padStart(2, '0')}`;
      writeFileSync(join(gold, `${id}.json`), JSON.stringify(makeGold(id, {})));
    }
    const { stderr } = await cli('evaluate', '--gold', gold, '--pred', temp('pred'));
    expect(stderr).toContain('12 of 12 gold documents have no prediction');
    expect(stderr).toContain('doc-09, … and 2 more\n');
  });
});

describe('stancemap evaluate --attribution', () => {
  it('warns about gold documents without a prediction', async () => {
    const converted = temp('polnear');
    expect((await cli('convert', 'polnear', 'tests/fixtures/polnear', '--out', converted)).code).toBe(0);
    const ids = readdirSync(join(converted, 'gold')).map((f) => f.replace(/\.json$/, ''));
    const pred = temp('polnear-pred');
    mkdirSync(pred, { recursive: true });
    cpSync(join(converted, 'gold', `${ids[0]}.json`), join(pred, `${ids[0]}.json`));
    const { code, stderr, stdout } = await cli('evaluate', '--attribution', '--gold', join(converted, 'gold'), '--pred', pred);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `${ids.length - 1} of ${ids.length} gold documents have no prediction under ${pred} and are scored as empty: ${ids.slice(1).join(', ')}`,
    );
    expect(stdout).toContain(`${ids.length - 1} without prediction`);
  });

  it('converts the PolNeAR fixture, extracts it, and scores detection and sources', async () => {
    const converted = temp('polnear');
    expect((await cli('convert', 'polnear', 'tests/fixtures/polnear', '--out', converted)).code).toBe(0);
    const pred = temp('polnear-pred');
    expect((await cli('extract', join(converted, 'corpus'), '--out', pred, '--quiet')).code).toBe(0);
    const json = await cli('evaluate', '--attribution', '--gold', join(converted, 'gold'), '--pred', pred, '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      documents: { gold: number; predFound: number };
      detection: { tp: number; gold: number };
      source: { total: number };
    };
    expect(report.documents.predFound).toBe(report.documents.gold);
    expect(report.detection.gold).toBeGreaterThan(0);
    expect(report.detection.tp).toBeGreaterThan(0);
    const table = await cli('evaluate', '--attribution', '--gold', join(converted, 'gold'), '--pred', pred);
    expect(table.stdout).toContain('DETECTION');
    expect(table.stdout).toContain('SOURCE');
  });

  it('refuses a negative window', async () => {
    const { code, stderr } = await cli('evaluate', '--attribution', '--gold', 'gold', '--pred', 'gold', '--window', '-3');
    expect(code).toBe(1);
    expect(stderr).toContain('--window');
  });
});
