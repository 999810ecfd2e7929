import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KbRecognizer } from '../../../src/models/kb/gazetteer.js';
import { loadKnowledgeBase } from '../../../src/resources/kb.js';
import { FatalError } from '../../../src/errors.js';
import { segmented } from '../../helpers/documents.js';

const recognizer = new KbRecognizer(loadKnowledgeBase());
const found = (text: string) => recognizer.recognizeOne(segmented(text)).map((c) => [text.slice(c.start, c.end), c.type, c.kbId]);

describe('the built-in knowledge base', () => {
  it('loads, validates and is broad', () => {
    const kb = loadKnowledgeBase();
    expect(kb.entries.size).toBeGreaterThan(300);
    const types = new Set([...kb.entries.values()].map((e) => e.type));
    expect(types).toEqual(new Set(['PERSON', 'ORGANIZATION', 'LOCATION']));
  });
});

describe('KbRecognizer', () => {
  it('matches spelling variants of one actor to one id', () => {
    const ids = ['Kata’ib Hizballah struck.', 'Kataib Hezbollah struck.', "Kata'ib Hizballah struck."].map((t) => found(t)[0]?.[2]);
    expect(ids).toEqual(['kataib-hizballah', 'kataib-hizballah', 'kataib-hizballah']);
  });

  it('takes the longest name at a position', () => {
    expect(found('Ain al-Asad Airbase was hit.')[0]?.slice(0, 2)).toEqual(['Ain al-Asad Airbase', 'LOCATION']);
  });

  it('knows the armed groups of international conflict news, an ambiguous acronym only once the full name is written', () => {
    expect(found('Boko Haram and al-Shabaab fighters were killed, the Taliban said.').map((f) => f[2])).toEqual([
      'boko-haram',
      'al-shabab',
      'taliban',
    ]);
    expect(found('RSF said the ceasefire held.')).toEqual([]);
    expect(found('The Rapid Support Forces (RSF) said the ceasefire held. RSF fighters left.').map((f) => f[2])).toEqual([
      'rapid-support-forces',
      'rapid-support-forces',
      'rapid-support-forces',
    ]);
  });

  it('leaves titles and a leading "the" out of the span', () => {
    expect(found('The Pentagon said President Joe Biden would decide.').map((f) => f[0])).toEqual(['Pentagon', 'Joe Biden']);
  });

  it('never matches inside a hyphenated modifier', () => {
    expect(found('Iran-backed groups met.')).toEqual([]);
  });

  it('matches acronyms by exact case only', () => {
    expect(found('The IRGC and the PMF.').map((f) => f[0])).toEqual(['IRGC', 'PMF']);
    expect(found('the irgc and the pmf')).toEqual([]);
  });

  it('uses an ambiguous form only once the entry is named unambiguously', () => {
    const kb = loadKnowledgeBase();
    const jordan = [...kb.entries.values()].find((e) => e.ambiguous.includes('Jordan') && e.type === 'LOCATION');
    expect(jordan?.id).toBe('jordan');
    expect(found('Jordan scored twice.').filter((f) => f[0] === 'Jordan')).toEqual([]);
    const withContext = found('The Hashemite Kingdom of Jordan closed its border. Jordan said so.');
    expect(withContext.some((f) => f[2] === jordan!.id)).toBe(true);
  });

  it('adds user entries from an extra file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancemap-kb-'));
    const file = join(dir, 'extra.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 'user-1',
        entries: [{ id: 'acme-brigade-x', type: 'ORGANIZATION', name: 'Zorblax Front', aliases: ['Zorblaxi Front'] }],
      }),
    );
    const custom = new KbRecognizer(loadKnowledgeBase([file]));
    const doc = segmented('The Zorblaxi Front said it attacked.');
    expect(custom.recognizeOne(doc).map((c) => c.kbId)).toEqual(['acme-brigade-x']);
  });

  it('rejects an invalid user file with the file and field in the message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancemap-kb-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: '1', entries: [{ id: 'Bad Id', type: 'PERSON', name: 'X' }] }));
    expect(() => loadKnowledgeBase([file])).toThrow(FatalError);
    expect(() => loadKnowledgeBase([file])).toThrow(/bad\.json: entries\.0\.id/);
  });
});
